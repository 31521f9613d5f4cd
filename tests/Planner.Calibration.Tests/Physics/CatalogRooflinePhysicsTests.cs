using Planner.Calibration.Tests.Support;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Calibration.Tests.Physics;

/// <summary>
/// Physics the roofline step time must obey for every model × GPU in the shipped catalog, at any
/// efficiency: the engine may be slower than the hardware, never faster.
/// </summary>
public sealed class CatalogRooflinePhysicsTests
{
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in CatalogSpecs.Catalog.Models.Keys.Order(StringComparer.Ordinal))
        {
            foreach (string gpu in CatalogSpecs.Catalog.Gpus.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(model, gpu);
            }
        }
        return data;
    }

    private static readonly Precision[] Precisions = [Precision.Bf16, Precision.Fp8, Precision.Int4, Precision.Fp4];
    private static readonly int[] TensorParallel = [1, 2, 4, 8];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Batch_one_decode_never_beats_reading_the_weights_at_full_bandwidth(string modelId, string gpuId)
    {
        ModelArchitectureSpec model = CatalogSpecs.Models[modelId];
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        foreach (Precision precision in Precisions)
        {
            foreach (int gpus in TensorParallel)
            {
                // Efficiency 1 and no overhead: the most optimistic engine the roofline can describe.
                var engine = new ServingEngineSpec { WeightPrecision = precision, ComputeEfficiency = 1, MemoryEfficiency = 1, StepOverheadMs = 0 };
                var profile = new RooflinePerformanceProfile(model, gpu, gpus, engine);
                // One token reads every weight it uses once: all of a dense model, the active share of a mixture of experts.
                double floor = model.ActiveParamsBillion * 1e9 * PrecisionBytes.Of(precision) / (gpu.HbmBandwidthGbPerSecond * 1e9 * gpus);
                foreach (long context in new long[] { 1, 1024, 32768 })
                {
                    double step = profile.StepSeconds(new StepShape(0, 0, 1, context));
                    Assert.True(step >= floor * (1 - 1e-12), $"{modelId} on {gpus} × {gpuId} ({precision}, context {context}): {step * 1e3:F4} ms < weight read {floor * 1e3:F4} ms");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void More_gpus_under_tensor_parallelism_never_lower_the_communication_per_step(string modelId, string gpuId)
    {
        ModelArchitectureSpec model = CatalogSpecs.Models[modelId];
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        var engine = new ServingEngineSpec();
        StepShape[] shapes =
        [
            new(0, 0, 1, 1024),
            new(0, 0, 64, 64 * 4096L),
            new(2048, 2048L * 2049 / 2, 0, 0),
            new(512, 512L * 513 / 2, 32, 32 * 2048L),
        ];
        foreach (StepShape shape in shapes)
        {
            // Compute and memory time divide exactly by the GPU count, so what a TP group adds
            // beyond (single-GPU time − overhead) / g + overhead is its all-reduce time.
            double overhead = engine.StepOverheadMs / 1000;
            double single = new RooflinePerformanceProfile(model, gpu, 1, engine).StepSeconds(shape);
            double previous = 0;
            foreach (int gpus in TensorParallel)
            {
                double step = new RooflinePerformanceProfile(model, gpu, gpus, engine).StepSeconds(shape);
                double communication = step - ((single - overhead) / gpus + overhead);
                double tolerance = 1e-9 * single;
                if (gpus == 1)
                {
                    Assert.InRange(communication, -tolerance, tolerance);
                }
                else
                {
                    Assert.True(communication > 0, $"{modelId} on {gpus} × {gpuId}: no all-reduce time");
                }
                Assert.True(communication >= previous - tolerance, $"{modelId} on {gpus} × {gpuId}: all-reduce time fell from {previous * 1e6:F3} µs to {communication * 1e6:F3} µs");
                previous = communication;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Decode_throughput_rises_with_batch_until_memory_or_compute_binds(string modelId, string gpuId)
    {
        ModelArchitectureSpec model = CatalogSpecs.Models[modelId];
        GpuSpec gpu = CatalogSpecs.Gpus[gpuId];
        const long Context = 1024;
        foreach (Precision precision in new[] { Precision.Bf16, Precision.Fp8 })
        {
            var engine = new ServingEngineSpec { WeightPrecision = precision };
            var profile = new RooflinePerformanceProfile(model, gpu, 1, engine);
            double TokensPerSecond(int batch) => batch / profile.StepSeconds(new StepShape(0, 0, batch, batch * Context));

            // At batch 2 the weights are still read once for twice the tokens.
            Assert.True(TokensPerSecond(2) > 1.2 * TokensPerSecond(1), $"{modelId} on {gpuId}: batch 2 gives {TokensPerSecond(2):F1} tokens/s, batch 1 {TokensPerSecond(1):F1}");
            double previous = 0;
            for (int batch = 1; batch <= 65536; batch *= 2)
            {
                double t = TokensPerSecond(batch);
                Assert.True(t >= previous * (1 - 1e-12), $"{modelId} on {gpuId} ({precision}): throughput fell from {previous:F1} to {t:F1} tokens/s at batch {batch}");
                previous = t;
            }
            // It saturates (doubling the batch adds under 5%): past the ridge the KV reads (or the FLOPs) grow with the batch, and the
            // throughput stays under both ceilings at 100% of the datasheet peaks.
            Assert.InRange(TokensPerSecond(65536) / TokensPerSecond(32768), 1, 1.05);
            double tflops = precision == Precision.Fp8 ? gpu.Fp8DenseTflops ?? gpu.Bf16DenseTflops : gpu.Bf16DenseTflops;
            double computeCeiling = tflops * 1e12 / (2 * model.ActiveParamsBillion * 1e9);
            double kvBytesPerToken = 2.0 * model.Layers * model.KvHeads * model.HeadDim * PrecisionBytes.Of(engine.KvCachePrecision);
            double memoryCeiling = gpu.HbmBandwidthGbPerSecond * 1e9 / (kvBytesPerToken * Context);
            Assert.True(previous <= Math.Min(computeCeiling, memoryCeiling), $"{modelId} on {gpuId}: {previous:F0} tokens/s above the ceilings {computeCeiling:F0} (compute) / {memoryCeiling:F0} (KV bandwidth)");
        }
    }
}
