/**
 * Calibration of the efficiency model from the user's own measurements: copies give the
 * achievable memory bandwidth and the launch latency, GEMMs the sustained matrix-unit fraction and
 * K-loop fill per data type, collectives their alpha-beta parameters per kind and scope. The fits
 * are least squares on EJML matrices (linear, and bounded Levenberg-Marquardt for the GEMMs); each
 * reports its residuals, R&sup2; and point count, and refuses data that cannot determine a parameter.
 *
 * <pre>{@code
 * List<Measurement> ms = Measurements.read(Path.of("measurements.csv"));
 * CalibrationProfile profile = Calibration.fit(h100, ms);
 * EfficiencyModel calibrated = profile.efficiencyFor(h100);
 * InferenceEstimate e = InferenceEstimator.estimate(spec, ClusterSpec.of(h100, 8), plan, calibrated);
 * }</pre>
 */
package io.github.roofline4j.calibration;
