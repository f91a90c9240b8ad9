package io.github.roofline4j.calibration;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The fit of t = a + b&middot;x with a &ge; 0 and b &gt; 0, in relative least squares: it minimizes
 * &Sigma; ((a + b&middot;x<sub>i</sub> &minus; t<sub>i</sub>) / t<sub>i</sub>)&sup2;, a weighted linear least-squares
 * problem solved by QR decomposition (EJML). When the unconstrained intercept is negative the
 * bound is active and the fit is redone through the origin, b = &Sigma;u<sub>i</sub> / &Sigma;u<sub>i</sub>&sup2; with
 * u<sub>i</sub> = x<sub>i</sub>/t<sub>i</sub>, the minimizer of the same sum with a = 0 (the
 * Karush-Kuhn-Tucker solution of the bounded problem, since the objective is convex).
 *
 * @param intercept a, in the unit of t, &ge; 0
 * @param slope b, the unit of t per unit of x, &gt; 0
 */
record LinearFit(double intercept, double slope) {

    /**
     * Fits the line. The caller has checked that there are at least two distinct x.
     *
     * @param x the abscissae, &gt; 0
     * @param t the measured values, &gt; 0
     * @return the fit, or null when the best slope is not positive (t does not grow with x)
     */
    static LinearFit of(double[] x, double[] t) {
        int count = x.length;
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, v);
        }
        DMatrixRMaj a = new DMatrixRMaj(count, 2);
        DMatrixRMaj y = new DMatrixRMaj(count, 1);
        for (int i = 0; i < count; i++) {
            a.set(i, 0, 1 / t[i]);
            a.set(i, 1, x[i] / scale / t[i]);
            y.set(i, 0, 1);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquares(count, 2);
        DMatrixRMaj p = new DMatrixRMaj(2, 1);
        if (solver.setA(a)) {
            solver.solve(y, p);
        }
        double intercept = p.get(0, 0);
        double slope = p.get(1, 0) / scale;
        if (!(intercept >= 0) || !Double.isFinite(slope)) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                double u = x[i] / t[i];
                sum += u;
                squares += u * u;
            }
            intercept = 0;
            slope = sum / squares;
        }
        return slope > 0 && Double.isFinite(slope) ? new LinearFit(intercept, slope) : null;
    }
}
