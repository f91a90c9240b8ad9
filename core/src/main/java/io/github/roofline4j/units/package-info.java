/**
 * Units: constants in SI base units, reading quantities written with a unit, and the one
 * formatter of human-readable output.
 *
 * <p>Every quantity in the library is a {@code double} or {@code long} in a base unit named in
 * the identifier: bytes, seconds, FLOP, bytes per second, FLOP per second, watts, hertz.
 * Decimal prefixes (kB, MB, GB, TB) are used for vendor figures and binary prefixes (KiB, MiB,
 * GiB) only where a figure is stated so; the two are never mixed implicitly.
 */
package io.github.roofline4j.units;
