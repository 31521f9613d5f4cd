namespace Planner.Calibration.Validation;

/// <summary>
/// How simulated figures are scored against published ones: the relative error of each row, and
/// the objective a fit minimises.
/// </summary>
public static class ValidationScoring
{
    /// <summary>(simulated − published) / published, in percent.</summary>
    public static double ErrorPercent(double simulated, double published) => (simulated - published) / published * 100;

    /// <summary>
    /// Mean over metrics of each metric's mean absolute error on the rows <paramref name="include"/>
    /// selects (all rows when null), so the few latency rows weigh as much as the many throughput
    /// rows; rows that cannot be simulated count as 100%. NaN when no row is selected. Metrics that
    /// measure the same thing count as one (<see cref="FitGroup"/>), so that a lone row of one does
    /// not weigh as much as all the throughput rows: TPOT with ITL (both the time per output token
    /// after the first), and requests per second with output tokens per second (both throughput).
    /// </summary>
    public static double Score(IReadOnlyList<PublishedMeasurement> rows, IReadOnlyList<double> simulated, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(simulated);
        var perMetric = new List<double>();
        foreach (string metric in PublishedMeasurement.Metrics.Select(FitGroup).Distinct())
        {
            var errors = new List<double>();
            for (int i = 0; i < rows.Count; i++)
            {
                if (FitGroup(rows[i].Metric) == metric && (include is null || include(i)))
                {
                    errors.Add(double.IsNaN(simulated[i]) ? 100 : Math.Abs(ErrorPercent(simulated[i], rows[i].Value)));
                }
            }
            if (errors.Count > 0)
            {
                perMetric.Add(errors.Average());
            }
        }
        return perMetric.Count == 0 ? double.NaN : perMetric.Average();
    }

    /// <summary>The metric a row's error counts under in <see cref="Score"/>: TPOT under ITL, requests per second under output tokens per second, every other metric under its own.</summary>
    public static string FitGroup(string metric) => metric switch
    {
        "tpot_ms" => "itl_ms",
        "requests_per_s" => "output_tokens_per_s",
        _ => metric,
    };

    /// <summary>The errors of the rows <paramref name="include"/> selects; rows without a simulated value count as missing.</summary>
    public static ErrorSummary Summarize(IReadOnlyList<PublishedMeasurement> rows, IReadOnlyList<double> simulated, Func<int, bool> include)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(include);
        var errors = new List<double>();
        int missing = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (!include(i))
            {
                continue;
            }
            if (double.IsNaN(simulated[i]))
            {
                missing++;
                continue;
            }
            errors.Add(ErrorPercent(simulated[i], rows[i].Value));
        }
        if (errors.Count == 0)
        {
            return new ErrorSummary(0, missing, double.NaN, double.NaN, double.NaN);
        }
        return new ErrorSummary(errors.Count, missing, errors.Average(Math.Abs), Median(errors.Select(Math.Abs)), errors.Average());
    }

    /// <summary>The middle value (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
