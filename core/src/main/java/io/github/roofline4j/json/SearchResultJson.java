package io.github.roofline4j.json;

import java.util.ArrayList;
import java.util.List;

import io.github.roofline4j.parallel.ParallelPlan;
import io.github.roofline4j.search.Objective;
import io.github.roofline4j.search.RankedPlan;
import io.github.roofline4j.search.TrainingSearchResult;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.Json;
import io.github.roofline4j.support.JsonFields;
import io.github.roofline4j.training.TrainingEstimate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of a plan search's result, as {@code roofline4j search --json} prints it and the
 * {@code search} kind answers: {@code objective}; {@code plans}, best first, each with its
 * {@code rank}, its {@code plan} as an object in the training request's plan format (so that it can
 * be sent back as a {@code training} request's plan), its one-line {@code planDescription} and
 * every field of the training estimate; {@code evaluated}, {@code feasible}, {@code priced},
 * {@code layerPlans}, {@code searchSeconds}, {@code plansPerSecond} and {@code complete}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SearchResultJson {

    private SearchResultJson() {
    }

    /**
     * Writes a result.
     *
     * @param r the result
     * @return the JSON object
     */
    public static ObjectNode write(TrainingSearchResult r) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("objective", r.objective().label());
        ArrayNode plans = root.putArray("plans");
        for (RankedPlan p : r.plans()) {
            ObjectNode entry = Json.mapper().createObjectNode();
            entry.put("rank", p.rank());
            ObjectNode estimate = Json.mapper().valueToTree(p.estimate());
            entry.setAll(estimate);
            // the estimate's one-line plan moves to planDescription; plan is the plan's object
            entry.put("planDescription", p.estimate().plan());
            entry.set("plan", TrainingPlanSpec.of(p.plan()).toJson(Json.mapper().createObjectNode()));
            plans.add(entry);
        }
        root.put("evaluated", r.enumerated());
        root.put("feasible", r.feasible());
        root.put("priced", r.priced());
        root.put("layerPlans", r.layerPlans());
        root.put("searchSeconds", r.searchSeconds());
        root.put("plansPerSecond", r.plansPerSecond());
        root.put("complete", r.complete());
        return root;
    }

    /**
     * Reads a result written by {@link #write}.
     *
     * @param node the JSON object
     * @param source a description of the input, for messages
     * @param path the JSON path of the object
     * @return the result
     * @throws InvalidInputException naming the JSON path of the problem
     */
    public static TrainingSearchResult read(JsonNode node, String source, String path) {
        JsonFields f = JsonFields.of(node, source, path);
        Objective objective = f.build(() -> Objective.parse(f.string("objective")));
        List<RankedPlan> plans = new ArrayList<>();
        JsonNode array = f.raw("plans");
        if (array == null || !array.isArray()) {
            throw f.error("plans", "expected an array of plans");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String entryPath = f.pathOf("plans") + "[" + i + "]";
            if (!entry.isObject()) {
                throw new InvalidInputException(source, entryPath, "expected a plan object");
            }
            JsonFields p = JsonFields.of(entry, source, entryPath);
            int rank = p.integer("rank");
            ParallelPlan plan = p.build(() -> RequestJson.trainingPlan(p.object("plan")).toPlan());
            ObjectNode estimate = (ObjectNode) entry.deepCopy();
            estimate.remove("rank");
            estimate.put("plan", p.string("planDescription"));
            estimate.remove("planDescription");
            plans.add(new RankedPlan(rank, plan, RequestJson.bind(estimate, source, entryPath, TrainingEstimate.class)));
        }
        long evaluated = count(f, "evaluated");
        long feasible = count(f, "feasible");
        long priced = count(f, "priced");
        long layerPlans = count(f, "layerPlans");
        double seconds = RequestJson.optionalDouble(f, "searchSeconds").orElseThrow(() -> f.error("searchSeconds",
                "missing required field"));
        RequestJson.optionalDouble(f, "plansPerSecond"); // derived from the others
        boolean complete = f.bool("complete", true);
        f.finish();
        return f.build(() -> new TrainingSearchResult(objective, plans, evaluated, feasible, priced, layerPlans, seconds,
                complete));
    }

    private static long count(JsonFields f, String field) {
        long v = RequestJson.optionalLong(f, field).orElseThrow(() -> f.error(field, "missing required field"));
        if (v < 0) {
            throw f.error(field, "must be >= 0, was " + v);
        }
        return v;
    }
}
