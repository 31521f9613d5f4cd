using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Scenarios.Optimization;

/// <summary>An instance type the search may rent, at its on-demand price.</summary>
/// <param name="Gpu">Datasheet figures (the scenario's, with any overrides, when an option uses this GPU).</param>
/// <param name="Pricing">The on-demand price per GPU-hour, the GPUs per instance it is billed in, and where it comes from.</param>
/// <param name="Origin">"scenario option NAME" or the catalog price id.</param>
public sealed record GpuOffer(GpuSpec Gpu, GpuPricingSpec Pricing, string Origin)
{
    /// <summary>"p5.48xlarge (8 GPUs)", or "8-GPU instance" when the instance type is not named.</summary>
    public string InstanceLabel => Pricing.InstanceType is string type
        ? string.Create(CultureInfo.InvariantCulture, $"{type} ({Pricing.GpusPerInstance} GPU{(Pricing.GpusPerInstance == 1 ? "" : "s")})")
        : string.Create(CultureInfo.InvariantCulture, $"{Pricing.GpusPerInstance}-GPU instance");
}
