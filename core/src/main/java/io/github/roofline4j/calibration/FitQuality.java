package io.github.roofline4j.calibration;

import java.util.List;

import io.github.roofline4j.support.Checks;

/**
 * How well a fitted model reproduces the measurements it was fitted to.
 *
 * <p>Residuals are relative, (predicted &minus; measured) / measured, one per measurement in the
 * order given, because timings span orders of magnitude (microseconds to seconds) and their noise
 * is roughly proportional to them. R&sup2; is taken on the logarithm of the times, the scale the
 * fits work on: 1 &minus; &Sigma;(ln t&#770; &minus; ln t)&sup2; / &Sigma;(ln t &minus; mean ln t)&sup2;.
 * It is 1 for a perfect fit, 0 for one no better than a constant time, and negative for worse; when
 * every measured time is the same it is 1 if the fit is exact, else 0.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pointCount measurements fitted, &ge; 1
 * @param parameterCount parameters fitted, &ge; 1
 * @param rSquared coefficient of determination of ln(seconds), &le; 1
 * @param rootMeanSquareRelativeError the root mean square of the relative residuals, &ge; 0
 * @param maxRelativeError the largest absolute relative residual, &ge; 0
 * @param relativeResiduals (predicted &minus; measured) / measured, per measurement
 */
public record FitQuality(int pointCount, int parameterCount, double rSquared, double rootMeanSquareRelativeError,
        double maxRelativeError, List<Double> relativeResiduals) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range or the residuals do not match the count
     */
    public FitQuality {
        Checks.positive("pointCount", pointCount);
        Checks.positive("parameterCount", parameterCount);
        if (!(rSquared <= 1) || !Double.isFinite(rSquared)) {
            throw new IllegalArgumentException("rSquared must be finite and <= 1, was " + rSquared);
        }
        Checks.nonNegative("rootMeanSquareRelativeError", rootMeanSquareRelativeError);
        Checks.nonNegative("maxRelativeError", maxRelativeError);
        Checks.notNull("relativeResiduals", relativeResiduals);
        relativeResiduals = List.copyOf(relativeResiduals);
        if (relativeResiduals.size() != pointCount) {
            throw new IllegalArgumentException("relativeResiduals must have pointCount = " + pointCount
                    + " entries, had " + relativeResiduals.size());
        }
        for (Double r : relativeResiduals) {
            if (r == null || !Double.isFinite(r) || r < -1) {
                throw new IllegalArgumentException("relativeResiduals must be finite and >= -1, had " + r);
            }
        }
    }

    /**
     * Measures a fit.
     *
     * @param measuredSeconds the measured times, each &gt; 0
     * @param predictedSeconds the fitted model's times, each &gt; 0
     * @param parameterCount the parameters fitted
     * @return the quality
     */
    static FitQuality of(double[] measuredSeconds, double[] predictedSeconds, int parameterCount) {
        int count = measuredSeconds.length;
        double meanLog = 0;
        for (double t : measuredSeconds) {
            meanLog += Math.log(t) / count;
        }
        double residualSquares = 0;
        double totalSquares = 0;
        double relativeSquares = 0;
        double max = 0;
        Double[] relative = new Double[count];
        for (int i = 0; i < count; i++) {
            double logError = Math.log(predictedSeconds[i]) - Math.log(measuredSeconds[i]);
            residualSquares += logError * logError;
            double spread = Math.log(measuredSeconds[i]) - meanLog;
            totalSquares += spread * spread;
            double r = (predictedSeconds[i] - measuredSeconds[i]) / measuredSeconds[i];
            relative[i] = r;
            relativeSquares += r * r;
            max = Math.max(max, Math.abs(r));
        }
        double rSquared = totalSquares > 0 ? 1 - residualSquares / totalSquares : residualSquares == 0 ? 1 : 0;
        return new FitQuality(count, parameterCount, Math.min(1, rSquared), Math.sqrt(relativeSquares / count), max,
                List.of(relative));
    }
}
