namespace Planner.Core.Engine;

/// <summary>A scheduled event: a plain struct so scheduling allocates nothing.</summary>
public readonly record struct SimEvent(double TimeSeconds, EventKind Kind, int Target, int Version);
