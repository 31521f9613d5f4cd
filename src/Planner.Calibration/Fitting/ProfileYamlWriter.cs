using System.Globalization;
using System.Text;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Writes a profile file (snake_case YAML, invariant culture, coefficients with 6 significant
/// digits). The format is read back by Planner.Scenarios, which checks every field with
/// file:line:column errors.
/// </summary>
public static class ProfileYamlWriter
{
    public static string Write(ProfileDocument p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var y = new StringBuilder();
        y.Append("# Planner performance profile: step time = fixed_s + per_prefill_token_s × prompt tokens in the step\n");
        y.Append("#   + per_prefill_attention_pair_s × (query, key) pairs of prefill attention + per_decode_sequence_s × decoding sequences\n");
        y.Append("#   + per_decode_context_token_s × context tokens those sequences attend to. Scenarios use it with\n");
        y.Append("#   engine: {performance_profile: <path of this file, relative to the scenario>}.\n");
        foreach (string comment in p.Comments)
        {
            y.Append("# ").Append(comment).Append('\n');
        }
        y.Append("profile: ").Append(Text(p.Profile)).Append('\n');
        y.Append("model: ").Append(Text(p.Model)).Append('\n');
        y.Append("hardware:\n");
        y.Append("  name: ").Append(Text(p.Hardware.Name)).Append('\n');
        y.Append("  kind: ").Append(p.Hardware.Kind).Append('\n');
        y.Append("  gpu: ").Append(p.Hardware.Gpu is string gpu ? Text(gpu) : "null").Append('\n');
        y.Append("  execution_provider: ").Append(Text(p.Hardware.ExecutionProvider)).Append('\n');
        y.Append("  onnxruntime_version: ").Append(p.Hardware.OnnxRuntimeVersion is string v ? Text(v) : "null").Append('\n');
        y.Append("  threads: ").Append(p.Hardware.Threads is int t ? t.ToString(CultureInfo.InvariantCulture) : "null").Append('\n');
        y.Append("step_time_model:\n");
        y.Append("  fixed_s: ").Append(Number(p.StepTimeModel.FixedSeconds)).Append('\n');
        y.Append("  per_prefill_token_s: ").Append(Number(p.StepTimeModel.PerPrefillTokenSeconds)).Append('\n');
        y.Append("  per_prefill_attention_pair_s: ").Append(Number(p.StepTimeModel.PerPrefillAttentionPairSeconds)).Append('\n');
        y.Append("  per_decode_sequence_s: ").Append(Number(p.StepTimeModel.PerDecodeSequenceSeconds)).Append('\n');
        y.Append("  per_decode_context_token_s: ").Append(Number(p.StepTimeModel.PerDecodeContextTokenSeconds)).Append('\n');
        y.Append("fit:\n");
        y.Append("  points: ").Append(p.Fit.Points.ToString(CultureInfo.InvariantCulture)).Append('\n');
        y.Append("  r2: ").Append(Ratio(p.Fit.R2)).Append('\n');
        y.Append("  kfold_mape: ").Append(double.IsNaN(p.Fit.KFoldMape) ? "null" : Ratio(p.Fit.KFoldMape)).Append("  # fraction: 0.05 is 5%\n");
        y.Append("  folds: ").Append(p.Fit.Folds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        y.Append("  measurements: ").Append(Text(p.Fit.Measurements)).Append('\n');
        if (p.ExtrapolatedFrom is { } e)
        {
            y.Append("extrapolated_from:\n");
            y.Append("  profile: ").Append(Text(e.Profile)).Append('\n');
            y.Append("  method: ").Append(Text(e.Method)).Append('\n');
        }
        else
        {
            y.Append("extrapolated_from: null\n");
        }
        y.Append("created: ").Append(p.Created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
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

    private static string Number(double v) => v.ToString("0.#####E+0", CultureInfo.InvariantCulture);

    private static string Ratio(double v) => double.IsNaN(v) ? ".nan" : v.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML string (quotes and backslashes escaped).</summary>
    private static string Text(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
