package io.github.roofline4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.roofline4j.training.TrainingEstimate;

class BestTrainingPlanTest {

    @Test
    void best_fastestOfThoseThatFit() {
        List<TrainingEstimate> all = BestTrainingPlan.estimates();
        assertEquals(BestTrainingPlan.candidates().size(), all.size());
        TrainingEstimate best = BestTrainingPlan.best(all).orElseThrow();
        assertTrue(best.fits());
        for (TrainingEstimate e : all) {
            assertTrue(!e.fits() || e.stepSeconds() >= best.stepSeconds(), e.plan());
        }
    }

    @Test
    void search_doesAtLeastAsWellAsTheHandChosenPlans() {
        TrainingEstimate hand = BestTrainingPlan.best(BestTrainingPlan.estimates()).orElseThrow();
        io.github.roofline4j.search.TrainingSearchResult r = BestTrainingPlan.search(3);
        assertEquals(3, r.plans().size());
        assertTrue(r.plans().get(0).estimate().stepSeconds() <= hand.stepSeconds(), r.plans().get(0).plan().toString());
    }

    @Test
    void print_namesTheWinner() {
        String out = Printed.by(BestTrainingPlan::print);
        assertTrue(out.contains("Fastest that fits: "), out);
        assertTrue(out.contains("The search over "), out);
    }
}
