using MathNet.Numerics.LinearAlgebra;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Least squares with every coefficient ≥ 0 — Lawson and Hanson's active-set method ("Solving Least
/// Squares Problems", 1974, ch. 23): move the variable with the largest gradient into the passive
/// set, solve the unconstrained problem on the passive set, and step back along the segment to the
/// previous point whenever that solution leaves the feasible region.
/// </summary>
public static class NonNegativeLeastSquares
{
    /// <summary>x ≥ 0 minimizing ‖A x − b‖₂.</summary>
    public static Vector<double> Solve(Matrix<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.Count)
        {
            throw new ArgumentException($"A has {a.RowCount} rows but b has {b.Count} entries");
        }
        int n = a.ColumnCount;
        var x = Vector<double>.Build.Dense(n);
        var passive = new bool[n];
        double tolerance = 10 * double.Epsilon * Math.Max(1, a.L1Norm()) * Math.Max(a.RowCount, n);
        tolerance = Math.Max(tolerance, 1e-12 * Math.Max(1, a.L1Norm() * b.L2Norm()));
        int maxIterations = 3 * n + 10;
        Vector<double> w = a.TransposeThisAndMultiply(b - a * x);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            int j = -1;
            double best = tolerance;
            for (int i = 0; i < n; i++)
            {
                if (!passive[i] && w[i] > best)
                {
                    best = w[i];
                    j = i;
                }
            }
            if (j < 0)
            {
                break;
            }
            passive[j] = true;
            Vector<double> s = SolvePassive(a, b, passive);
            int inner = 0;
            while (Enumerable.Range(0, n).Any(i => passive[i] && s[i] <= 0) && inner++ < maxIterations)
            {
                double alpha = double.PositiveInfinity;
                for (int i = 0; i < n; i++)
                {
                    if (passive[i] && s[i] <= 0)
                    {
                        alpha = Math.Min(alpha, x[i] / (x[i] - s[i]));
                    }
                }
                x += alpha * (s - x);
                for (int i = 0; i < n; i++)
                {
                    if (passive[i] && x[i] <= tolerance)
                    {
                        passive[i] = false;
                        x[i] = 0;
                    }
                }
                s = SolvePassive(a, b, passive);
            }
            x = s;
            w = a.TransposeThisAndMultiply(b - a * x);
        }
        return x;
    }

    /// <summary>Unconstrained least squares on the passive columns (SVD, so dependent columns do not break it); zero elsewhere.</summary>
    private static Vector<double> SolvePassive(Matrix<double> a, Vector<double> b, bool[] passive)
    {
        int[] columns = Enumerable.Range(0, passive.Length).Where(i => passive[i]).ToArray();
        var result = Vector<double>.Build.Dense(passive.Length);
        if (columns.Length == 0)
        {
            return result;
        }
        Matrix<double> sub = Matrix<double>.Build.Dense(a.RowCount, columns.Length, (r, c) => a[r, columns[c]]);
        Vector<double> solution = sub.Svd(computeVectors: true).Solve(b);
        for (int c = 0; c < columns.Length; c++)
        {
            result[columns[c]] = solution[c];
        }
        return result;
    }
}
