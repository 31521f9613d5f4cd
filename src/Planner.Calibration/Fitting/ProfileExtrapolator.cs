using System.Globalization;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Derives a profile for a GPU nobody measured from a measured GPU profile by roofline ratios:
/// compute-bound terms (per prefill token, per attention pair, per decoding sequence) scale with
/// the ratio of dense BF16 throughput, memory-bound terms (the fixed per-step cost, dominated by
/// streaming the weights, and per context token, the KV-cache reads) with the ratio of memory
/// bandwidth. The result is marked extrapolated; its fit figures are the source's.
/// </summary>
public static class ProfileExtrapolator
{
    public static ProfileDocument Extrapolate(ProfileDocument source, string sourceRelativePath, GpuSpec from, GpuSpec to, DateOnly created)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (source.Hardware.Kind != "gpu")
        {
            throw new ArgumentException(
                $"profile {source.Profile} was measured on a {source.Hardware.Kind}, and roofline ratios between a CPU and a GPU mean nothing; extrapolate from a GPU profile");
        }
        if (source.ExtrapolatedFrom is not null)
        {
            throw new ArgumentException($"profile {source.Profile} is itself extrapolated; extrapolate from the measured profile ({source.ExtrapolatedFrom.Profile})");
        }
        double compute = from.Bf16DenseTflops / to.Bf16DenseTflops;
        double memory = from.HbmBandwidthGbPerSecond / to.HbmBandwidthGbPerSecond;
        StepTimeCoefficients c = source.StepTimeModel;
        string method = string.Create(CultureInfo.InvariantCulture,
            $"roofline ratios from {from.Id} to {to.Id}: compute-bound terms × {compute:0.###} (BF16 {from.Bf16DenseTflops:0.#} → {to.Bf16DenseTflops:0.#} TFLOPS), memory-bound terms × {memory:0.###} ({from.HbmBandwidthGbPerSecond:0} → {to.HbmBandwidthGbPerSecond:0} GB/s)");
        return source with
        {
            Profile = $"{to.Id}-{source.Model}",
            Hardware = source.Hardware with { Name = to.Name + " (extrapolated)", Gpu = to.Id },
            StepTimeModel = new StepTimeCoefficients
            {
                FixedSeconds = c.FixedSeconds * memory,
                PerPrefillTokenSeconds = c.PerPrefillTokenSeconds * compute,
                PerPrefillAttentionPairSeconds = c.PerPrefillAttentionPairSeconds * compute,
                PerDecodeSequenceSeconds = c.PerDecodeSequenceSeconds * compute,
                PerDecodeContextTokenSeconds = c.PerDecodeContextTokenSeconds * memory,
            },
            ExtrapolatedFrom = new ProfileExtrapolation { Profile = sourceRelativePath, Method = method },
            Created = created,
            Comments = [$"Extrapolated, not measured: {method}.", "fit: figures of the measured source profile; this profile's own error is unknown."],
        };
    }
}
