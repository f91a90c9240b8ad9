package io.github.roofline4j.model;

/**
 * The normalization layers of a model.
 */
public enum Norm {
    /** LayerNorm (Ba et al. 2016): a weight and a bias of the normalized width. */
    LAYER_NORM(2),
    /** RMSNorm (Zhang and Sennrich 2019): a weight of the normalized width. */
    RMS_NORM(1);

    private final int vectorsPerNorm;

    Norm(int vectorsPerNorm) {
        this.vectorsPerNorm = vectorsPerNorm;
    }

    /**
     * Returns the parameters of one norm over a width.
     *
     * @param width the normalized width
     * @return width for RMSNorm, 2 &middot; width for LayerNorm
     */
    public long parameterCount(long width) {
        return Math.multiplyExact(vectorsPerNorm, width);
    }
}
