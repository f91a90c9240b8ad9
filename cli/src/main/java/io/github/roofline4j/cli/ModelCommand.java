package io.github.roofline4j.cli;

import java.io.PrintWriter;
import java.util.List;

import io.github.roofline4j.json.ModelRequest;
import io.github.roofline4j.json.ModelSource;
import io.github.roofline4j.model.ModelPreset;
import io.github.roofline4j.model.ModelSummary;
import io.github.roofline4j.model.Models;
import io.github.roofline4j.model.TransformerSpec;
import io.github.roofline4j.quant.KvFormat;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code roofline4j model}: the model presets and the math of one model. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = "List model presets, or show one model's parameters, FLOPs per token and KV cache.",
        subcommands = {ModelCommand.ListCommand.class, ModelCommand.ShowCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand; one of: list, show");
    }

    /** {@code roofline4j model list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the model presets.")
    static final class ListCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        private boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<ModelPreset> presets = Models.list();
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                ArrayNode array = root.putArray("models");
                for (ModelPreset p : presets) {
                    ObjectNode o = array.addObject();
                    o.put("id", p.id());
                    ArrayNode aliases = o.putArray("aliases");
                    p.aliases().forEach(aliases::add);
                    ObjectNode summary = Json.mapper().valueToTree(summary(p.spec(), p.source(), p.notes(), null,
                            KvFormat.parse("bf16")));
                    o.setAll(summary);
                }
                out.println(Json.write(root));
                return;
            }
            TextTable t = TextTable.withHeader("id", "name", "parameters", "active", "layers", "hidden", "heads/kv",
                    "attention", "context").rightAligned("parameters", "active", "layers", "hidden", "context");
            for (ModelPreset p : presets) {
                TransformerSpec s = p.spec();
                var c = s.parameterCount();
                t.row(p.id(), s.name(), UnitFormat.count(c.total()),
                        c.active() == c.total() ? "" : UnitFormat.count(c.active()), s.layerCount(), s.hiddenSize(),
                        s.attention().headCount() + "/" + s.attention().kvHeadCount(), s.attention().kind(),
                        s.maxPositionEmbeddings());
            }
            out.print(t.render());
            out.println(presets.size() + " presets. 'roofline4j model show ID' gives the parameter breakdown, FLOPs and KV cache; "
                    + "MODEL may also be a path to a Hugging Face config.json.");
        }
    }

    /** {@code roofline4j model show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a model's parameters by component, FLOPs per token and KV cache.")
    static final class ShowCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL",
                description = "A preset id (llama-3.1-70b, gpt-3-175b, deepseek-v3, ...) or a path to a Hugging Face config.json.")
        private String model;

        @Option(names = "--seq", paramLabel = "S",
                description = "Sequence length in tokens for the FLOPs and KV figures (default: 4096, or the model's maximum if shorter).")
        private Long seq;

        @Option(names = "--kv", paramLabel = "FORMAT", defaultValue = "bf16",
                description = "KV-cache format: fp32, bf16, fp16, fp8, int8, int4; int8 and int4 include their per-vector scales (default: ${DEFAULT-VALUE}).")
        private String kv;

        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public void run() {
            ModelSource source = ModelSource.parse(model);
            KvFormat kvFormat = kvFormat(kv);
            if (seq != null) {
                TransformerSpec s = source.resolve();
                if (seq < 1 || seq > s.maxPositionEmbeddings()) {
                    throw new IllegalArgumentException("--seq must be in [1, " + s.maxPositionEmbeddings() + "] for "
                            + s.name() + ", was " + seq);
                }
            }
            ModelSummary summary = new ModelRequest(null, source, seq, kvFormat).evaluate(Target.resolver());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(summary));
            } else {
                out.print(summary.table());
            }
        }
    }

    static ModelSummary summary(TransformerSpec s, String source, List<String> notes, Long seq, KvFormat kv) {
        long tokens = seq != null ? seq : ModelSummary.defaultSequenceTokens(s);
        return ModelSummary.of(s, source, tokens, kv, notes);
    }

    /**
     * Reads the {@code --kv} option.
     *
     * @param value the option value
     * @return the KV-cache format
     * @throws IllegalArgumentException naming the flag, the value and the accepted names
     */
    static KvFormat kvFormat(String value) {
        try {
            return KvFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kv: " + e.getMessage() + " (accepted: "
                    + String.join(", ", KvFormat.NAMES) + ")");
        }
    }
}
