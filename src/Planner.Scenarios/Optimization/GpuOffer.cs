using Planner.Core.Specs;

namespace Planner.Scenarios.Optimization;

/// <summary>A GPU type the search may use, at the on-demand price it pays.</summary>
/// <param name="Gpu">Datasheet figures (the scenario's, with any overrides, when an option uses this GPU).</param>
/// <param name="Pricing">The on-demand price per GPU-hour and where it comes from.</param>
/// <param name="Origin">"scenario option NAME" or the catalog price id.</param>
public sealed record GpuOffer(GpuSpec Gpu, GpuPricingSpec Pricing, string Origin);
