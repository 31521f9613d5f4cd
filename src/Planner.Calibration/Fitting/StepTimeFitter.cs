using MathNet.Numerics.LinearAlgebra;
using Planner.Calibration.Benchmarking;
using Planner.Core.Serving;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Fits the step-time model <c>t = fixed + a·prefill tokens + b·prefill pairs + c·decode sequences +
/// d·decode context tokens</c> with every coefficient ≥ 0 (non-negative least squares). Rows are
/// weighted by 1/t, so the fit minimizes relative error — a 10 ms decode step counts as much as a
/// 2 s prefill — which is what the held-out MAPE then measures.
/// </summary>
public static class StepTimeFitter
{
    /// <summary>Names of the terms as profile files write them, in column order.</summary>
    public static readonly IReadOnlyList<string> TermNames =
        ["fixed_s", "per_prefill_token_s", "per_prefill_attention_pair_s", "per_decode_sequence_s", "per_decode_context_token_s"];

    public const int DefaultFolds = 5;

    public static StepTimeFit Fit(IReadOnlyList<FitPoint> points, int folds = DefaultFolds)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("no measurements to fit");
        }
        if (points.Any(p => !(p.Seconds > 0) || !double.IsFinite(p.Seconds)))
        {
            throw new ArgumentException("every measured time must be a finite number > 0 s: " + points.First(p => !(p.Seconds > 0) || !double.IsFinite(p.Seconds)).Label);
        }
        StepTimeCoefficients all = Solve(points);
        double mean = points.Average(p => p.Seconds);
        double total = points.Sum(p => (p.Seconds - mean) * (p.Seconds - mean));
        double residual = points.Sum(p => Math.Pow(p.Seconds - all.StepSeconds(Shape(p.Work)), 2));
        int k = Math.Min(folds, points.Count);
        double mape = double.NaN;
        if (k >= 2)
        {
            double errors = 0;
            for (int fold = 0; fold < k; fold++)
            {
                var train = points.Where((_, i) => i % k != fold).ToList();
                StepTimeCoefficients c = Solve(train);
                errors += points.Where((_, i) => i % k == fold).Sum(p => Math.Abs(c.StepSeconds(Shape(p.Work)) - p.Seconds) / p.Seconds);
            }
            mape = errors / points.Count;
        }
        double[][] features = points.Select(p => Features(p.Work)).ToArray();
        return new StepTimeFit
        {
            Coefficients = all,
            Points = points.Count,
            R2 = total > 0 ? 1 - residual / total : residual == 0 ? 1 : 0,
            KFoldMape = mape,
            Folds = k,
            UnmeasuredTerms = TermNames.Where((_, j) => features.All(f => f[j] == 0)).ToList(),
        };
    }

    /// <summary>The features of a step: 1, prefill tokens, prefill pairs, decode sequences, decode context tokens.</summary>
    public static double[] Features(StepWork w) =>
        [1, w.PrefillTokens, w.PrefillAttentionPairs, w.DecodeSequences, w.DecodeContextTokens];

    /// <summary>The simulator's step shape of the same work.</summary>
    public static StepShape Shape(StepWork w) =>
        new((int)Math.Min(int.MaxValue, w.PrefillTokens), w.PrefillAttentionPairs, (int)Math.Min(int.MaxValue, w.DecodeSequences), w.DecodeContextTokens);

    private static StepTimeCoefficients Solve(IReadOnlyList<FitPoint> points)
    {
        int n = TermNames.Count;
        var a = Matrix<double>.Build.Dense(points.Count, n);
        var b = Vector<double>.Build.Dense(points.Count);
        for (int i = 0; i < points.Count; i++)
        {
            double[] f = Features(points[i].Work);
            double weight = 1 / points[i].Seconds;
            for (int j = 0; j < n; j++)
            {
                a[i, j] = f[j] * weight;
            }
            b[i] = 1;
        }
        // Columns span 1 to ~1e9 (attention pairs); scaling each to unit maximum keeps the solve well conditioned.
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            scale[j] = a.Column(j).AbsoluteMaximum();
            if (scale[j] > 0)
            {
                a.SetColumn(j, a.Column(j) / scale[j]);
            }
        }
        Vector<double> x = NonNegativeLeastSquares.Solve(a, b);
        double C(int j) => scale[j] > 0 ? Math.Max(0, x[j] / scale[j]) : 0;
        return new StepTimeCoefficients
        {
            FixedSeconds = C(0),
            PerPrefillTokenSeconds = C(1),
            PerPrefillAttentionPairSeconds = C(2),
            PerDecodeSequenceSeconds = C(3),
            PerDecodeContextTokenSeconds = C(4),
        };
    }
}
