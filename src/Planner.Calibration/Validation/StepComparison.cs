using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Validation;

/// <summary>
/// Measured whole-model steps next to the roofline's step time for the same model on the same
/// GPU, with the engine defaults and (when the catalog has them) with the efficiencies the GPU's
/// measured ceilings imply.
/// </summary>
/// <param name="StepsName">The steps file's name, for the document.</param>
/// <param name="Model">The catalog model the roofline describes.</param>
/// <param name="Gpu">The catalog GPU (datasheet figures).</param>
/// <param name="Defaults">The engine defaults, at BF16.</param>
/// <param name="Ceilings">Compute and memory efficiency = measured ceiling ÷ datasheet peak, no step overhead; null when the catalog has no measured ceilings for the GPU.</param>
/// <param name="Steps">The measured steps, in file order.</param>
/// <param name="DefaultsMs">The roofline's time for each step with <paramref name="Defaults"/>.</param>
/// <param name="CeilingsMs">The roofline's time for each step with <paramref name="Ceilings"/> (empty when null).</param>
public sealed record StepComparison(
    string StepsName,
    ModelArchitectureSpec Model,
    GpuSpec Gpu,
    ServingEngineSpec Defaults,
    ServingEngineSpec? Ceilings,
    IReadOnlyList<MeasuredStep> Steps,
    IReadOnlyList<double> DefaultsMs,
    IReadOnlyList<double> CeilingsMs)
{
    /// <summary>Predicts every step with the roofline (one GPU, BF16 weights and KV cache).</summary>
    public static StepComparison Compute(string stepsName, IReadOnlyList<MeasuredStep> steps, ModelArchitectureSpec model, GpuSpec gpu, ServingEngineSpec defaults, ServingEngineSpec? ceilings)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(defaults);
        ServingEngineSpec Bf16(ServingEngineSpec e) => e with { WeightPrecision = Precision.Bf16, KvCachePrecision = Precision.Bf16 };
        ServingEngineSpec atDefaults = Bf16(defaults);
        ServingEngineSpec? atCeilings = ceilings is null ? null : Bf16(ceilings);
        var defaultProfile = new RooflinePerformanceProfile(model, gpu, 1, atDefaults);
        RooflinePerformanceProfile? ceilingProfile = atCeilings is null ? null : new RooflinePerformanceProfile(model, gpu, 1, atCeilings);
        return new StepComparison(
            stepsName, model, gpu, atDefaults, atCeilings, steps,
            steps.Select(s => defaultProfile.StepSeconds(s.Shape) * 1000).ToArray(),
            ceilingProfile is null ? [] : steps.Select(s => ceilingProfile.StepSeconds(s.Shape) * 1000).ToArray());
    }
}
