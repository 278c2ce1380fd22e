package uk.nhs.hps.faq.bench;

import java.util.List;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on standardised
 * features: a handful of features and a few hundred examples converge in a few iterations.
 */
record Logistic(double[] mean, double[] scale, double[] weights, double bias) {

    double probability(double[] x) {
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / scale[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static Logistic fit(List<double[]> xs, List<Integer> ys, double lambda) {
        int n = xs.size();
        int d = xs.get(0).length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] x : xs) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / n;
            }
        }
        for (double[] x : xs) {
            for (int j = 0; j < d; j++) {
                scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] == 0 ? 1 : Math.sqrt(scale[j]);
        }
        int m = d + 1;
        double[] w = new double[m];
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (xs.get(i)[j] - mean[j]) / scale[j];
            }
            z[i][d] = 1;
        }
        for (int iteration = 0; iteration < 25; iteration++) {
            double[] grad = new double[m];
            double[][] hess = new double[m][m];
            for (int i = 0; i < n; i++) {
                double t = 0;
                for (int j = 0; j < m; j++) {
                    t += w[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-t));
                double r = p * (1 - p);
                for (int j = 0; j < m; j++) {
                    grad[j] += (p - ys.get(i)) * z[i][j];
                    for (int k = 0; k < m; k++) {
                        hess[j][k] += r * z[i][j] * z[i][k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                grad[j] += lambda * w[j];
                hess[j][j] += lambda;
            }
            hess[d][d] += 1e-9;
            double[] step = solve(hess, grad);
            double change = 0;
            for (int j = 0; j < m; j++) {
                w[j] -= step[j];
                change += Math.abs(step[j]);
            }
            if (change < 1e-8) {
                break;
            }
        }
        double[] weights = java.util.Arrays.copyOf(w, d);
        return new Logistic(mean, scale, weights, w[d]);
    }

    /** Gaussian elimination with partial pivoting (the matrix is small and positive definite). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] tr = a[c];
            a[c] = a[p];
            a[p] = tr;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
