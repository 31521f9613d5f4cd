using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;

namespace Planner.Calibration.Tests.Support;

/// <summary>Measurement rows and sets for tests that do not need ONNX Runtime.</summary>
public static class Measurements
{
    public static MeasurementRow Row(ModelComponent component, int blocks, BenchmarkPhase phase, int batch, int newTokens, int past, double seconds) => new()
    {
        Component = component,
        Blocks = blocks,
        Phase = phase,
        Batch = batch,
        NewTokens = newTokens,
        PastTokens = past,
        Timing = TimingStatistics.Of([seconds * 0.99, seconds, seconds * 1.01]),
        Converged = true,
    };

    public static MeasurementMetadata Metadata(int? layers = 32) => new()
    {
        CreatedUtc = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero),
        Model = "llama-3.1-8b",
        Method = "built_in_decoder",
        Hardware = "cpu-test",
        HardwareKind = "cpu",
        ExecutionProvider = "cpu",
        OnnxRuntimeVersion = "1.30.0",
        Threads = 2,
        Layers = layers,
        BlocksMeasured = 2,
    };
}
