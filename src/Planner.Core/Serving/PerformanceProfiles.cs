using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>Chooses the step-time model of a self-hosted option: its calibrated profile when the scenario names one, else the roofline estimate.</summary>
public static class PerformanceProfiles
{
    public static IPerformanceProfile For(SelfHostedOptionSpec option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Engine.PerformanceProfile is { } calibrated
            ? new CalibratedPerformanceProfile(calibrated)
            : new RooflinePerformanceProfile(option.Model, option.Gpu, option.GpusPerReplica, option.Engine);
    }
}
