package io.github.roofline4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.catalog.validation.PublishedResult;
import io.github.roofline4j.catalog.validation.PublishedResult.Check;
import io.github.roofline4j.catalog.validation.PublishedResults;
import io.github.roofline4j.catalog.validation.ValidationReport;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.parallel.ZeroStage;
import io.github.roofline4j.training.TrainingEstimate;
import io.github.roofline4j.training.TrainingEstimator;

/**
 * Training against published runs (validation-public.md §2 and §3), all with the default efficiency model of each
 * accelerator and nothing fitted to these tables; the data, plans and clusters are in
 * {@link PublishedResults#training()}.
 *
 * <p>What the errors say. The model prices each operation at what the best kernels reach (matrix units at the
 * measured MAMF, FlashAttention-2's measured rate, NCCL-level bus bandwidth, perfect overlap where the schedule
 * allows it). Runs on highly tuned stacks come close: PaLM on TPU v4 within 1 % (MFU) and 6 % (HFU). The
 * 2021-2022 GPU stacks ran 13 % to 48 % below it (Megatron-LM Table 1 and 2, BLOOM, OPT, MT-NLG), and the
 * Llama 2 GPU-hours, which include everything a real run spends, are 27 % to 47 % above the model's. DeepSpeed's
 * 2021 ZeRO-3 at scale (Table 2) collapsed to 44 TFLOP/s on 1536 GPUs; the model, which overlaps the parameter
 * gathers with computation, stays at about 260 and is only an upper bound there. Tolerances state the errors
 * measured.
 */
class TrainingValidationTest {

    /** The median error over Megatron-LM's Table 1 must stay within 30 %. */
    private static final double TABLE1_MEDIAN_TOLERANCE = 0.30;

    private static Stream<Arguments> family(String family) {
        return Published.family(PublishedResults.training(), family);
    }

    static Stream<Arguments> table1() {
        return family(PublishedResults.MEGATRON_TABLE_1);
    }

    static Stream<Arguments> table2PtdP() {
        return family("Megatron-LM Table 2 PTD-P");
    }

    static Stream<Arguments> table2Zero3() {
        return family("Megatron-LM Table 2 ZeRO-3");
    }

    static Stream<Arguments> runs() {
        return Stream.of("BLOOM-176B", "OPT-175B", "MT-NLG 530B", "PaLM 540B", "Megatron-LM eq. 4 projections",
                "Llama 2 GPU-hours", "FlashAttention GPT training").flatMap(TrainingValidationTest::family);
    }

    /**
     * Narayanan et al. SC'21 Table 1 (validation-public.md §3.1; SotaroKaneda/MLCarbon {@code megatron_table.csv}
     * @69070b28, cross-checked against the Megatron-LM README figure): hardware TFLOP/s per A100-80GB (their eq. 3
     * counts the recomputed forward). The paper ran the interleaved schedule with an unstated number of chunks;
     * the model runs 1F1B, which can only lower its prediction. Errors measured: +14 % (530B, 1T) to +45 % (1.7B),
     * median +26 %; tolerance 50 %.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("table1")
    void megatronTable1(String name, PublishedResult result) {
        assertEquals(0.50, result.tolerance());
        Published.check(result);
    }

    /** Table 1's median error within 30 %. */
    @Test
    void megatronTable1_median() {
        List<PublishedResult> rows = PublishedResults.training().stream()
                .filter(r -> r.family().equals(PublishedResults.MEGATRON_TABLE_1)).toList();
        assertEquals(10, rows.size());
        double median = ValidationReport.medianError(rows);
        assertTrue(Math.abs(median) <= TABLE1_MEDIAN_TOLERANCE, "Table 1 median error " + median);
    }

    /**
     * Narayanan et al. Table 2, PTD-P (validation-public.md §3.1; llm-analysis
     * {@code figures/megatron-lm-2nd-table-2.png}): 174.6B on TP8 PP12 and 529.6B on TP8 PP35, micro-batch 1.
     * Errors measured: +25 %, +25 %, +25 % (175B) and +18 %, +18 %, +16 % (530B); tolerance 35 %.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("table2PtdP")
    void megatronTable2PtdP(String name, PublishedResult result) {
        assertEquals(0.35, result.tolerance());
        Published.check(result);
    }

    /**
     * Narayanan et al. Table 2, ZeRO-3 without model parallelism (DeepSpeed, 2021), 174.6B, batch 1536. At 384
     * GPUs (micro-batch 4) the model predicts 260 against 144 TFLOP/s: +81 %, tolerance 100 %. At 768 and 1536
     * GPUs the published run fell to 88 and 44 while the model, which hides the per-layer gathers behind the
     * computation, stays at 260 (+196 %, +491 %): there the model is only an upper bound, which is what is checked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("table2Zero3")
    void megatronTable2Zero3(String name, PublishedResult result) {
        if (name.endsWith("384")) {
            assertEquals(Check.WITHIN, result.check());
            assertEquals(1.00, result.tolerance());
        } else {
            assertEquals(Check.UPPER_BOUND, result.check());
        }
        Published.check(result);
    }

    /** The paper: 529.6B with ZeRO-3 and micro-batch 4 does not fit on 560 GPUs; the model agrees. */
    @Test
    void megatronTable2Zero3_doesNotFitOn560() {
        TrainingEstimate e = TrainingEstimator.estimate(Models.get("megatron-529.6b"),
                HardwareCatalog.builtIn().cluster("dgx-a100").withNodeCount(70),
                PublishedResults.megatron(1, 1, 560, 4, 2240, ZeroStage.PARAMETERS), null);
        assertFalse(e.fits());
        assertTrue(e.violations().get(0).contains("but"), e.violations().toString());
    }

    /**
     * Other runs, each with its tolerance in {@link PublishedResults#training()}: BLOOM-176B (+41 % TFLOP/s, step
     * &minus;29 %; 50 %), OPT-175B (+46 %; 50 %), MT-NLG 530B (+42 %, +43 %, +48 %; 50 %), PaLM 540B (MFU &minus;1 %,
     * HFU +6 %; 15 %), Megatron-LM's eq. 4 projections (&minus;23 %, &minus;11 %; 30 %), Llama 2 GPU-hours
     * (&minus;46 %, &minus;47 %, &minus;27 %; 50 %), FlashAttention's GPT training (+28 % to +44 %; 50 %).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void publishedRun(String name, PublishedResult result) {
        Published.check(result);
    }
}
