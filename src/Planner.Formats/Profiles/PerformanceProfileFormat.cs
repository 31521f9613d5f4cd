using System.Globalization;

namespace Planner.Formats.Profiles;

/// <summary>
/// The performance-profile file (<c>calibration/profiles/&lt;hardware&gt;-&lt;model&gt;.yaml</c>),
/// defined once: its keys, in the order they are written, and how values are spelled. The writer in
/// Planner.Calibration and the reader in Planner.Scenarios both use these names, so the two cannot
/// drift apart; calibration/README.md shows a whole file.
/// </summary>
public static class PerformanceProfileFormat
{
    /// <summary><c>&lt;hardware&gt;-&lt;model&gt;</c>.</summary>
    public const string Profile = "profile";

    /// <summary>Catalog id of the model.</summary>
    public const string Model = "model";

    public const string Hardware = "hardware";
    public const string HardwareName = "name";
    public const string HardwareKind = "kind";
    public const string HardwareGpu = "gpu";
    public const string HardwareExecutionProvider = "execution_provider";
    public const string HardwareOnnxRuntimeVersion = "onnxruntime_version";
    public const string HardwareThreads = "threads";

    public const string StepTimeModel = "step_time_model";
    public const string FixedSeconds = "fixed_s";
    public const string PerPrefillTokenSeconds = "per_prefill_token_s";
    public const string PerPrefillAttentionPairSeconds = "per_prefill_attention_pair_s";
    public const string PerDecodeSequenceSeconds = "per_decode_sequence_s";
    public const string PerDecodeContextTokenSeconds = "per_decode_context_token_s";

    public const string Fit = "fit";
    public const string FitPoints = "points";
    public const string FitR2 = "r2";
    public const string FitKFoldMape = "kfold_mape";
    public const string FitFolds = "folds";
    public const string FitMeasurements = "measurements";

    public const string ExtrapolatedFrom = "extrapolated_from";
    public const string ExtrapolatedFromProfile = "profile";
    public const string ExtrapolatedFromMethod = "method";

    public const string Created = "created";

    /// <summary>Values of <c>hardware.kind</c>.</summary>
    public static readonly IReadOnlyList<string> HardwareKinds = ["cpu", "gpu"];

    /// <summary>The comment every profile starts with: what the coefficients mean and how a scenario uses the file.</summary>
    public static readonly IReadOnlyList<string> Preamble =
    [
        $"Planner performance profile: step time = {FixedSeconds} + {PerPrefillTokenSeconds} × prompt tokens in the step",
        $"  + {PerPrefillAttentionPairSeconds} × (query, key) pairs of prefill attention + {PerDecodeSequenceSeconds} × decoding sequences",
        $"  + {PerDecodeContextTokenSeconds} × context tokens those sequences attend to. Scenarios use it with",
        "  engine: {performance_profile: <path of this file, relative to the scenario>}.",
    ];

    /// <summary>A coefficient in seconds: six significant digits, exponent form (<c>3.4684E-2</c>).</summary>
    public static string Seconds(double value) => value.ToString("0.#####E+0", CultureInfo.InvariantCulture);

    /// <summary>A fit figure (R², MAPE as a fraction) to four decimals; <c>.nan</c> when not a number.</summary>
    public static string Ratio(double value) => double.IsNaN(value) ? ".nan" : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML string (quotes and backslashes escaped).</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A date as ISO 8601 (<c>2026-11-22</c>).</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public const string Null = "null";
}
