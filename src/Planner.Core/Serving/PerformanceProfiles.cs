using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Chooses the step-time model of a self-hosted option: its calibrated profile when the scenario
/// names one; else the GPU's measured operator timings when they were measured on the model's
/// layers at the option's tensor-parallel degree with 16-bit weights; else the roofline estimate.
/// </summary>
public static class PerformanceProfiles
{
    public static IPerformanceProfile For(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (option.Engine.PerformanceProfile is { } calibrated)
        {
            return new CalibratedPerformanceProfile(calibrated);
        }
        return OperatorPerformanceProfile.TableFor(option.Model, option.Gpu, option.GpusPerReplica, option.Engine) is { } table
            ? new OperatorPerformanceProfile(option.Model, option.Gpu, option.GpusPerReplica, option.Engine, table)
            : new RooflinePerformanceProfile(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
    }
}
