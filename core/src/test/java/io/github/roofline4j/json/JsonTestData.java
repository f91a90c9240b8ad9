package io.github.roofline4j.json;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ClusterSpec;
import io.github.roofline4j.hardware.HardwareJson;
import io.github.roofline4j.support.UnknownNameException;

import java.util.List;

/** Hardware for the JSON API's tests in core, which cannot see the catalog module: one accelerator and one cluster by id. */
final class JsonTestData {

    /** H100 SXM figures (NVIDIA H100 datasheet; WP104), as an accelerator object. */
    static final String ACCELERATOR_JSON = """
            {"id": "h100-test", "vendor": "NVIDIA", "displayName": "H100 test", "memoryBytes": "80 GB",
             "memoryBandwidthBytesPerSecond": "3.35 TB/s",
             "peakFlopsPerSecond": {"BF16": "989.4 TFLOP/s", "FP16": "989.4 TFLOP/s", "FP8": "1978.9 TFLOP/s",
                                    "INT8": "1978.9 TFLOP/s"},
             "vectorFlopsPerSecond": {"FP32": "66.9 TFLOP/s"},
             "scaleUp": {"name": "NVLink 4", "perDirectionBytesPerSecond": "450 GB/s"},
             "scaleUpDomainDevices": 8, "devicesPerNode": 8, "tdpWatts": 700,
             "scaleOut": {"name": "NDR", "perDirectionBytesPerSecond": "50 GB/s"}}""";

    static final Accelerator H100 = HardwareJson.parseAccelerator(ACCELERATOR_JSON, "test accelerator");

    /** 16 of them: two nodes. */
    static final ClusterSpec POD = ClusterSpec.of(H100, 16);

    /** Knows {@code h100-test} and the cluster {@code pod-test}. */
    static final HardwareResolver RESOLVER = new HardwareResolver() {
        @Override
        public Accelerator accelerator(String id) {
            if (id.equals("h100-test")) {
                return H100;
            }
            throw new UnknownNameException("accelerator", id, List.of("h100-test"));
        }

        @Override
        public ClusterSpec cluster(String id) {
            if (id.equals("pod-test")) {
                return POD;
            }
            throw new UnknownNameException("cluster", id, List.of("pod-test"));
        }
    };

    static final JsonApi API = JsonApi.of(RESOLVER);

    private JsonTestData() {
    }
}
