namespace Planner.Calibration.Validation;

/// <summary>
/// How much of a set of errors is each configuration's level and how much its shape. A
/// configuration (<see cref="ConfigurationOf"/>) is the rows of one source that differ only in
/// their lengths and load: one model on one GPU type, GPU count, precision and engine, one metric,
/// statistic and regime. Its level is the median of its rows' log ratios (simulated ÷ published);
/// a row's shape is its ratio with that level divided out. "Level alone" is the error a row would
/// have were its shape right; "shape alone" the error it would have were its configuration's level
/// right. A simulator that knew every configuration's level exactly would still be off by the
/// shape's median. Configurations of fewer than <see cref="MinimumRows"/> rows with a simulated
/// value are left out: with one row the shape is zero by construction, with two each row is off by
/// the same amount either way.
/// </summary>
/// <param name="Rows">Rows counted: in configurations of at least <see cref="MinimumRows"/> simulated rows.</param>
/// <param name="Configurations">Configurations counted.</param>
/// <param name="MedianAbsolutePercent">Median |simulated − published| / published of those rows, as they are.</param>
/// <param name="LevelMedianAbsolutePercent">Median over those rows of their configuration's level, as an error in percent.</param>
/// <param name="ShapeMedianAbsolutePercent">Median over those rows of the error left once their configuration's level is divided out.</param>
public sealed record LevelAndShape(int Rows, int Configurations, double MedianAbsolutePercent, double LevelMedianAbsolutePercent, double ShapeMedianAbsolutePercent)
{
    /// <summary>The fewest simulated rows a configuration needs to be counted.</summary>
    public const int MinimumRows = 3;

    /// <summary>What makes two rows the same configuration: all but their lengths, load and value.</summary>
    public static string ConfigurationOf(PublishedMeasurement row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Join('\u001f', row.SourceKey, row.Model.Id, row.Gpu.Id, row.Gpus, row.TensorParallel, row.PrecisionText,
            row.Engine, row.EngineProfile, row.Metric, row.Statistic, row.Regime, row.Measurement);
    }

    /// <summary>
    /// The decomposition of <paramref name="simulated"/>'s errors against <paramref name="rows"/>;
    /// rows without a positive simulated value are left out, as their configuration is if fewer
    /// than <see cref="MinimumRows"/> remain. NaN medians when nothing is left.
    /// </summary>
    public static LevelAndShape Of(IReadOnlyList<PublishedMeasurement> rows, IReadOnlyList<double> simulated)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(simulated);
        if (rows.Count != simulated.Count)
        {
            throw new ArgumentException($"{simulated.Count} simulated values for {rows.Count} rows", nameof(simulated));
        }
        var byConfiguration = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (!(simulated[i] > 0) || !(rows[i].Value > 0) || double.IsInfinity(simulated[i]))
            {
                continue;
            }
            string key = ConfigurationOf(rows[i]);
            if (!byConfiguration.TryGetValue(key, out List<int>? members))
            {
                byConfiguration[key] = members = [];
                order.Add(key);
            }
            members.Add(i);
        }
        var asIs = new List<double>();
        var level = new List<double>();
        var shape = new List<double>();
        int configurations = 0;
        foreach (string key in order)
        {
            List<int> members = byConfiguration[key];
            if (members.Count < MinimumRows)
            {
                continue;
            }
            configurations++;
            double[] logs = members.Select(i => Math.Log(simulated[i] / rows[i].Value)).ToArray();
            double median = ValidationScoring.Median(logs);
            foreach (double log in logs)
            {
                asIs.Add(Math.Abs(Math.Exp(log) - 1) * 100);
                level.Add(Math.Abs(Math.Exp(median) - 1) * 100);
                shape.Add(Math.Abs(Math.Exp(log - median) - 1) * 100);
            }
        }
        return new LevelAndShape(asIs.Count, configurations, ValidationScoring.Median(asIs), ValidationScoring.Median(level), ValidationScoring.Median(shape));
    }
}
