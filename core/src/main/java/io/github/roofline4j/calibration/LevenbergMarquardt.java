package io.github.roofline4j.calibration;

import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Bounded non-linear least squares by the Levenberg-Marquardt method (Levenberg 1944, Marquardt
 * 1963; Nocedal and Wright, "Numerical Optimization", 2nd ed., §10.3): minimizes &Sigma; r<sub>i</sub>(p)&sup2;
 * by steps &delta; solving (J<sup>T</sup>J + &lambda;&middot;diag(J<sup>T</sup>J)) &delta; = &minus;J<sup>T</sup>r, with
 * J the forward-difference Jacobian and &lambda; shrunk after a step that lowers the sum and grown
 * after one that does not. Bounds are kept by projecting every trial point onto the box (a
 * projected Levenberg-Marquardt method, Kanzow, Yamashita and Fukushima 2004). The matrices are
 * EJML's.
 *
 * <p>Stateless and thread-safe.
 */
final class LevenbergMarquardt {

    /** Iterations before giving up improving; the fits here converge in a few dozen. */
    static final int MAX_ITERATIONS = 200;
    /** Relative decrease of the sum of squares below which the fit has converged. */
    static final double TOLERANCE = 1e-12;
    /** Relative step of the forward differences. */
    static final double DIFFERENCE_STEP = 1e-6;

    private LevenbergMarquardt() {
    }

    /** The result: the parameters and the Jacobian of the residuals there. */
    record Result(double[] parameters, DMatrixRMaj jacobian) {
    }

    /**
     * Minimizes the sum of squared residuals inside bounds.
     *
     * @param residuals the residual vector of a parameter vector
     * @param start the starting point
     * @param lower lower bounds
     * @param upper upper bounds
     * @param typical a typical magnitude of each parameter, for the difference steps
     * @return the minimizer and the Jacobian there
     */
    static Result minimize(Function<double[], double[]> residuals, double[] start, double[] lower, double[] upper,
            double[] typical) {
        int size = start.length;
        double[] p = clamp(start.clone(), lower, upper);
        double[] r = residuals.apply(p);
        double cost = squares(r);
        double lambda = 1e-3;
        DMatrixRMaj j = jacobian(residuals, p, r, lower, upper, typical);
        for (int iteration = 0; iteration < MAX_ITERATIONS && cost > 0; iteration++) {
            DMatrixRMaj jtj = new DMatrixRMaj(size, size);
            CommonOps_DDRM.multTransA(j, j, jtj);
            DMatrixRMaj gradient = new DMatrixRMaj(size, 1);
            CommonOps_DDRM.multTransA(j, new DMatrixRMaj(r.length, 1, true, r), gradient);
            boolean improved = false;
            while (lambda < 1e16) {
                DMatrixRMaj damped = jtj.copy();
                for (int i = 0; i < size; i++) {
                    damped.add(i, i, lambda * Math.max(jtj.get(i, i), 1e-30));
                }
                DMatrixRMaj step = new DMatrixRMaj(size, 1);
                CommonOps_DDRM.scale(-1, gradient);
                boolean solved = CommonOps_DDRM.solve(damped, gradient, step);
                CommonOps_DDRM.scale(-1, gradient);
                if (!solved) {
                    lambda *= 10;
                    continue;
                }
                double[] trial = p.clone();
                for (int i = 0; i < size; i++) {
                    trial[i] += step.get(i, 0);
                }
                clamp(trial, lower, upper);
                double[] trialResiduals = residuals.apply(trial);
                double trialCost = squares(trialResiduals);
                if (trialCost < cost) {
                    double decrease = (cost - trialCost) / cost;
                    p = trial;
                    r = trialResiduals;
                    cost = trialCost;
                    lambda = Math.max(lambda / 3, 1e-12);
                    improved = decrease > TOLERANCE;
                    break;
                }
                lambda *= 4;
            }
            if (!improved) {
                break;
            }
            j = jacobian(residuals, p, r, lower, upper, typical);
        }
        return new Result(p, j);
    }

    /** The forward-difference Jacobian; at an upper bound the difference is taken backwards. */
    private static DMatrixRMaj jacobian(Function<double[], double[]> residuals, double[] p, double[] r, double[] lower,
            double[] upper, double[] typical) {
        DMatrixRMaj j = new DMatrixRMaj(r.length, p.length);
        for (int c = 0; c < p.length; c++) {
            double h = DIFFERENCE_STEP * Math.max(Math.abs(p[c]), typical[c]);
            if (p[c] + h > upper[c]) {
                h = -h;
            }
            double[] q = p.clone();
            q[c] += h;
            double[] rq = residuals.apply(q);
            for (int i = 0; i < r.length; i++) {
                j.set(i, c, (rq[i] - r[i]) / h);
            }
        }
        return j;
    }

    private static double[] clamp(double[] p, double[] lower, double[] upper) {
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(upper[i], Math.max(lower[i], p[i]));
        }
        return p;
    }

    private static double squares(double[] r) {
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return s;
    }
}
