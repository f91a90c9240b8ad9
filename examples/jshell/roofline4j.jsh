// Roofline4j in JShell:  jshell --class-path cli/target/roofline4j.jar examples/jshell/roofline4j.jsh
// (./roofline4j builds cli/target/roofline4j.jar on first use). Results print as one-line summaries;
// e.table() gives the per-operation breakdown and e.toHtml() the same as HTML.
import io.github.roofline4j.catalog.*;
import io.github.roofline4j.charts.*;
import io.github.roofline4j.hardware.*;
import io.github.roofline4j.inference.*;
import io.github.roofline4j.json.*;
import io.github.roofline4j.model.*;
import io.github.roofline4j.parallel.*;
import io.github.roofline4j.quant.*;
import io.github.roofline4j.training.*;
import java.nio.file.Path;

var catalog = HardwareCatalog.builtIn();
var h100 = catalog.get("h100-sxm");
var mi300x = catalog.get("mi300x");
var b200 = catalog.get("b200");
var llama8b = Models.get("llama-3.1-8b");
var llama70b = Models.get("llama-3.1-70b");

// serve(model, accelerator, plan): an inference estimate; plan() starts a ServingPlan (BF16, batch 1, 512 + 128 tokens)
InferenceEstimate serve(TransformerSpec model, Accelerator accelerator, ServingPlan.Builder plan) {
    return InferenceEstimator.estimate(model, accelerator, plan.build());
}
ServingPlan.Builder plan() { return ServingPlan.builder(); }
Precision precision(String weights, String activations, String kv) {
    return new Precision(WeightFormat.parse(weights), DataType.parse(activations), KvFormat.parse(kv));
}

// train(model, accelerator, gpus, plan): a training estimate; trainingPlan() starts a ParallelPlan
TrainingEstimate train(TransformerSpec model, Accelerator accelerator, int gpus, ParallelPlan.Builder plan) {
    return TrainingEstimator.estimate(model, ClusterSpec.of(accelerator, gpus), plan.build(), null);
}
ParallelPlan.Builder trainingPlan() { return ParallelPlan.builder(); }

// ask(json): the JSON API
String ask(String json) { return Roofline4j.evaluate(json); }

System.out.println("roofline4j: catalog, h100, mi300x, b200, llama8b, llama70b; serve(...), plan(), precision(...), train(...), trainingPlan(), ask(json)");
