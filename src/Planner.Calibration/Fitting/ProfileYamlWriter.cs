using System.Globalization;
using System.Text;
using Planner.Formats.Profiles;
using F = Planner.Formats.Profiles.PerformanceProfileFormat;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Writes a profile file in the format <see cref="PerformanceProfileFormat"/> defines (snake_case
/// YAML, invariant culture, coefficients with 6 significant digits). Planner.Scenarios reads it back
/// with the same key names and checks every field with file:line:column errors.
/// </summary>
public static class ProfileYamlWriter
{
    public static string Write(ProfileDocument p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var y = new StringBuilder();
        foreach (string comment in F.Preamble.Concat(p.Comments))
        {
            y.Append("# ").Append(comment).Append('\n');
        }
        Line(y, 0, F.Profile, F.Text(p.Profile));
        Line(y, 0, F.Model, F.Text(p.Model));
        Line(y, 0, F.Hardware, null);
        Line(y, 1, F.HardwareName, F.Text(p.Hardware.Name));
        Line(y, 1, F.HardwareKind, p.Hardware.Kind);
        Line(y, 1, F.HardwareGpu, p.Hardware.Gpu is string gpu ? F.Text(gpu) : F.Null);
        Line(y, 1, F.HardwareExecutionProvider, F.Text(p.Hardware.ExecutionProvider));
        Line(y, 1, F.HardwareOnnxRuntimeVersion, p.Hardware.OnnxRuntimeVersion is string v ? F.Text(v) : F.Null);
        Line(y, 1, F.HardwareThreads, p.Hardware.Threads is int t ? t.ToString(CultureInfo.InvariantCulture) : F.Null);
        Line(y, 0, F.StepTimeModel, null);
        Line(y, 1, F.FixedSeconds, F.Seconds(p.StepTimeModel.FixedSeconds));
        Line(y, 1, F.PerPrefillTokenSeconds, F.Seconds(p.StepTimeModel.PerPrefillTokenSeconds));
        Line(y, 1, F.PerPrefillAttentionPairSeconds, F.Seconds(p.StepTimeModel.PerPrefillAttentionPairSeconds));
        Line(y, 1, F.PerDecodeSequenceSeconds, F.Seconds(p.StepTimeModel.PerDecodeSequenceSeconds));
        Line(y, 1, F.PerDecodeContextTokenSeconds, F.Seconds(p.StepTimeModel.PerDecodeContextTokenSeconds));
        Line(y, 0, F.Fit, null);
        Line(y, 1, F.FitPoints, p.Fit.Points.ToString(CultureInfo.InvariantCulture));
        Line(y, 1, F.FitR2, F.Ratio(p.Fit.R2));
        Line(y, 1, F.FitKFoldMape, (double.IsNaN(p.Fit.KFoldMape) ? F.Null : F.Ratio(p.Fit.KFoldMape)) + "  # fraction: 0.05 is 5%");
        Line(y, 1, F.FitFolds, p.Fit.Folds.ToString(CultureInfo.InvariantCulture));
        Line(y, 1, F.FitMeasurements, F.Text(p.Fit.Measurements));
        if (p.ExtrapolatedFrom is { } e)
        {
            Line(y, 0, F.ExtrapolatedFrom, null);
            Line(y, 1, F.ExtrapolatedFromProfile, F.Text(e.Profile));
            Line(y, 1, F.ExtrapolatedFromMethod, F.Text(e.Method));
        }
        else
        {
            Line(y, 0, F.ExtrapolatedFrom, F.Null);
        }
        Line(y, 0, F.Created, F.Date(p.Created));
        return y.ToString();
    }

    /// <summary>Writes the profile to a new or existing path (profiles are regenerated from measurements, so replacing one is expected).</summary>
    public static void WriteFile(ProfileDocument p, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        string temp = path + ".tmp";
        File.WriteAllText(temp, Write(p), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One <c>key: value</c> line (a section opener when <paramref name="value"/> is null), two spaces per level.</summary>
    private static void Line(StringBuilder y, int level, string key, string? value)
    {
        y.Append(' ', 2 * level).Append(key).Append(':');
        if (value is not null)
        {
            y.Append(' ').Append(value);
        }
        y.Append('\n');
    }
}
