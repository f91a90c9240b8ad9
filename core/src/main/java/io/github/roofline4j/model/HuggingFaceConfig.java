package io.github.roofline4j.model;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Hugging Face {@code config.json} into a {@link TransformerSpec}, offline.
 *
 * <p>Supported {@code model_type}s: {@code gpt2}, {@code gpt_neox}, {@code opt}, {@code llama},
 * {@code mistral}, {@code mixtral}, {@code qwen2}, {@code qwen2_moe}, {@code qwen3},
 * {@code gemma}, {@code gemma2}, {@code phi3}, {@code deepseek_v2}, {@code deepseek_v3} and
 * {@code t5}. Each family's reading follows its Hugging Face {@code configuration_*.py} and
 * {@code modeling_*.py} (checked against transformers 5.18): a key that is absent takes the
 * default of the configuration class, and a key that is explicitly {@code null} means what
 * transformers makes of it (a default, "none", or an error where transformers cannot build the
 * model). The core sizes ({@code hidden_size}, {@code num_hidden_layers},
 * {@code num_attention_heads}, {@code intermediate_size}, {@code vocab_size},
 * {@code max_position_embeddings} and their GPT-2/T5 spellings) are always required: a silent
 * default there would describe another model.
 * <ul>
 * <li>gpt2: {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions}, {@code n_inner}
 *     (absent or null: 4&middot;d); LayerNorm, biases everywhere, learned positions, tied by
 *     default. {@code add_cross_attention: true} (GPT-2 as a decoder of an encoder-decoder) is
 *     rejected.</li>
 * <li>gpt_neox: LayerNorm, rotary, biases ({@code attention_bias}, default true), untied by default.</li>
 * <li>opt: {@code ffn_dim}, learned positions with {@code max_position_embeddings} + 2 rows (the
 *     offset of {@code OPTLearnedPositionalEmbedding}), biases ({@code enable_bias}), tied by
 *     default. A projected embedding ({@code word_embed_proj_dim} != hidden), post-norm
 *     ({@code do_layer_norm_before: false}), norms without weights and
 *     {@code _remove_final_layer_norm: true} are rejected.</li>
 * <li>llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, phi3, gemma, gemma2: RMSNorm, rotary,
 *     gated MLP. Defaults when absent:
 *     <table>
 *     <caption>Defaults of the llama-like families</caption>
 *     <tr><th>type</th><th>num_key_value_heads</th><th>head_dim</th><th>sliding window</th></tr>
 *     <tr><td>llama, phi3</td><td>heads</td><td>hidden // heads</td><td>none (phi3: {@code sliding_window} on every layer when set)</td></tr>
 *     <tr><td>mistral</td><td>8</td><td>hidden // heads</td><td>{@code sliding_window} 4096 on every layer</td></tr>
 *     <tr><td>mixtral</td><td>8</td><td>hidden // heads</td><td>{@code sliding_window} on every layer when set</td></tr>
 *     <tr><td>qwen2, qwen3</td><td>32</td><td>hidden // heads (qwen3: 128)</td><td>only with
 *         {@code use_sliding_window}: {@code sliding_window} 4096 on the layers from
 *         {@code max_window_layers} (28) on</td></tr>
 *     <tr><td>qwen2_moe</td><td>16</td><td>hidden // heads</td><td>only with
 *         {@code use_sliding_window}: {@code sliding_window} 4096 on the even layers below
 *         {@code max_window_layers} (28)</td></tr>
 *     <tr><td>gemma</td><td>16</td><td>256</td><td>none</td></tr>
 *     <tr><td>gemma2</td><td>4</td><td>256</td><td>{@code sliding_window} 4096 on the even layers</td></tr>
 *     </table>
 *     "hidden // heads" is floor division, as transformers computes it. An explicit
 *     {@code num_key_value_heads: null} means the heads (an error for gemma, gemma2 and
 *     qwen2_moe, which transformers cannot build so); {@code head_dim: null} means hidden // heads
 *     for llama, mistral and mixtral and is an error for the others; {@code sliding_window: null}
 *     means no window. {@code layer_types} (qwen2, qwen2_moe, qwen3, gemma2), when given, says
 *     which layers slide. Biases: {@code attention_bias} (q, k, v and o; default false) for llama,
 *     qwen3, gemma and gemma2; {@code mlp_bias} (default false) for llama; qwen2 always has q/k/v
 *     biases and qwen2_moe has them by {@code qkv_bias} (default true); mistral, mixtral and phi3
 *     have none. Qwen3 has per-head QK norms; Gemma and Gemma 2 tie the embeddings by default
 *     and Gemma 2 has four norms per layer.</li>
 * <li>MoE: mixtral {@code num_local_experts} (8) and {@code num_experts_per_tok} (2) on every
 *     layer; qwen2_moe {@code num_experts} (60), {@code num_experts_per_tok} (4),
 *     {@code moe_intermediate_size} (1408) and one shared expert of
 *     {@code shared_expert_intermediate_size} (5632) with a sigmoid gate, on the layers that
 *     {@code decoder_sparse_step} (1) selects and {@code mlp_only_layers} does not.</li>
 * <li>deepseek_v2 and deepseek_v3: MLA from {@code q_lora_rank} (1536; null for none),
 *     {@code kv_lora_rank} (512), {@code qk_nope_head_dim} (128), {@code qk_rope_head_dim} (64)
 *     and {@code v_head_dim} (128); routed experts {@code n_routed_experts} (v2: 64, v3: 256; also
 *     read as v2's {@code num_experts} and v3's {@code num_local_experts}), {@code n_shared_experts}
 *     (v2: 2, v3: 1) of {@code moe_intermediate_size} (v2: 1407, v3: 2048),
 *     {@code num_experts_per_tok} (v2: required, v3: 8), dense before
 *     {@code first_k_dense_replace} (v2: 0, v3: 3), every {@code moe_layer_freq}-th (1) layer
 *     after; v3's {@code num_nextn_predict_layers} (also {@code num_mtp_layers}; 1) MTP modules,
 *     counted apart.</li>
 * <li>t5: encoder-decoder with {@code num_layers} and {@code num_decoder_layers}, {@code d_kv},
 *     {@code d_ff}, a relative attention bias of {@code relative_attention_num_buckets}, and
 *     {@code feed_forward_proj} {@code relu} or {@code gated-gelu}; no biases.</li>
 * </ul>
 *
 * <p>Keys that do not change the parameter count, FLOPs or KV cache are ignored on purpose:
 * token ids ({@code bos_token_id}, ...), dropout rates, initializer ranges, norm epsilons, rotary
 * bases and scaling ({@code rope_theta}, {@code rope_scaling}, {@code rotary_pct},
 * {@code partial_rotary_factor}), logit soft-caps, {@code query_pre_attn_scalar},
 * {@code use_parallel_residual}, {@code pretraining_tp}, router loss coefficients and top-k
 * normalization, {@code quantization_config} (quantization is a plan choice, not the model),
 * {@code torch_dtype} and {@code transformers_version}. A missing required key, a value of the
 * wrong type, a non-positive size or one too large for an {@code int} is an error naming the key;
 * a shape the records reject (heads that do not group, a model whose parameter count overflows)
 * is an error naming the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class HuggingFaceConfig {

    /** The supported {@code model_type} values. */
    public static final List<String> MODEL_TYPES = List.of("gpt2", "gpt_neox", "opt", "llama", "mistral", "mixtral",
            "qwen2", "qwen2_moe", "qwen3", "gemma", "gemma2", "phi3", "deepseek_v2", "deepseek_v3", "t5");

    private static final String SLIDING = "sliding_attention";
    private static final String FULL = "full_attention";

    private HuggingFaceConfig() {
    }

    /**
     * Reads a config file.
     *
     * @param file the {@code config.json}
     * @return the spec, named after {@code _name_or_path} or the file's directory
     * @throws InvalidInputException if the file is unreadable, malformed, of an unsupported
     *         {@code model_type}, or lacks a required key
     */
    public static TransformerSpec read(Path file) {
        JsonNode root = Json.read(file);
        Path parent = file.toAbsolutePath().getParent();
        String fallback = parent != null && parent.getFileName() != null ? parent.getFileName().toString()
                : file.getFileName().toString();
        return read(root, file.toString(), fallback);
    }

    /**
     * Reads a config given as JSON text.
     *
     * @param json the config
     * @param source a description of the input, for messages
     * @return the spec
     * @throws InvalidInputException if the text is malformed, of an unsupported
     *         {@code model_type}, or lacks a required key
     */
    public static TransformerSpec parse(String json, String source) {
        return read(Json.parse(json, source), source, null);
    }

    /**
     * Reads a config tree.
     *
     * @param root the parsed config
     * @param source a description of the input, for messages
     * @param defaultName the name when the config has no {@code _name_or_path}; null for the model type
     * @return the spec
     * @throws InvalidInputException if the config is of an unsupported {@code model_type} or lacks a required key
     */
    public static TransformerSpec read(JsonNode root, String source, String defaultName) {
        Config c = new Config(JsonFields.of(root, source, "$"));
        String type = c.f.string("model_type");
        String name = c.f.optionalString("_name_or_path").filter(s -> !s.isBlank())
                .orElse(defaultName != null ? defaultName : type);
        TransformerSpec.Builder b = TransformerSpec.builder(name);
        switch (type) {
            case "gpt2" -> gpt2(c, b);
            case "gpt_neox" -> gptNeox(c, b);
            case "opt" -> opt(c, b);
            case "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "phi3", "gemma", "gemma2" ->
                    llamaLike(c, b, type);
            case "deepseek_v2", "deepseek_v3" -> deepseek(c, b, type);
            case "t5" -> t5(c, b);
            default -> throw c.f.error("model_type", "unsupported model_type '" + type + "'; supported: "
                    + String.join(", ", MODEL_TYPES));
        }
        return c.f.build(b::build);
    }

    private static void gpt2(Config c, TransformerSpec.Builder b) {
        if (c.bool("add_cross_attention", false)) {
            throw c.f.error("add_cross_attention", "GPT-2 with cross-attention (true: the decoder of an"
                    + " encoder-decoder model) is not modelled");
        }
        int d = c.size("n_embd");
        int heads = c.size("n_head");
        int positions = c.size("n_positions");
        int headDim = c.divide("n_embd", d, "n_head", heads);
        OptionalInt inner = c.optionalSize("n_inner");
        int innerSize;
        if (inner.isPresent()) {
            innerSize = inner.getAsInt();
        } else {
            try {
                innerSize = Math.multiplyExact(4, d); // GPT2MLP: n_inner if not None else 4 * n_embd
            } catch (ArithmeticException e) {
                throw c.f.error("n_inner", "is null or absent, and its default 4 * n_embd (" + 4L * d
                        + ") does not fit in a 32-bit integer; give n_inner");
            }
        }
        String activation = c.f.optionalString("activation_function").orElse("gelu_new");
        b.hiddenSize(d).layerCount(c.size("n_layer")).vocabSize(c.size("vocab_size")).maxPositionEmbeddings(positions)
                .norm(Norm.LAYER_NORM).positions(c.f.build(() -> Positions.learned(positions)))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(c.f.build(() -> new Attention(heads, heads, headDim, true, true, false,
                        OptionalInt.empty(), 0, Optional.empty())))
                .mlp(c.f.build(() -> new Mlp(innerSize, false, true, activation)));
    }

    private static void gptNeox(Config c, TransformerSpec.Builder b) {
        int d = c.size("hidden_size");
        int heads = c.size("num_attention_heads");
        boolean bias = c.bool("attention_bias", true);
        int headDim = c.divide("hidden_size", d, "num_attention_heads", heads);
        int intermediate = c.size("intermediate_size");
        String activation = c.f.optionalString("hidden_act").orElse("gelu");
        b.hiddenSize(d).layerCount(c.size("num_hidden_layers")).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.size("max_position_embeddings")).norm(Norm.LAYER_NORM)
                .positions(Positions.rotary()).tiedEmbeddings(c.bool("tie_word_embeddings", false))
                .attention(c.f.build(() -> new Attention(heads, heads, headDim, bias, bias, false,
                        OptionalInt.empty(), 0, Optional.empty())))
                .mlp(c.f.build(() -> new Mlp(intermediate, false, true, activation)));
    }

    private static void opt(Config c, TransformerSpec.Builder b) {
        int d = c.size("hidden_size");
        int heads = c.size("num_attention_heads");
        int maxPositions = c.size("max_position_embeddings");
        OptionalInt projection = c.optionalSize("word_embed_proj_dim");
        if (projection.isPresent() && projection.getAsInt() != d) {
            throw c.f.error("word_embed_proj_dim", "a projected embedding (" + projection.getAsInt() + " != hidden_size "
                    + d + ", as in opt-350m) is not modelled");
        }
        if (!c.bool("do_layer_norm_before", true)) {
            throw c.f.error("do_layer_norm_before", "post-norm OPT (false, as in opt-350m) is not modelled");
        }
        if (!c.bool("layer_norm_elementwise_affine", true)) {
            throw c.f.error("layer_norm_elementwise_affine", "LayerNorm without weights (false) is not modelled");
        }
        if (c.bool("_remove_final_layer_norm", false)) {
            throw c.f.error("_remove_final_layer_norm", "OPT without its final LayerNorm (true, a legacy checkpoint"
                    + " layout) is not modelled");
        }
        boolean bias = c.bool("enable_bias", true);
        if (maxPositions > Integer.MAX_VALUE - 2) {
            throw c.f.error("max_position_embeddings", "must be <= " + (Integer.MAX_VALUE - 2)
                    + " (OPT adds 2 position rows), was " + maxPositions);
        }
        int headDim = c.divide("hidden_size", d, "num_attention_heads", heads);
        int ffn = c.size("ffn_dim");
        String activation = c.f.optionalString("activation_function").orElse("relu");
        b.hiddenSize(d).layerCount(c.size("num_hidden_layers")).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(maxPositions).norm(Norm.LAYER_NORM)
                .positions(c.f.build(() -> Positions.learned(maxPositions + 2)))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(c.f.build(() -> new Attention(heads, heads, headDim, bias, bias, false,
                        OptionalInt.empty(), 0, Optional.empty())))
                .mlp(c.f.build(() -> new Mlp(ffn, false, bias, activation)));
    }

    private static void llamaLike(Config c, TransformerSpec.Builder b, String type) {
        int d = c.size("hidden_size");
        int layers = c.size("num_hidden_layers");
        int heads = c.size("num_attention_heads");
        int maxPositions = c.size("max_position_embeddings");
        boolean gemma = type.startsWith("gemma");

        int kvHeads;
        if (c.f.isExplicitNull("num_key_value_heads")) {
            if (type.equals("gemma") || type.equals("gemma2") || type.equals("qwen2_moe")) {
                throw c.f.error("num_key_value_heads", "must be an integer: transformers cannot build a " + type
                        + " model with null");
            }
            kvHeads = heads;
        } else {
            kvHeads = c.optionalSize("num_key_value_heads").orElse(switch (type) {
                case "mistral", "mixtral" -> 8;
                case "qwen2", "qwen3" -> 32;
                case "qwen2_moe", "gemma" -> 16;
                case "gemma2" -> 4;
                default -> heads; // llama, phi3
            });
        }

        int headDim;
        boolean nullMeansFloor = type.equals("llama") || type.equals("mistral") || type.equals("mixtral");
        if (c.f.isExplicitNull("head_dim") && !nullMeansFloor) {
            throw c.f.error("head_dim", "must be an integer: transformers cannot build a " + type + " model with null");
        }
        OptionalInt givenHeadDim = c.optionalSize("head_dim");
        if (givenHeadDim.isPresent()) {
            headDim = givenHeadDim.getAsInt();
        } else if (type.equals("gemma") || type.equals("gemma2")) {
            headDim = 256;
        } else if (type.equals("qwen3")) {
            headDim = 128;
        } else {
            if (heads > d) {
                throw c.f.error("num_attention_heads", "must be <= hidden_size (" + d + ") when no head_dim is given"
                        + " (head_dim = hidden_size // num_attention_heads), was " + heads);
            }
            headDim = d / heads; // floor, as transformers computes it
        }

        boolean qkvBias;
        boolean outputBias;
        switch (type) {
            case "llama", "qwen3", "gemma", "gemma2" -> {
                qkvBias = c.bool("attention_bias", false);
                outputBias = qkvBias;
            }
            case "qwen2" -> {
                qkvBias = true;
                outputBias = false;
            }
            case "qwen2_moe" -> {
                qkvBias = c.bool("qkv_bias", true);
                outputBias = false;
            }
            default -> { // mistral, mixtral, phi3: no biases
                qkvBias = false;
                outputBias = false;
            }
        }
        boolean mlpBias = type.equals("llama") && c.bool("mlp_bias", false);
        String activation = c.f.optionalString("hidden_activation")
                .or(() -> c.f.optionalString("hidden_act")).orElse(gemma ? "gelu_pytorch_tanh" : "silu");

        Window window = slidingWindow(c, type, layers);
        if (window.tokens().isPresent() && window.tokens().getAsInt() >= maxPositions) {
            window = Window.NONE; // a window as long as the context never binds
        }

        boolean qkNorm = type.equals("qwen3");
        int intermediate = c.size("intermediate_size");
        b.hiddenSize(d).layerCount(layers).vocabSize(c.size("vocab_size")).maxPositionEmbeddings(maxPositions)
                .norm(Norm.RMS_NORM).normsPerLayer(type.equals("gemma2") ? 4 : 2).positions(Positions.rotary())
                .tiedEmbeddings(c.bool("tie_word_embeddings", gemma))
                .mlp(c.f.build(() -> new Mlp(intermediate, true, mlpBias, activation)));
        Window w = window;
        b.attention(c.f.build(() -> new Attention(heads, kvHeads, headDim, qkvBias, outputBias, qkNorm, w.tokens(),
                w.layers(), Optional.empty())));

        if (type.equals("mixtral")) {
            int experts = c.optionalSize("num_local_experts").orElse(8);
            int topK = c.optionalSize("num_experts_per_tok").orElse(2);
            b.moe(c.f.build(() -> new Moe(layers, experts, topK, intermediate, 0, 0, false)));
        } else if (type.equals("qwen2_moe")) {
            qwen2Moe(c, b, layers);
        }
    }

    /** Where a llama-like model's sliding window applies: its width and how many layers use it. */
    private record Window(OptionalInt tokens, int layers) {
        static final Window NONE = new Window(OptionalInt.empty(), 0);

        static Window of(OptionalInt tokens, int layers) {
            return tokens.isEmpty() || layers == 0 ? NONE : new Window(tokens, layers);
        }
    }

    private static Window slidingWindow(Config c, String type, int layers) {
        switch (type) {
            case "mistral" -> {
                OptionalInt window = c.nullableSize("sliding_window", OptionalInt.of(4096));
                return Window.of(window, layers);
            }
            case "mixtral", "phi3" -> {
                return Window.of(c.optionalSize("sliding_window"), layers);
            }
            case "qwen2", "qwen3", "qwen2_moe" -> {
                boolean use = c.bool("use_sliding_window", false);
                OptionalInt window = c.nullableSize("sliding_window", OptionalInt.of(4096));
                int maxWindowLayers = c.optionalCount("max_window_layers").orElse(28);
                List<String> layerTypes = layerTypes(c, layers);
                if (!use) {
                    return Window.NONE; // transformers drops the window without use_sliding_window
                }
                int sliding = 0;
                if (!layerTypes.isEmpty()) {
                    sliding = (int) layerTypes.stream().filter(SLIDING::equals).count();
                } else if (type.equals("qwen2_moe")) {
                    for (int i = 0; i < layers; i++) {
                        sliding += i % 2 == 0 && i < maxWindowLayers ? 1 : 0;
                    }
                } else {
                    sliding = Math.max(0, layers - maxWindowLayers);
                }
                return Window.of(window, sliding);
            }
            case "gemma2" -> {
                OptionalInt window = c.nullableSize("sliding_window", OptionalInt.of(4096));
                List<String> layerTypes = layerTypes(c, layers);
                int sliding = layerTypes.isEmpty() ? (layers + 1) / 2 // layers 0, 2, 4, ... use the window
                        : (int) layerTypes.stream().filter(SLIDING::equals).count();
                return Window.of(window, sliding);
            }
            default -> {
                return Window.NONE; // llama, qwen3 without the window, gemma
            }
        }
    }

    private static List<String> layerTypes(Config c, int layers) {
        List<String> layerTypes = c.f.strings("layer_types");
        if (layerTypes.isEmpty()) {
            return layerTypes;
        }
        if (layerTypes.size() != layers) {
            throw c.f.error("layer_types", "has " + layerTypes.size() + " entries, expected num_hidden_layers = " + layers);
        }
        for (int i = 0; i < layerTypes.size(); i++) {
            String t = layerTypes.get(i);
            if (!t.equals(SLIDING) && !t.equals(FULL)) {
                throw new InvalidInputException(c.f.source(), c.f.pathOf("layer_types") + "[" + i + "]",
                        "expected '" + SLIDING + "' or '" + FULL + "', was '" + t + "'");
            }
        }
        return layerTypes;
    }

    private static void qwen2Moe(Config c, TransformerSpec.Builder b, int layers) {
        int experts = c.optionalCount("num_experts").orElse(60);
        int step = c.optionalSize("decoder_sparse_step").orElse(1);
        Set<Integer> mlpOnly = new HashSet<>();
        JsonNode only = c.f.raw("mlp_only_layers");
        if (only != null) {
            if (!only.isArray()) {
                throw c.f.error("mlp_only_layers", "expected an array of layer indices");
            }
            for (JsonNode n : only.values()) {
                if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0 || n.intValue() >= layers) {
                    throw c.f.error("mlp_only_layers", "expected layer indices in [0, " + layers + "), found " + n);
                }
                mlpOnly.add(n.intValue());
            }
        }
        int moeLayers = 0;
        for (int i = 0; i < layers && experts > 0; i++) {
            if (!mlpOnly.contains(i) && (i + 1) % step == 0) {
                moeLayers++;
            }
        }
        int shared = c.optionalCount("shared_expert_intermediate_size").orElse(5632);
        int topK = c.optionalSize("num_experts_per_tok").orElse(4);
        int expertWidth = c.optionalSize("moe_intermediate_size").orElse(1408);
        if (moeLayers > 0) {
            int layersOfExperts = moeLayers;
            b.moe(c.f.build(() -> new Moe(layersOfExperts, experts, topK, expertWidth, shared > 0 ? 1 : 0, shared,
                    shared > 0)));
        }
    }

    private static void deepseek(Config c, TransformerSpec.Builder b, String type) {
        boolean v3 = type.equals("deepseek_v3");
        int d = c.size("hidden_size");
        int layers = c.size("num_hidden_layers");
        int heads = c.size("num_attention_heads");
        if (c.bool("attention_bias", false)) {
            throw c.f.error("attention_bias", "MLA with biases (true) is not modelled");
        }
        int qRank = c.nullableCount("q_lora_rank", OptionalInt.of(1536)).orElse(0); // null: queries projected directly
        int kvRank = c.sizeOr("kv_lora_rank", 512);
        int nope = c.sizeOr("qk_nope_head_dim", 128);
        int rope = c.sizeOr("qk_rope_head_dim", 64);
        int value = c.sizeOr("v_head_dim", 128);
        Mla mla = c.f.build(() -> new Mla(qRank, kvRank, nope, rope, value));
        c.f.has("num_key_value_heads"); // MLA caches one latent; the KV heads are the heads
        int firstDense = c.countOr("first_k_dense_replace", v3 ? 3 : 0);
        int frequency = c.sizeOr("moe_layer_freq", 1);
        String expertsAlias = v3 ? "num_local_experts" : "num_experts";
        int experts = c.f.has("n_routed_experts") || !c.f.has(expertsAlias)
                ? c.countOr("n_routed_experts", v3 ? 256 : 64) : c.countOr(expertsAlias, 0);
        int moeLayers = 0;
        if (experts > 0) {
            for (int i = firstDense; i < layers; i++) {
                if (i % frequency == 0) {
                    moeLayers++;
                }
            }
        }
        int mtp = v3 ? (c.f.has("num_nextn_predict_layers") || !c.f.has("num_mtp_layers")
                ? c.countOr("num_nextn_predict_layers", 1) : c.countOr("num_mtp_layers", 1))
                : c.optionalCount("num_nextn_predict_layers").orElse(0);
        int intermediate = c.size("intermediate_size");
        String activation = c.f.optionalString("hidden_act").orElse("silu");
        b.hiddenSize(d).layerCount(layers).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.size("max_position_embeddings")).norm(Norm.RMS_NORM)
                .positions(Positions.rotary()).tiedEmbeddings(c.bool("tie_word_embeddings", false))
                .attention(c.f.build(() -> new Attention(heads, heads, mla.qkHeadDim(), false, false, false,
                        OptionalInt.empty(), 0, Optional.of(mla))))
                .mlp(c.f.build(() -> new Mlp(intermediate, true, false, activation)))
                .multiTokenPredictionModules(mtp);
        if (moeLayers > 0) {
            int moeLayerCount = moeLayers;
            int shared = c.countOr("n_shared_experts", v3 ? 1 : 2);
            int width = c.sizeOr("moe_intermediate_size", v3 ? 2048 : 1407);
            int topK = v3 ? c.sizeOr("num_experts_per_tok", 8) : c.size("num_experts_per_tok");
            b.moe(c.f.build(() -> new Moe(moeLayerCount, experts, topK, width, shared, shared > 0 ? width : 0, false)));
        }
    }

    private static void t5(Config c, TransformerSpec.Builder b) {
        int d = c.size("d_model");
        int heads = c.size("num_heads");
        int encoderLayers = c.size("num_layers");
        int decoderLayers = c.optionalSize("num_decoder_layers").orElse(encoderLayers);
        String projection = c.f.optionalString("feed_forward_proj").orElse("relu");
        boolean gated = projection.startsWith("gated-");
        String activation = gated ? projection.substring("gated-".length()) : projection;
        int buckets = c.optionalSize("relative_attention_num_buckets").orElse(32);
        int headDim = c.size("d_kv");
        int ff = c.size("d_ff");
        b.hiddenSize(d).layerCount(decoderLayers).encoderLayerCount(encoderLayers).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.optionalSize("n_positions").orElse(512)).norm(Norm.RMS_NORM)
                .positions(c.f.build(() -> new Positions(Positions.Kind.RELATIVE_BIAS, 0, buckets)))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(c.f.build(() -> Attention.of(heads, heads, headDim)))
                .mlp(c.f.build(() -> new Mlp(ff, gated, false, activation)));
    }

    /** Typed access to config keys with errors that name the key. */
    private static final class Config {
        final JsonFields f;

        Config(JsonFields f) {
            this.f = f;
        }

        int size(String key) {
            int v = f.integer(key);
            if (v <= 0) {
                throw f.error(key, "must be > 0, was " + v);
            }
            return v;
        }

        OptionalInt optionalSize(String key) {
            OptionalInt v = f.optionalInteger(key);
            if (v.isPresent() && v.getAsInt() <= 0) {
                throw f.error(key, "must be > 0, was " + v.getAsInt());
            }
            return v;
        }

        OptionalInt optionalCount(String key) {
            OptionalInt v = f.optionalInteger(key);
            if (v.isPresent() && v.getAsInt() < 0) {
                throw f.error(key, "must be >= 0, was " + v.getAsInt());
            }
            return v;
        }

        /** A size with a default when absent; an explicit null is an error (transformers cannot build with it). */
        int sizeOr(String key, int absent) {
            rejectNull(key);
            return optionalSize(key).orElse(absent);
        }

        /** A count with a default when absent; an explicit null is an error. */
        int countOr(String key, int absent) {
            rejectNull(key);
            return optionalCount(key).orElse(absent);
        }

        /** A size whose explicit null means "none": absent gives the default, null gives empty. */
        OptionalInt nullableSize(String key, OptionalInt absent) {
            return f.isExplicitNull(key) ? OptionalInt.empty() : optionalSize(key).isPresent() ? optionalSize(key) : absent;
        }

        /** A count whose explicit null means "none": absent gives the default, null gives empty. */
        OptionalInt nullableCount(String key, OptionalInt absent) {
            return f.isExplicitNull(key) ? OptionalInt.empty() : optionalCount(key).isPresent() ? optionalCount(key) : absent;
        }

        private void rejectNull(String key) {
            if (f.isExplicitNull(key)) {
                throw f.error(key, "must be an integer, was null");
            }
        }

        boolean bool(String key, boolean defaultValue) {
            return f.bool(key, defaultValue);
        }

        int divide(String numeratorKey, int numerator, String denominatorKey, int denominator) {
            if (numerator % denominator != 0) {
                throw f.error(denominatorKey, denominatorKey + " (" + denominator + ") must divide " + numeratorKey + " ("
                        + numerator + ") when no head_dim is given");
            }
            return numerator / denominator;
        }
    }
}
