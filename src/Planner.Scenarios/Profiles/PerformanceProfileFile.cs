using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Formats.Profiles;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Files;
using Planner.Scenarios.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using F = Planner.Formats.Profiles.PerformanceProfileFormat;

namespace Planner.Scenarios.Profiles;

/// <summary>
/// Reads a performance profile file written by <c>planner calibrate</c> (the format is
/// <see cref="PerformanceProfileFormat"/>, shown whole in calibration/README.md), checking every field and collecting every problem with its
/// file:line:column, like scenario files.
/// </summary>
public static class PerformanceProfileFile
{
    /// <summary>Largest fixed or per-sequence step time read: 60 s, past any processor's step (a CPU profile of Llama 3.1 8B has 2.6 s).</summary>
    public const double MaxStepSeconds = 60;

    /// <summary>Largest per-token (or per attention pair, or per context token) step time read: 10 s.</summary>
    public const double MaxPerTokenSeconds = 10;

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
        string? name = r.Text(F.Profile, required: true);
        string? model = r.Text(F.Model, required: true);

        MappingReader? h = r.Mapping(F.Hardware, required: true);
        string? hardwareName = h?.Text(F.HardwareName, required: true);
        string? kind = h?.Word(F.HardwareKind, "hardware kind", F.HardwareKinds, required: true);
        string? gpu = h?.Text(F.HardwareGpu);
        string? provider = h?.Text(F.HardwareExecutionProvider, required: true);
        string? ortVersion = h?.Text(F.HardwareOnnxRuntimeVersion);
        int? threads = h?.Int(F.HardwareThreads, ValueRange.NonNegative);
        h?.Finish();

        MappingReader? m = r.Mapping(F.StepTimeModel, required: true);
        // Bounds past anything a processor does (a minute a step, 10 s a token): fixed_s 1e300 validated and ran.
        double? fixedSeconds = m?.Double(F.FixedSeconds, ValueRange.Between(0, MaxStepSeconds), required: true);
        double? perToken = m?.Double(F.PerPrefillTokenSeconds, ValueRange.Between(0, MaxPerTokenSeconds), required: true);
        double? perPair = m?.Double(F.PerPrefillAttentionPairSeconds, ValueRange.Between(0, MaxPerTokenSeconds), required: true);
        double? perSequence = m?.Double(F.PerDecodeSequenceSeconds, ValueRange.Between(0, MaxStepSeconds), required: true);
        double? perContext = m?.Double(F.PerDecodeContextTokenSeconds, ValueRange.Between(0, MaxPerTokenSeconds), required: true);
        if (m is not null && fixedSeconds == 0 && perToken == 0 && perPair == 0 && perSequence == 0 && perContext == 0)
        {
            // Every step would take no time: a TTFT of 0.0 ms, silently.
            r.Context.Error(m.Node, $"{F.StepTimeModel}: every coefficient is 0, so a step would take no time",
                "allowed: at least one coefficient above 0, as `planner calibrate` fits them");
            fixedSeconds = null;
        }
        m?.Finish();

        MappingReader? f = r.Mapping(F.Fit, required: true);
        int? points = f?.Int(F.FitPoints, ValueRange.AtLeast(1), required: true);
        double? r2 = f?.Double(F.FitR2, ValueRange.Any, required: true);
        double? mape = f?.Double(F.FitKFoldMape, ValueRange.NonNegative);
        int? folds = f?.Int(F.FitFolds, ValueRange.NonNegative, required: true);
        string? measurements = f?.Text(F.FitMeasurements, required: true);
        if (measurements is not null && InputFile.FirstControlCharacter(measurements) is int bad)
        {
            r.Context.Error(f!.Get(F.FitMeasurements)!, Messages.PathControlCharacter(f.PathOf(F.FitMeasurements), InputFile.DescribeCharacter(measurements[bad]), bad),
                Messages.PathAllowed);
            measurements = null;
        }
        f?.Finish();

        string? fromProfile = null, method = null;
        bool extrapolated = r.Has(F.ExtrapolatedFrom);
        if (r.Mapping(F.ExtrapolatedFrom) is { } e)
        {
            fromProfile = e.Text(F.ExtrapolatedFromProfile, required: true);
            method = e.Text(F.ExtrapolatedFromMethod, required: true);
            e.Finish();
        }
        DateOnly? created = r.Date(F.Created, required: true);
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
