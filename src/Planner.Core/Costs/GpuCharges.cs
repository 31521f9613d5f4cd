namespace Planner.Core.Costs;

/// <summary>A month's GPU bill of one fleet, by what the GPU time did.</summary>
/// <param name="ServingUsd">GPU time serving requests.</param>
/// <param name="IdleUsd">Ready replicas with nothing to do, billing round-up and unused reserved capacity.</param>
/// <param name="ColdStartUsd">Replicas provisioning and loading weights.</param>
/// <param name="StrandedUsd">Billed GPUs that held no replica.</param>
/// <param name="GpuHours">GPU-hours billed: every instance-hour's GPUs, a reservation's all month.</param>
/// <param name="SpotGpuHours">Of <paramref name="GpuHours"/>, those billed at the spot price (0 without spot capacity).</param>
public readonly record struct GpuCharges(double ServingUsd, double IdleUsd, double ColdStartUsd, double StrandedUsd, double GpuHours, double SpotGpuHours = 0)
{
    public double TotalUsd => ServingUsd + IdleUsd + ColdStartUsd + StrandedUsd;
}
