package io.github.roofline4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.roofline4j.support.Json;

/** Properties of the accelerator JSON form over seeded random accelerators. */
class HardwareJsonProperties {

    private static final long SEED = 20261122L;

    static Stream<Accelerator> randomAccelerators() {
        return LongStream.range(0, 200).mapToObj(i -> randomAccelerator(new Random(SEED + i), i));
    }

    /** Builds a valid accelerator with a random subset of optional figures. */
    static Accelerator randomAccelerator(Random r, long i) {
        Accelerator.Builder b = Accelerator.builder("gpu-" + i, "Vendor" + r.nextInt(5), "GPU " + i)
                .memoryBytes(1 + (long) (r.nextDouble() * 1e12))
                .memoryBandwidthBytesPerSecond(1e9 + r.nextDouble() * 1e13);
        DataType[] types = DataType.values();
        int peaks = 1 + r.nextInt(types.length);
        for (int k = 0; k < peaks; k++) {
            DataType t = types[r.nextInt(types.length)];
            b.peakFlopsPerSecond(t, 1e12 + r.nextDouble() * 1e16).source("peakFlopsPerSecond." + t.name(), "REF " + k);
        }
        if (r.nextBoolean()) {
            b.vectorFlopsPerSecond(DataType.FP32, 1e12 + r.nextDouble() * 1e14);
        }
        if (r.nextBoolean()) {
            b.onChipCacheBytes(1 + r.nextInt(1 << 30)).source("onChipCacheBytes", "REF cache");
        }
        if (r.nextBoolean()) {
            b.computeUnits(1 + r.nextInt(500), r.nextBoolean() ? "SM" : "CU");
        }
        if (r.nextBoolean()) {
            b.clockHertz(1e9 + r.nextDouble() * 2e9);
        }
        if (r.nextBoolean()) {
            b.tdpWatts(50 + r.nextDouble() * 1500);
        }
        if (r.nextBoolean()) {
            Interconnect link = Interconnect.of("link", 1e9 + r.nextDouble() * 1e12);
            b.scaleUp(r.nextBoolean() ? link : link.withLatencySeconds(r.nextDouble() * 1e-5));
            b.scaleUpDomainDevices(1 + r.nextInt(72));
        }
        if (r.nextBoolean()) {
            b.scaleOut(Interconnect.of("nic", 1e9 + r.nextDouble() * 1e11)).devicesPerNode(1 + r.nextInt(16));
        }
        if (r.nextBoolean()) {
            b.hostLink(Interconnect.of("PCIe", 1e9 + r.nextDouble() * 1e11));
        }
        if (r.nextBoolean()) {
            b.memoryType("HBM" + r.nextInt(4)).launchYear(2015 + r.nextInt(12));
        }
        if (r.nextBoolean()) {
            b.aliases(List.of("alias-" + i, "other-" + i)).note("note " + i).reference("REF", "a reference");
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("randomAccelerators")
    void roundTrip_writeThenReadGivesEqual(Accelerator a) {
        Accelerator back = HardwareJson.parseAccelerator(Json.write(HardwareJson.toJson(a)), "round trip");
        assertEquals(a, back);
    }

    @ParameterizedTest
    @MethodSource("randomAccelerators")
    void computePath_neverSlowerThanNativeAndAlwaysPositive(Accelerator a) {
        for (DataType t : DataType.values()) {
            try {
                ComputePath p = a.computePath(t);
                if (a.supportsNatively(t)) {
                    assertEquals(true, p.flopsPerSecond() >= a.peakFlopsPerSecond().get(t));
                }
                assertEquals(true, p.flopsPerSecond() > 0 && Double.isFinite(p.flopsPerSecond()));
            } catch (UnsupportedDataTypeException expected) {
                assertEquals(t, expected.type());
            }
        }
    }
}
