package io.github.roofline4j.units;

/**
 * Unit constants in SI base units (bytes, seconds, FLOP, watts, hertz).
 *
 * <p>The library keeps every quantity as a {@code double} or {@code long} in a base unit and
 * puts the unit in the name ({@code memoryBytes}, {@code flopsPerSecond}). These constants turn
 * vendor figures into base units: {@code 80 * Units.GB} is the "80 GB" of a datasheet, and
 * {@code 95 * Units.GIB} the "95 GiB" of Google's TPU v5p page. Decimal (kB, MB, GB, TB) and
 * binary (KiB, MiB, GiB) prefixes are separate constants and are never mixed implicitly.
 *
 * <p>To read a quantity written with a unit, such as {@code "3.35 TB/s"}, use
 * {@link Quantity#parse(String, Dimension)}; to print one, use {@link UnitFormat}.
 */
public final class Units {

    private Units() {
    }

    /** 10<sup>3</sup>. */
    public static final double KILO = 1e3;
    /** 10<sup>6</sup>. */
    public static final double MEGA = 1e6;
    /** 10<sup>9</sup>. */
    public static final double GIGA = 1e9;
    /** 10<sup>12</sup>. */
    public static final double TERA = 1e12;
    /** 10<sup>15</sup>. */
    public static final double PETA = 1e15;
    /** 10<sup>18</sup>. */
    public static final double EXA = 1e18;

    /** One kilobyte, 1,000 bytes (decimal). */
    public static final long KB = 1_000L;
    /** One megabyte, 10<sup>6</sup> bytes (decimal). */
    public static final long MB = 1_000_000L;
    /** One gigabyte, 10<sup>9</sup> bytes (decimal), the unit of most datasheets. */
    public static final long GB = 1_000_000_000L;
    /** One terabyte, 10<sup>12</sup> bytes (decimal). */
    public static final long TB = 1_000_000_000_000L;
    /** One petabyte, 10<sup>15</sup> bytes (decimal). */
    public static final long PB = 1_000_000_000_000_000L;

    /** One kibibyte, 1,024 bytes (binary). */
    public static final long KIB = 1L << 10;
    /** One mebibyte, 2<sup>20</sup> bytes (binary). */
    public static final long MIB = 1L << 20;
    /** One gibibyte, 2<sup>30</sup> bytes (binary). */
    public static final long GIB = 1L << 30;
    /** One tebibyte, 2<sup>40</sup> bytes (binary). */
    public static final long TIB = 1L << 40;
    /** One pebibyte, 2<sup>50</sup> bytes (binary). */
    public static final long PIB = 1L << 50;

    /** Bits in a byte. */
    public static final int BITS_PER_BYTE = 8;

    /** One nanosecond in seconds. */
    public static final double NANOSECOND = 1e-9;
    /** One microsecond in seconds. */
    public static final double MICROSECOND = 1e-6;
    /** One millisecond in seconds. */
    public static final double MILLISECOND = 1e-3;
    /** One minute in seconds. */
    public static final double MINUTE = 60;
    /** One hour in seconds. */
    public static final double HOUR = 3_600;
    /** One day in seconds. */
    public static final double DAY = 86_400;

    /** A petaFLOP/s-day in FLOP, the unit of the GPT-3 paper's compute table: 8.64 &times; 10<sup>19</sup>. */
    public static final double PETAFLOP_S_DAY = PETA * DAY;
}
