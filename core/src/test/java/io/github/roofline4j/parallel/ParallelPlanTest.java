package io.github.roofline4j.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.roofline4j.model.Models;

class ParallelPlanTest {

    @Test
    void microBatches_fromGlobalBatch() {
        ParallelPlan p = ParallelPlan.builder().tensorParallel(8).pipelineParallel(8).dataParallel(24).microBatchSize(1)
                .globalBatchSize(2304).build();
        assertEquals(96, p.microBatches());
        assertEquals(1536, p.deviceCount());
        assertEquals(2304L * 2048, p.tokensPerStep());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "global 100 micro 3 dp 4|globalBatchSize 100 must be divisible by microBatchSize x dataParallel = 12",
            "virtual 2 pp 1|virtualStages 2 needs pipeline parallelism > 1",
            "sp tp 1|sequence parallelism needs tensor parallelism > 1",
            "cp 3|contextParallel 3 must divide the sequence of 2048 tokens",
            "ep 3|expertParallel 3 must divide dataParallel x contextParallel = 4",
            "interleaved|the interleaved schedule needs the 6 micro-batches per step to be a multiple of pipelineParallel 4",
            "hybrid zero 0|hybridSharding needs a ZeRO stage >= 1: there is nothing to shard at ZeRO-0",
            "offload params zero 1|offloading parameters needs ZeRO-3 (DeepSpeed's offload_param), was ZeRO-1",
            "offload optimizer zero 0|offloading optimizer states needs a ZeRO stage >= 1 (DeepSpeed's offload_optimizer), was ZeRO-0",
            "uneven interleaved|unevenPipeline needs virtualStages 1 (the 1F1B schedule), was 2",
            "tokens overflow|globalBatchSize x sequenceTokens = 4 x 4611686018427387904 overflows a long"})
    void invalidPlans_nameTheRule(String which, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (which) {
                case "global 100 micro 3 dp 4" -> ParallelPlan.builder().dataParallel(4).microBatchSize(3).globalBatchSize(100)
                        .build();
                case "virtual 2 pp 1" -> ParallelPlan.builder().virtualStages(2).build();
                case "sp tp 1" -> ParallelPlan.builder().sequenceParallel(true).build();
                case "cp 3" -> ParallelPlan.builder().contextParallel(3).build();
                case "ep 3" -> ParallelPlan.builder().dataParallel(4).expertParallel(3).build();
                case "hybrid zero 0" -> ParallelPlan.builder().hybridSharding(true).build();
                case "offload params zero 1" -> ParallelPlan.builder().zero(ZeroStage.OPTIMIZER)
                        .offload(Offload.OPTIMIZER_AND_PARAMETERS).build();
                case "offload optimizer zero 0" -> ParallelPlan.builder().offload(Offload.OPTIMIZER).build();
                case "uneven interleaved" -> ParallelPlan.builder().pipelineParallel(2).virtualStages(2).globalBatchSize(2)
                        .unevenPipeline(true).build();
                case "tokens overflow" -> ParallelPlan.builder().globalBatchSize(4).sequenceTokens(1L << 62).build();
                default -> ParallelPlan.builder().pipelineParallel(4).virtualStages(2).dataParallel(2).globalBatchSize(12)
                        .build();
            }
        });
        assertEquals(message, e.getMessage());
    }

    @Test
    void check_againstModelAndDevices() {
        ParallelPlan p = ParallelPlan.builder().tensorParallel(8).pipelineParallel(3).build();
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> p.check(Models.get("llama-2-7b"), 24));
        assertTrue(layers.getMessage().contains("must divide the 32 layers"), layers.getMessage());
        IllegalArgumentException devices = assertThrows(IllegalArgumentException.class,
                () -> p.check(Models.get("gpt-3-175b"), 32));
        assertTrue(devices.getMessage().contains("must equal the 32 devices"), devices.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> ParallelPlan.builder().expertParallel(2).dataParallel(2).build().check(Models.get("llama-2-7b"), 2));
        assertTrue(dense.getMessage().contains("needs a mixture-of-experts model"), dense.getMessage());
    }

    @Test
    void zeroStages() {
        assertEquals(ZeroStage.PARAMETERS, ZeroStage.of(3));
        assertThrows(IllegalArgumentException.class, () -> ZeroStage.of(4));
        assertEquals(12, Optimizer.ADAM.stateBytesPerParameter());
        assertEquals(8, Optimizer.SGD_MOMENTUM.stateBytesPerParameter());
    }
}
