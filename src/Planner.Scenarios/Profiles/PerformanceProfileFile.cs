using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Profiles;

/// <summary>
/// Reads a performance profile file written by <c>planner calibrate</c> (format in
/// calibration/README.md), checking every field and collecting every problem with its
/// file:line:column, like scenario files.
/// </summary>
public static class PerformanceProfileFile
{
    private static readonly string[] Kinds = ["cpu", "gpu"];

    /// <param name="path">The profile file, as diagnostics should name it.</param>
    public static PerformanceProfileReadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag();
        var read = new ReadContext(path, bag);
        InputFileResult file = InputFile.Read(path, YamlLimits.MaxFileBytes);
        if (file.Status != InputFileStatus.Read)
        {
            (string message, string? allowed) = Messages.FileProblem("performance profile", path, file, YamlLimits.MaxFileBytes);
            read.Error(Mark.Empty, message, allowed ?? (file.Status == InputFileStatus.NotFound ? Messages.ProfileHint : null));
            return new PerformanceProfileReadResult(null, bag.ToSortedList(), NotFound: file.Status == InputFileStatus.NotFound) { File = file };
        }
        string text = file.Text();
        PerformanceProfileDocument? document = null;
        if (YamlDocumentParser.Parse(text, read) is { } root && read.Mapping(root, "") is { } r)
        {
            document = Read(r, path);
        }
        return new PerformanceProfileReadResult(bag.HasErrors ? null : document, bag.ToSortedList(), NotFound: false);
    }

    private static PerformanceProfileDocument? Read(MappingReader r, string path)
    {
        string? name = r.Text("profile", required: true);
        string? model = r.Text("model", required: true);

        MappingReader? h = r.Mapping("hardware", required: true);
        string? hardwareName = h?.Text("name", required: true);
        string? kind = h?.Word("kind", "hardware kind", Kinds, required: true);
        string? gpu = h?.Text("gpu");
        string? provider = h?.Text("execution_provider", required: true);
        string? ortVersion = h?.Text("onnxruntime_version");
        int? threads = h?.Int("threads", ValueRange.NonNegative);
        h?.Finish();

        MappingReader? m = r.Mapping("step_time_model", required: true);
        double? fixedSeconds = m?.Double("fixed_s", ValueRange.NonNegative, required: true);
        double? perToken = m?.Double("per_prefill_token_s", ValueRange.NonNegative, required: true);
        double? perPair = m?.Double("per_prefill_attention_pair_s", ValueRange.NonNegative, required: true);
        double? perSequence = m?.Double("per_decode_sequence_s", ValueRange.NonNegative, required: true);
        double? perContext = m?.Double("per_decode_context_token_s", ValueRange.NonNegative, required: true);
        m?.Finish();

        MappingReader? f = r.Mapping("fit", required: true);
        int? points = f?.Int("points", ValueRange.AtLeast(1), required: true);
        double? r2 = f?.Double("r2", ValueRange.Any, required: true);
        double? mape = f?.Double("kfold_mape", ValueRange.NonNegative);
        int? folds = f?.Int("folds", ValueRange.NonNegative, required: true);
        string? measurements = f?.Text("measurements", required: true);
        if (measurements is not null && InputFile.FirstControlCharacter(measurements) is int bad)
        {
            r.Context.Error(f!.Get("measurements")!, Messages.PathControlCharacter(f.PathOf("measurements"), InputFile.DescribeCharacter(measurements[bad]), bad),
                Messages.PathAllowed);
            measurements = null;
        }
        f?.Finish();

        string? fromProfile = null, method = null;
        bool extrapolated = r.Has("extrapolated_from");
        if (r.Mapping("extrapolated_from") is { } e)
        {
            fromProfile = e.Text("profile", required: true);
            method = e.Text("method", required: true);
            e.Finish();
        }
        DateOnly? created = r.Date("created", required: true);
        r.Finish();

        if (name is null || model is null || hardwareName is null || kind is null || provider is null || fixedSeconds is null || perToken is null
            || perPair is null || perSequence is null || perContext is null || points is null || r2 is null || folds is null || measurements is null
            || created is null || (extrapolated && (fromProfile is null || method is null)))
        {
            return null;
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return new PerformanceProfileDocument
        {
            Spec = new CalibratedProfileSpec
            {
                Name = name,
                Hardware = hardwareName,
                Coefficients = new StepTimeCoefficients
                {
                    FixedSeconds = fixedSeconds.Value,
                    PerPrefillTokenSeconds = perToken.Value,
                    PerPrefillAttentionPairSeconds = perPair.Value,
                    PerDecodeSequenceSeconds = perSequence.Value,
                    PerDecodeContextTokenSeconds = perContext.Value,
                },
                IsExtrapolated = extrapolated,
                SourcePath = path,
                KFoldMape = mape,
            },
            Model = model,
            HardwareKind = kind,
            Gpu = gpu,
            ExecutionProvider = provider,
            OnnxRuntimeVersion = ortVersion,
            Threads = threads,
            FitPoints = points.Value,
            FitR2 = r2.Value,
            FitFolds = folds.Value,
            Measurements = measurements,
            MeasurementsPath = Path.GetFullPath(Path.Combine(directory, measurements)),
            ExtrapolatedFromProfile = fromProfile,
            ExtrapolationMethod = method,
            Created = created.Value,
        };
    }
}
