namespace Planner.Core.Costs;

/// <summary>A month's GPU bill of one fleet, by what the GPU time did.</summary>
public readonly record struct GpuCharges(double ServingUsd, double IdleUsd, double ColdStartUsd, double StrandedUsd, double GpuHours)
{
    public double TotalUsd => ServingUsd + IdleUsd + ColdStartUsd + StrandedUsd;
}
