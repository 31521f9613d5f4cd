using Planner.Calibration.Tests.Support;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Physics;

/// <summary>
/// The measured operator timings shipped in <c>scenarios/catalog/operators/</c>, composed into step
/// times for every catalog model whose layers they were measured on: never faster than the
/// hardware allows, and slower with more work.
/// </summary>
public sealed class CatalogOperatorPhysicsTests
{
    public static TheoryData<string, string, int> Measured()
    {
        var data = new TheoryData<string, string, int>();
        foreach ((string gpuId, GpuSpec gpu) in CatalogSpecs.Gpus.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach ((string modelId, ModelArchitectureSpec model) in CatalogSpecs.Models.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                foreach (OperatorTimingTable table in gpu.OperatorTimings.Where(t => t.Fits(model, t.TensorParallel)))
                {
                    data.Add(modelId, gpuId, table.TensorParallel);
                }
            }
        }
        return data;
    }

    [Fact]
    public void The_shipped_catalog_has_measured_tables_for_llama_layers_on_a100_and_h100()
    {
        Assert.Contains(Measured(), row => (string)row[0] == "llama-3.1-8b" && (string)row[1] == "a100-80gb");
        Assert.Contains(Measured(), row => (string)row[0] == "llama-3.1-70b" && (string)row[1] == "h100-sxm" && (int)row[2] == 4);
    }

    [Theory]
    [MemberData(nameof(Measured))]
    public void Batch_one_decode_never_beats_reading_the_weights_at_full_bandwidth(string modelId, string gpuId, int gpus)
    {
        ModelArchitectureSpec model = CatalogSpecs.Models[modelId];
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        var engine = new ServingEngineSpec { WeightPrecision = Precision.Bf16, StepOverheadMs = 0 };
        IPerformanceProfile profile = PerformanceProfiles.For(new SelfHostedOptionSpec
        {
            Name = "measured", Model = model, Gpu = gpu, GpusPerReplica = gpus, Engine = engine,
            Pricing = new GpuPricingSpec { PricePerGpuHourUsd = 1 }, FixedReplicas = 1,
        });
        Assert.IsType<OperatorPerformanceProfile>(profile);
        double floor = model.ActiveParamsBillion * 1e9 * 2 / (gpu.HbmBandwidthGbPerSecond * 1e9 * gpus);
        foreach (long context in new long[] { 1, 1024, 32768 })
        {
            double step = profile.StepSeconds(new StepShape(0, 0, 1, context));
            Assert.True(step >= floor, $"{modelId} on {gpus} × {gpuId}, context {context}: {step * 1e3:F3} ms < weight read {floor * 1e3:F3} ms");
        }
    }

    [Theory]
    [MemberData(nameof(Measured))]
    public void Throughput_rises_with_the_batch_until_the_gpu_is_compute_bound(string modelId, string gpuId, int gpus)
    {
        ModelArchitectureSpec model = CatalogSpecs.Models[modelId];
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        OperatorTimingTable table = gpu.OperatorTimings.First(t => t.Fits(model, gpus));
        var profile = new OperatorPerformanceProfile(model, gpu, gpus, new ServingEngineSpec { WeightPrecision = Precision.Bf16 }, table);
        // Decode of short contexts: tokens per second at batch 1, 8, 64 and 256.
        double[] rates = [.. new[] { 1, 8, 64, 256 }.Select(b => b / profile.StepSeconds(new StepShape(0, 0, b, b * 128L)))];
        for (int i = 1; i < rates.Length; i++)
        {
            Assert.True(rates[i] > rates[i - 1], $"{modelId} on {gpus} × {gpuId}: {rates[i]:F0} tokens/s at the larger batch, {rates[i - 1]:F0} before");
        }
        Assert.True(profile.FlopsPerSecond <= gpu.Bf16DenseTflops * 1e12 && profile.BytesPerSecond <= gpu.HbmBandwidthGbPerSecond * 1e9);
    }

    public static TheoryData<string> GpusWithAllReduce()
    {
        var data = new TheoryData<string>();
        foreach ((string id, GpuSpec gpu) in CatalogSpecs.Gpus.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (gpu.AllReduceTimings.Count > 0)
            {
                data.Add(id);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GpusWithAllReduce))]
    public void The_fitted_ring_reproduces_the_measured_all_reduces_it_was_fitted_to(string gpuId)
    {
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        var errors = new List<double>();
        foreach (CollectiveTimingTable table in gpu.AllReduceTimings)
        {
            var cost = new TensorParallelCost(CatalogSpecs.Models["llama-3.1-70b"], gpu, table.Gpus, new ServingEngineSpec().PcieAllReduceEfficiency);
            Assert.NotNull(cost.Source);
            for (int i = 0; i < table.Bytes.Count; i++)
            {
                if (table.Bytes[i] >= TensorParallelCost.SmallestFittedBytes)
                {
                    errors.Add(Math.Abs(cost.AllReduceSeconds(table.Bytes[i]) / table.Seconds[i] - 1));
                }
            }
        }
        errors.Sort();
        double median = errors[errors.Count / 2];
        Assert.True(median <= 0.10, $"{gpuId}: the fitted ring is off the measurements by a median {median:P1} over {errors.Count} points");
        Assert.InRange(errors.Count, 20, int.MaxValue);
    }
}
