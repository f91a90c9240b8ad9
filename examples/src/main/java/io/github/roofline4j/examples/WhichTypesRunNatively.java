package io.github.roofline4j.examples;

import java.io.PrintStream;

import io.github.roofline4j.catalog.HardwareCatalog;
import io.github.roofline4j.hardware.Accelerator;
import io.github.roofline4j.hardware.ComputePath;
import io.github.roofline4j.hardware.DataType;
import io.github.roofline4j.support.TextTable;
import io.github.roofline4j.units.UnitFormat;

/**
 * Example: for a few accelerators of the catalog, how FP8 and FP4 math would run (natively, or
 * upcast to a wider type) and at what dense peak.
 *
 * <p>Run with {@code java -cp examples/target/classes:... io.github.roofline4j.examples.WhichTypesRunNatively}
 * or from JShell.
 */
public final class WhichTypesRunNatively {

    private WhichTypesRunNatively() {
    }

    /**
     * Prints the table to standard output.
     *
     * @param args accelerator ids; a default set when empty
     */
    public static void main(String[] args) {
        print(args.length == 0 ? new String[] {"a100", "h100", "b200", "mi300x", "mi355x", "tpu-v5p"} : args, System.out);
    }

    /**
     * Prints the table.
     *
     * @param ids accelerator ids or aliases
     * @param out where to print
     */
    public static void print(String[] ids, PrintStream out) {
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        TextTable t = TextTable.withHeader("accelerator", "BF16", "FP8", "NVFP4", "MXFP4");
        for (String id : ids) {
            Accelerator a = catalog.get(id);
            t.row(a.id(), cell(a, DataType.BF16), cell(a, DataType.FP8_E4M3), cell(a, DataType.NVFP4),
                    cell(a, DataType.MXFP4));
        }
        out.print(t.render());
    }

    private static String cell(Accelerator a, DataType type) {
        ComputePath p = a.computePath(type);
        String rate = UnitFormat.flopsPerSecond(p.flopsPerSecond());
        return p.isNative() ? rate : rate + " (as " + p.executedAs().displayName() + ")";
    }
}
