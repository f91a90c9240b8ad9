package io.github.roofline4j.roofline;

import io.github.roofline4j.support.Checks;

/**
 * The output tile one compute unit produces per step of a GEMM kernel (a CUDA thread block's
 * tile). NVIDIA's "Matrix Multiplication Background User's Guide" (§2.3) lists the cuBLAS tiles
 * 256&times;128 and 128&times;256 (most efficient), 128&times;128, 256&times;64, 128&times;64 and
 * 64&times;64 (least efficient).
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows tile rows (along m), &gt; 0
 * @param cols tile columns (along n), &gt; 0
 */
public record MatmulTile(int rows, int cols) {

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public MatmulTile {
        Checks.positive("rows", rows);
        Checks.positive("cols", cols);
    }
}
