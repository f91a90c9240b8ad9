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
 * {@code t5}. Each family's reading follows its Hugging Face {@code configuration_*.py} defaults
 * and {@code modeling_*.py} weights:
 * <ul>
 * <li>gpt2: {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_positions}, {@code n_inner}
 *     (4&middot;d when null); LayerNorm, biases everywhere, learned positions, tied by default.</li>
 * <li>gpt_neox: LayerNorm, rotary, biases ({@code attention_bias}, default true), untied by default.</li>
 * <li>opt: {@code ffn_dim}, learned positions with {@code max_position_embeddings} + 2 rows (the
 *     offset of {@code OPTLearnedPositionalEmbedding}), biases ({@code enable_bias}), tied by default.</li>
 * <li>llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, phi3, gemma, gemma2: RMSNorm, rotary, gated
 *     MLP; {@code num_key_value_heads} defaults to the heads, {@code head_dim} to hidden/heads;
 *     {@code attention_bias} and {@code mlp_bias} where the family has them; Qwen2 and Qwen2-MoE
 *     always have q/k/v biases; Qwen3 has per-head QK norms; Gemma and Gemma 2 tie by default and
 *     Gemma 2 has four norms per layer.</li>
 * <li>Sliding windows: {@code sliding_window} applies to every layer (mistral, mixtral, phi3) when
 *     set; Qwen2 only with {@code use_sliding_window}, to the layers from
 *     {@code max_window_layers} on; Gemma 2 to every other layer (or the layers
 *     {@code layer_types} marks {@code sliding_attention}).</li>
 * <li>MoE: mixtral {@code num_local_experts}/{@code num_experts_per_tok} on every layer;
 *     qwen2_moe {@code num_experts}, {@code moe_intermediate_size}, one shared expert of
 *     {@code shared_expert_intermediate_size} with a sigmoid gate, on the layers that
 *     {@code decoder_sparse_step} selects and {@code mlp_only_layers} does not; deepseek
 *     {@code n_routed_experts}, {@code n_shared_experts} of {@code moe_intermediate_size}, dense
 *     before {@code first_k_dense_replace}, every {@code moe_layer_freq}-th layer after.</li>
 * <li>deepseek_v2/v3: MLA from {@code q_lora_rank} (null for none), {@code kv_lora_rank},
 *     {@code qk_nope_head_dim}, {@code qk_rope_head_dim}, {@code v_head_dim};
 *     {@code num_nextn_predict_layers} MTP modules.</li>
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
 * wrong type, a non-positive size or one too large for an {@code int} is an error naming the key.
 *
 * <p>Stateless and thread-safe.
 */
public final class HuggingFaceConfig {

    /** The supported {@code model_type} values. */
    public static final List<String> MODEL_TYPES = List.of("gpt2", "gpt_neox", "opt", "llama", "mistral", "mixtral",
            "qwen2", "qwen2_moe", "qwen3", "gemma", "gemma2", "phi3", "deepseek_v2", "deepseek_v3", "t5");

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
        int d = c.size("n_embd");
        int heads = c.size("n_head");
        int positions = c.size("n_positions");
        b.hiddenSize(d).layerCount(c.size("n_layer")).vocabSize(c.size("vocab_size")).maxPositionEmbeddings(positions)
                .norm(Norm.LAYER_NORM).positions(Positions.learned(positions))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(new Attention(heads, heads, c.divide("n_embd", d, "n_head", heads), true, true, false,
                        OptionalInt.empty(), 0, Optional.empty()))
                .mlp(new Mlp(c.optionalSize("n_inner").orElse(4 * d), false, true,
                        c.f.optionalString("activation_function").orElse("gelu_new")));
    }

    private static void gptNeox(Config c, TransformerSpec.Builder b) {
        int d = c.size("hidden_size");
        int heads = c.size("num_attention_heads");
        boolean bias = c.bool("attention_bias", true);
        b.hiddenSize(d).layerCount(c.size("num_hidden_layers")).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.size("max_position_embeddings")).norm(Norm.LAYER_NORM)
                .positions(Positions.rotary()).tiedEmbeddings(c.bool("tie_word_embeddings", false))
                .attention(new Attention(heads, heads, c.divide("hidden_size", d, "num_attention_heads", heads), bias,
                        bias, false, OptionalInt.empty(), 0, Optional.empty()))
                .mlp(new Mlp(c.size("intermediate_size"), false, true,
                        c.f.optionalString("hidden_act").orElse("gelu")));
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
        boolean bias = c.bool("enable_bias", true);
        b.hiddenSize(d).layerCount(c.size("num_hidden_layers")).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(maxPositions).norm(Norm.LAYER_NORM)
                .positions(Positions.learned(Math.addExact(maxPositions, 2)))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(new Attention(heads, heads, c.divide("hidden_size", d, "num_attention_heads", heads), bias,
                        bias, false, OptionalInt.empty(), 0, Optional.empty()))
                .mlp(new Mlp(c.size("ffn_dim"), false, bias, c.f.optionalString("activation_function").orElse("relu")));
    }

    private static void llamaLike(Config c, TransformerSpec.Builder b, String type) {
        int d = c.size("hidden_size");
        int layers = c.size("num_hidden_layers");
        int heads = c.size("num_attention_heads");
        int kvHeads = c.optionalSize("num_key_value_heads").orElse(heads);
        int headDim = c.optionalSize("head_dim").orElseGet(() -> c.divide("hidden_size", d, "num_attention_heads", heads));
        boolean gemma = type.startsWith("gemma");
        boolean qwen2 = type.equals("qwen2") || type.equals("qwen2_moe");
        boolean attentionBias = c.bool("attention_bias", false);
        boolean qkvBias = qwen2 || attentionBias;
        boolean outputBias = !qwen2 && attentionBias;
        boolean mlpBias = c.bool("mlp_bias", false);
        String activation = c.f.optionalString("hidden_activation")
                .or(() -> c.f.optionalString("hidden_act")).orElse(gemma ? "gelu_pytorch_tanh" : "silu");

        OptionalInt window = OptionalInt.empty();
        int slidingLayers = 0;
        switch (type) {
            case "mistral", "mixtral", "phi3" -> {
                window = c.optionalSize("sliding_window");
                slidingLayers = window.isPresent() ? layers : 0;
            }
            case "qwen2", "qwen2_moe" -> {
                if (c.bool("use_sliding_window", false)) {
                    window = OptionalInt.of(c.size("sliding_window"));
                    int first = c.optionalCount("max_window_layers").orElse(layers);
                    slidingLayers = Math.max(0, layers - first);
                    if (slidingLayers == 0) {
                        window = OptionalInt.empty();
                    }
                } else {
                    c.f.has("sliding_window");
                    c.f.has("max_window_layers");
                }
            }
            case "gemma2" -> {
                window = c.optionalSize("sliding_window");
                List<String> layerTypes = c.f.strings("layer_types");
                if (!layerTypes.isEmpty()) {
                    if (layerTypes.size() != layers) {
                        throw c.f.error("layer_types", "has " + layerTypes.size() + " entries, expected num_hidden_layers = "
                                + layers);
                    }
                    slidingLayers = (int) layerTypes.stream().filter("sliding_attention"::equals).count();
                } else if (window.isPresent()) {
                    slidingLayers = (layers + 1) / 2; // layers 0, 2, 4, ... use the window
                }
                if (slidingLayers == 0) {
                    window = OptionalInt.empty();
                } else if (window.isEmpty()) {
                    throw c.f.error("sliding_window", "missing, but layer_types marks sliding layers");
                }
            }
            default -> {
                // llama, qwen3, gemma: no sliding window
            }
        }
        if (window.isPresent() && window.getAsInt() >= c.size("max_position_embeddings")) {
            window = OptionalInt.empty(); // a window as long as the context never binds
            slidingLayers = 0;
        }

        boolean qkNorm = type.equals("qwen3");
        b.hiddenSize(d).layerCount(layers).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.size("max_position_embeddings"))
                .norm(Norm.RMS_NORM).normsPerLayer(type.equals("gemma2") ? 4 : 2).positions(Positions.rotary())
                .tiedEmbeddings(c.bool("tie_word_embeddings", gemma))
                .mlp(new Mlp(c.size("intermediate_size"), true, mlpBias, activation));
        int sliding = slidingLayers;
        OptionalInt w = window;
        b.attention(c.f.build(() -> new Attention(heads, kvHeads, headDim, qkvBias, outputBias, qkNorm, w,
                w.isPresent() ? sliding : 0, Optional.empty())));

        if (type.equals("mixtral")) {
            int experts = c.size("num_local_experts");
            b.moe(c.f.build(() -> new Moe(layers, experts, c.size("num_experts_per_tok"), c.size("intermediate_size"), 0, 0,
                    false)));
        } else if (type.equals("qwen2_moe")) {
            int experts = c.size("num_experts");
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
            for (int i = 0; i < layers; i++) {
                if (!mlpOnly.contains(i) && (i + 1) % step == 0) {
                    moeLayers++;
                }
            }
            int shared = c.optionalCount("shared_expert_intermediate_size").orElse(0);
            int topK = c.size("num_experts_per_tok");
            int expertWidth = c.size("moe_intermediate_size");
            if (moeLayers > 0) {
                int layersOfExperts = moeLayers;
                b.moe(c.f.build(() -> new Moe(layersOfExperts, experts, topK, expertWidth, shared > 0 ? 1 : 0, shared,
                        shared > 0)));
            }
        }
    }

    private static void deepseek(Config c, TransformerSpec.Builder b, String type) {
        int d = c.size("hidden_size");
        int layers = c.size("num_hidden_layers");
        int heads = c.size("num_attention_heads");
        if (c.bool("attention_bias", false)) {
            throw c.f.error("attention_bias", "MLA with biases (true) is not modelled");
        }
        int qRank = c.optionalCount("q_lora_rank").orElse(0);
        Mla mla = c.f.build(() -> new Mla(qRank, c.size("kv_lora_rank"), c.size("qk_nope_head_dim"),
                c.size("qk_rope_head_dim"), c.size("v_head_dim")));
        c.f.has("num_key_value_heads");
        int firstDense = c.optionalCount("first_k_dense_replace").orElse(0);
        int frequency = c.optionalSize("moe_layer_freq").orElse(1);
        int experts = c.optionalCount("n_routed_experts").orElse(0);
        int moeLayers = 0;
        if (experts > 0) {
            for (int i = firstDense; i < layers; i++) {
                if (i % frequency == 0) {
                    moeLayers++;
                }
            }
        }
        b.hiddenSize(d).layerCount(layers).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.size("max_position_embeddings")).norm(Norm.RMS_NORM)
                .positions(Positions.rotary()).tiedEmbeddings(c.bool("tie_word_embeddings", false))
                .attention(c.f.build(() -> new Attention(heads, heads, mla.qkHeadDim(), false, false, false,
                        OptionalInt.empty(), 0, Optional.of(mla))))
                .mlp(new Mlp(c.size("intermediate_size"), true, false, c.f.optionalString("hidden_act").orElse("silu")))
                .multiTokenPredictionModules(c.optionalCount("num_nextn_predict_layers").orElse(0));
        if (moeLayers > 0) {
            int moeLayerCount = moeLayers;
            int shared = c.optionalCount("n_shared_experts").orElse(0);
            int width = c.size("moe_intermediate_size");
            b.moe(c.f.build(() -> new Moe(moeLayerCount, experts, c.size("num_experts_per_tok"), width, shared,
                    shared > 0 ? width : 0, false)));
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
        b.hiddenSize(d).layerCount(decoderLayers).encoderLayerCount(encoderLayers).vocabSize(c.size("vocab_size"))
                .maxPositionEmbeddings(c.optionalSize("n_positions").orElse(512)).norm(Norm.RMS_NORM)
                .positions(new Positions(Positions.Kind.RELATIVE_BIAS, 0,
                        c.optionalSize("relative_attention_num_buckets").orElse(32)))
                .tiedEmbeddings(c.bool("tie_word_embeddings", true))
                .attention(Attention.of(heads, heads, c.size("d_kv")))
                .mlp(new Mlp(c.size("d_ff"), gated, false, activation));
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
