package io.github.roofline4j.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.support.InvalidInputException;
import io.github.roofline4j.support.UnknownNameException;

/**
 * Fuzzes {@link HardwareCatalog#withAccelerators(String, String)}, which reads user accelerator
 * files (one accelerator object or a vendor file): it either returns a catalog in which every
 * added accelerator is found by its id and aliases, or throws {@link InvalidInputException} (or
 * {@link UnknownNameException}); never any other exception.
 *
 * <p>In a normal build this runs as a regression test over the seeds in
 * {@code src/test/resources/io/github/roofline4j/catalog/HardwareCatalogFuzzTestInputs/withAccelerators/}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl hardware-catalog test -Dtest=HardwareCatalogFuzzTest}.
 */
class HardwareCatalogFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void withAccelerators(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        HardwareCatalog catalog;
        try {
            catalog = HardwareCatalog.empty().withAccelerators(text, "fuzz input");
        } catch (InvalidInputException | UnknownNameException expected) {
            assertFalse(expected.getMessage().isBlank());
            return;
        }
        for (Accelerator a : catalog.list()) {
            assertTrue(catalog.get(a.id()) == a, a.id());
            for (String alias : a.aliases()) {
                assertTrue(catalog.get(alias) == a, alias);
            }
        }
    }
}
