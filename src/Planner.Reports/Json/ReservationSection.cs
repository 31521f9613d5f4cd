namespace Planner.Reports.Json;

/// <summary>GPUs committed for a term at a reserved price; a null term runs to the horizon.</summary>
public sealed record ReservationSection(int Gpus, double PricePerGpuHourUsd, int? TermMonths);
