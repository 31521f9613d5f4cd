namespace Planner.Calibration.Benchmarking;

/// <summary>What a step does: prefill a prompt, or decode one token per sequence against its cache.</summary>
public enum BenchmarkPhase
{
    Prefill,
    Decode,
}
