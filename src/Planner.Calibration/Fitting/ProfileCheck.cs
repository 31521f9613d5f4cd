using System.Globalization;
using System.Text;
using Planner.Calibration.Benchmarking;
using Planner.Core.Serving;

namespace Planner.Calibration.Fitting;

/// <summary>Compares a profile's predictions with measurements, point by point.</summary>
public static class ProfileCheck
{
    public static IReadOnlyList<ProfileCheckRow> Compare(StepTimeCoefficients coefficients, MeasurementSet measurements)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        return MeasurementComposer.Compose(measurements)
            .Select(p => new ProfileCheckRow(p.Label, p.Seconds, coefficients.StepSeconds(StepTimeFitter.Shape(p.Work))))
            .ToList();
    }

    /// <summary>A plain-text table of the rows with a summary line (mean and largest absolute error).</summary>
    public static string Format(string title, IReadOnlyList<ProfileCheckRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(title).Append('\n');
        int width = Math.Max(5, rows.Select(r => r.Label.Length).DefaultIfEmpty(5).Max());
        text.Append("point".PadRight(width)).Append("  measured ms  predicted ms    error\n");
        foreach (ProfileCheckRow r in rows)
        {
            text.Append(r.Label.PadRight(width))
                .Append(Ms(r.MeasuredSeconds).PadLeft(13))
                .Append(Ms(r.PredictedSeconds).PadLeft(14))
                .Append(Percent(r.RelativeError).PadLeft(9))
                .Append('\n');
        }
        if (rows.Count > 0)
        {
            double mean = rows.Average(r => Math.Abs(r.RelativeError));
            ProfileCheckRow worst = rows.MaxBy(r => Math.Abs(r.RelativeError))!;
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count} points: mean absolute error {mean * 100:0.0}%, largest {Percent(worst.RelativeError)} ({worst.Label})\n"));
        }
        return text.ToString();
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("#,##0.000", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";
}
