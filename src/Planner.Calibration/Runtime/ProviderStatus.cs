namespace Planner.Calibration.Runtime;

/// <summary>Whether an execution provider can run here, and if not, why (one line).</summary>
public sealed record ProviderStatus(ExecutionProvider Provider, bool CompiledIn, bool CanRun, string Reason);
