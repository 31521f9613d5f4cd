using System.Globalization;

namespace Planner.Core.Specs;

/// <summary>
/// How well published measurements on one GPU bear out the step-time model: written by
/// <c>planner validate-performance</c> into the catalog (<c>validation/published.yaml</c>) from
/// its cross-validation (calibration/VALIDATION.md), so that every report on that GPU says it.
/// A GPU has one for replicas of a single GPU and one for tensor-parallel replicas of several
/// (<see cref="MultiGpu"/>), as far as published rows cover each: the all-reduces of the second
/// can err where single GPUs do not.
/// </summary>
/// <param name="Rows">Published figures on this GPU (of this kind of replica).</param>
/// <param name="Precisions">Weight precisions they ran, as written (for example "fp8, bf16").</param>
/// <param name="MedianAbsErrorSourceHeldOut">Median |simulated − published| / published, each row predicted by efficiencies fitted without its source.</param>
/// <param name="BiasSourceHeldOut">Mean signed error of the same, counted as speed (positive: the model makes the GPU faster than was published, with more throughput or shorter latency; a latency's error counts with its sign reversed).</param>
/// <param name="MedianAbsErrorGpuHeldOut">Median absolute error with this GPU's rows held out of the fit.</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record PerformanceValidationSpec(int Rows, string Precisions, double MedianAbsErrorSourceHeldOut, double BiasSourceHeldOut, double MedianAbsErrorGpuHeldOut, string Source)
{
    /// <summary>How a performance source that no published measurement checks says so (reports look for it).</summary>
    public const string UncheckedPhrase = "no published measurement on the";

    /// <summary>
    /// Mean signed error with this GPU's rows held out of the fit; null in a summary written
    /// before it was recorded. Beside <see cref="BiasSourceHeldOut"/> it shows a fit that had
    /// nothing to learn from with the source held out (the only source of a kind of run).
    /// </summary>
    public double? BiasGpuHeldOut { get; init; }

    /// <summary>
    /// True: the rows are of tensor-parallel replicas of several GPUs; false: of one GPU each;
    /// null: of both together (a summary written before the two were told apart).
    /// </summary>
    public bool? MultiGpu { get; init; }

    /// <summary>
    /// The summary of <paramref name="gpu"/> for replicas of <paramref name="gpusPerReplica"/> GPUs:
    /// the one of that kind, else one of both kinds, else the other kind's (its clause says which
    /// replicas it covers); null when no published measurement checks the GPU.
    /// </summary>
    public static PerformanceValidationSpec? For(GpuSpec gpu, int gpusPerReplica)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        bool multi = gpusPerReplica > 1;
        return gpu.Validations.FirstOrDefault(v => v.MultiGpu == multi)
            ?? gpu.Validations.FirstOrDefault(v => v.MultiGpu is null)
            ?? gpu.Validations.FirstOrDefault();
    }

    /// <summary>
    /// The clause a performance profile's description ends with: what the published measurements
    /// on <paramref name="gpu"/> say of the model for replicas of <paramref name="gpusPerReplica"/>
    /// GPUs, or that none checks it.
    /// </summary>
    public static string Clause(GpuSpec gpu, int gpusPerReplica = 1)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        if (For(gpu, gpusPerReplica) is not PerformanceValidationSpec v)
        {
            return $"; {UncheckedPhrase} {gpu.Name} checks the step times (calibration/VALIDATION.md covers other GPUs)";
        }
        // One row has an error, not a median, and its own source rather than each.
        bool one = v.Rows == 1;
        (string measurements, string error, string eachSource, string onAverage) = one
            ? ("measurement", "error", "its source", "")
            : ("measurements", "median error", "each source", "on average ");
        string rows = string.Create(CultureInfo.InvariantCulture,
            $"; against {v.Rows} published {measurements} on this GPU ({v.Precisions}{Replicas(v.MultiGpu)}): {error} {v.MedianAbsErrorSourceHeldOut:0.0%} with {eachSource} held out of the fit, {v.MedianAbsErrorGpuHeldOut:0.0%} with this GPU held out");
        return v.BiasGpuHeldOut is double gpuBias
            ? rows + $"; {onAverage}the model makes it {Bias(v.BiasSourceHeldOut)} than was published with {eachSource} held out, and {Bias(gpuBias)} with this GPU held out ({v.Source})"
            : rows + $", and {onAverage}the model makes it {Bias(v.BiasSourceHeldOut)} than was published ({v.Source})";
    }

    /// <summary>
    /// "4.6% faster", "8.0% slower" or, under half a tenth of a percent either way, "no faster and no
    /// slower", to stand before "than". One decimal always, so that 7.96% reads 8.0%, not 8%.
    /// </summary>
    private static string Bias(double bias) => bias switch
    {
        >= 0.0005 => string.Create(CultureInfo.InvariantCulture, $"{bias:0.0%} faster"),
        <= -0.0005 => string.Create(CultureInfo.InvariantCulture, $"{-bias:0.0%} slower"),
        _ => "no faster and no slower",
    };

    private static string Replicas(bool? multiGpu) => multiGpu switch
    {
        true => "; tensor-parallel replicas of several GPUs",
        false => "; replicas of one GPU",
        null => "",
    };
}
