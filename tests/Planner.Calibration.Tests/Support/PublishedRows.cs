using Planner.Calibration.Validation;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Support;

/// <summary>A published row built in code for validation tests: one GPU of the repository's catalog, everything else named by the test.</summary>
public static class PublishedRows
{
    /// <summary>A row of <paramref name="metric"/> in <paramref name="regime"/>; <c>with</c> sets what else a test needs.</summary>
    public static PublishedMeasurement Row(
        string regime, string metric, int requests, int? concurrency = null, double? rate = null, int input = 128, int output = 32,
        string model = "llama-3.1-8b", int tp = 1, Precision precision = Precision.Bf16) => new()
    {
        Id = $"{regime}-{metric}-{requests}-{concurrency}-{rate}",
        Source = "test",
        Url = "https://example.org",
        Date = "2025-01-01",
        ModelLabel = model,
        GpuLabel = "H100",
        Model = CatalogSpecs.Models[model],
        Gpu = CatalogSpecs.Gpus["h100-sxm"],
        Gpus = tp,
        TensorParallel = tp,
        WeightPrecision = precision,
        KvPrecision = precision,
        PrecisionText = precision.ToString().ToLowerInvariant(),
        Engine = "test",
        Regime = regime,
        InputTokens = input,
        OutputTokens = output,
        Requests = requests,
        Concurrency = concurrency,
        RequestRate = rate,
        Metric = metric,
        Value = 1,
    };
}
