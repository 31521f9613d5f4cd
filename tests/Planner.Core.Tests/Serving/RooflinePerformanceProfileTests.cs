using FsCheck;
using FsCheck.Fluent;
using Planner.Core.Serving;
using Planner.Core.Specs;

namespace Planner.Core.Tests.Serving;

/// <summary>Physical bounds the roofline step time must respect, whatever its efficiencies.</summary>
public sealed class RooflinePerformanceProfileTests
{
    public static TheoryData<string, int, Precision> Deployments => new()
    {
        { "8b-h100", 1, Precision.Bf16 },
        { "8b-h100", 1, Precision.Fp8 },
        { "8b-a100", 1, Precision.Bf16 },
        { "8b-l4", 1, Precision.Bf16 },
        { "70b-h100", 4, Precision.Bf16 },
        { "70b-h100", 2, Precision.Fp8 },
        { "70b-a100", 8, Precision.Bf16 },
        { "70b-h100", 1, Precision.Fp4 },
    };

    [Theory]
    [MemberData(nameof(Deployments))]
    public void BatchOneDecodeIsAtLeastAWeightReadAtFullBandwidth(string deployment, int gpus, Precision precision)
    {
        (ModelArchitectureSpec model, GpuSpec gpu) = Parse(deployment);
        var engine = new ServingEngineSpec { WeightPrecision = precision };
        var profile = new RooflinePerformanceProfile(model, gpu, gpus, engine);

        double weightBytes = model.ParamsBillion * 1e9 * PrecisionBytes.Of(precision);
        double floor = weightBytes / (gpu.HbmBandwidthGbPerSecond * 1e9 * gpus);
        foreach (long context in new long[] { 1, 512, 8192 })
        {
            double step = profile.StepSeconds(new StepShape(0, 0, 1, context));
            Assert.True(step >= floor, $"{step * 1e3:F3} ms < weight read {floor * 1e3:F3} ms");
            // And it is a memory-bound step: no more than the weight and KV read at the stated
            // efficiency, plus the fixed overhead and (tensor parallel) all-reduces of one token.
            double kv = (context + 1) * 2.0 * model.Layers * model.KvHeads * model.HeadDim * PrecisionBytes.Of(engine.KvCachePrecision);
            // Attention's multiplies over the context, at the 16-bit rate of a BF16 KV cache.
            double attention = context * 4.0 * model.Layers * model.AttentionHeads * model.HeadDim / (gpu.Bf16DenseTflops * 1e12 * gpus * engine.ComputeEfficiency);
            // Under tensor parallelism the decode attention's serial share reads more than 1/n a GPU;
            // and the rounded roofline adds at most the token's multiplies to the weight read.
            double spread = RooflinePerformanceProfile.DecodeAttentionSpread(engine.TensorParallelAttentionSerialShare, gpus);
            double multiply = 2 * model.ActiveParamsBillion * 1e9 / (gpu.Bf16DenseTflops / 2 * 1e12 * gpus * engine.ComputeEfficiency);
            double upper = (weightBytes + kv * spread) / (gpu.HbmBandwidthGbPerSecond * 1e9 * gpus * engine.MemoryEfficiency)
                + multiply + attention * spread + engine.StepOverheadMs / 1000 + (gpus > 1 ? 2 * model.Layers * 20e-6 : 0);
            Assert.True(step <= upper * (1 + 1e-12), $"{step * 1e3:F3} ms > {upper * 1e3:F3} ms");
        }
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void TimePerTokenFallsWithBatchUntilComputeBound(string deployment, int gpus, Precision precision)
    {
        (ModelArchitectureSpec model, GpuSpec gpu) = Parse(deployment);
        var engine = new ServingEngineSpec { WeightPrecision = precision };
        var profile = new RooflinePerformanceProfile(model, gpu, gpus, engine);
        double PerToken(int batch) => profile.StepSeconds(new StepShape(0, 0, batch, batch * 256L)) / batch;

        double previous = double.PositiveInfinity;
        for (int b = 1; b <= 4096; b *= 2)
        {
            double t = PerToken(b);
            Assert.True(t < previous, $"per-token time rose from {previous} to {t} at batch {b}");
            previous = t;
        }
        // The floor is the compute time of a token: 2 × active parameters FLOPs at peak.
        double tflops = precision == Precision.Fp8 ? gpu.Fp8DenseTflops ?? gpu.Bf16DenseTflops : gpu.Bf16DenseTflops;
        double computeFloor = 2 * model.ActiveParamsBillion * 1e9 / (tflops * 1e12 * gpus);
        Assert.True(PerToken(4096) >= computeFloor);
        // Batching a memory-bound step is nearly free: at batch 8 (far below the ridge point of
        // hundreds), the step costs less than 1.5× batch 1 — 8× the tokens for < 1.5× the time.
        double one = profile.StepSeconds(new StepShape(0, 0, 1, 256));
        double eight = profile.StepSeconds(new StepShape(0, 0, 8, 8 * 256));
        Assert.True(eight < 1.5 * one, $"batch 8 step {eight} vs batch 1 {one}");
        // Far past the ridge the step is compute bound: doubling the batch nearly doubles it.
        double big = profile.StepSeconds(new StepShape(0, 0, 8192, 8192 * 256L));
        double bigger = profile.StepSeconds(new StepShape(0, 0, 16384, 16384 * 256L));
        Assert.InRange(bigger / big, 1.8, 2.0);
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void PrefillTimeGrowsWithPromptLength(string deployment, int gpus, Precision precision)
    {
        (ModelArchitectureSpec model, GpuSpec gpu) = Parse(deployment);
        var profile = new RooflinePerformanceProfile(model, gpu, gpus, new ServingEngineSpec { WeightPrecision = precision });
        double Prefill(int tokens) => profile.StepSeconds(new StepShape(tokens, (long)tokens * (tokens + 1) / 2, 0, 0));

        double previous = 0;
        for (int tokens = 1; tokens <= 32768; tokens = tokens * 3 / 2 + 1)
        {
            double t = Prefill(tokens);
            Assert.True(t > previous, $"prefill of {tokens} tokens took {t} ≤ {previous}");
            previous = t;
        }
        // A long prompt is compute bound: at least its FLOPs at peak, and superlinear from attention.
        double tflops = precision == Precision.Fp8 ? gpu.Fp8DenseTflops ?? gpu.Bf16DenseTflops : gpu.Bf16DenseTflops;
        Assert.True(Prefill(16384) >= 2 * model.ActiveParamsBillion * 1e9 * 16384 / (tflops * 1e12 * gpus));
        Assert.True(Prefill(32768) > 2 * Prefill(16384) - profile.StepSeconds(new StepShape(1, 1, 0, 0)));
    }

    [Fact]
    public void H100IsNeverSlowerThanA100ForTheSameModel()
    {
        Gen<StepShape> shapes =
            from prefill in Gen.Choose(0, 8192)
            from cachedPrefix in Gen.Choose(0, 4096)
            from decode in Gen.Choose(0, 512)
            from meanContext in Gen.Choose(1, 8192)
            where prefill + decode > 0
            select new StepShape(prefill, (long)prefill * cachedPrefix + (long)prefill * (prefill + 1) / 2, decode, (long)decode * meanContext);
        Gen<(int Model, int Gpus, Precision Precision)> deployments =
            from model in Gen.Choose(0, 1)
            from gpus in Gen.Elements(1, 2, 4, 8)
            from precision in Gen.Elements(Precision.Bf16, Precision.Fp16, Precision.Fp8, Precision.Int4, Precision.Fp32)
            select (model, gpus, precision);

        Property property = Prop.ForAll(Arb.From(shapes), Arb.From(deployments), (shape, d) =>
        {
            ModelArchitectureSpec model = d.Model == 0 ? TestSpecs.Llama8B : TestSpecs.Llama70B;
            var engine = new ServingEngineSpec { WeightPrecision = d.Precision };
            double h100 = new RooflinePerformanceProfile(model, TestSpecs.H100, d.Gpus, engine).StepSeconds(shape);
            double a100 = new RooflinePerformanceProfile(model, TestSpecs.A100, d.Gpus, engine).StepSeconds(shape);
            return h100 <= a100 && h100 > 0;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void EmptyStepTakesNoTime()
    {
        var profile = new RooflinePerformanceProfile(TestSpecs.Llama8B, TestSpecs.H100, 1, new ServingEngineSpec());
        Assert.Equal(0, profile.StepSeconds(new StepShape(0, 0, 0, 0)));
        Assert.Contains("not a measurement", profile.Description);
    }

    [Fact]
    public void The_description_says_what_published_measurements_on_the_gpu_say_of_it_or_that_none_does()
    {
        GpuSpec checkedGpu = TestSpecs.H100 with { Validations = [new PerformanceValidationSpec(70, "fp8, bf16", 0.0728, 0.0017, 0.1662, "calibration/VALIDATION.md")] };
        var optimisticSummary = new PerformanceValidationSpec(20, "fp4", 0.4277, 0.4655, 0.4277, "calibration/VALIDATION.md");
        GpuSpec optimistic = TestSpecs.H100 with { Validations = [optimisticSummary] };

        string uncheckedText = new RooflinePerformanceProfile(TestSpecs.Llama8B, TestSpecs.H100, 1, new ServingEngineSpec()).Description;
        string checkedText = new RooflinePerformanceProfile(TestSpecs.Llama8B, checkedGpu, 1, new ServingEngineSpec()).Description;

        Assert.EndsWith($"; no published measurement on the {TestSpecs.H100.Name} checks the step times (calibration/VALIDATION.md covers other GPUs)", uncheckedText, StringComparison.Ordinal);
        Assert.EndsWith("; against 70 published measurements on this GPU (fp8, bf16): median error 7.3% with each source held out of the fit, 16.6% with this GPU held out, and on average the model makes it 0.2% faster than was published (calibration/VALIDATION.md)", checkedText, StringComparison.Ordinal);
        Assert.Contains("makes it 46.6% faster than was published", PerformanceValidationSpec.Clause(optimistic), StringComparison.Ordinal);
        Assert.Contains("makes it 1.5% slower than was published", PerformanceValidationSpec.Clause(optimistic with { Validations = [optimisticSummary with { BiasSourceHeldOut = -0.015 }] }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_quotes_the_summary_of_its_own_kind_and_says_which_kind_it_quotes()
    {
        var single = new PerformanceValidationSpec(9, "fp8", 0.046, 0.01, 0.046, "calibration/VALIDATION.md") { MultiGpu = false };
        var several = new PerformanceValidationSpec(18, "fp8", 0.56, 0.53, 0.069, "calibration/VALIDATION.md") { MultiGpu = true };
        GpuSpec both = TestSpecs.L4 with { Validations = [several, single] };

        Assert.Equal(single, PerformanceValidationSpec.For(both, 1));
        Assert.Equal(several, PerformanceValidationSpec.For(both, 4));
        Assert.Contains("against 9 published measurements on this GPU (fp8; replicas of one GPU): median error 4.6%",
            new RooflinePerformanceProfile(TestSpecs.Llama8B, both, 1, new ServingEngineSpec()).Description, StringComparison.Ordinal);
        Assert.Contains("against 18 published measurements on this GPU (fp8; tensor-parallel replicas of several GPUs): median error 56.0%",
            new RooflinePerformanceProfile(TestSpecs.Llama70B, both, 4, new ServingEngineSpec { WeightPrecision = Precision.Fp8 }).Description, StringComparison.Ordinal);
        // Only one kind measured: the other kind's replicas quote it, and the clause says whose it is.
        GpuSpec singleOnly = TestSpecs.L4 with { Validations = [single] };
        Assert.Contains("(fp8; replicas of one GPU)", PerformanceValidationSpec.Clause(singleOnly, 2), StringComparison.Ordinal);
        // With the bias of the GPU-held-out fit beside the source-held-out one: a fit that could not
        // learn the all-reduce without its only source shows as such.
        Assert.EndsWith("median error 56.0% with each source held out of the fit, 6.9% with this GPU held out; on average the model makes it 53.0% faster than was published with each source held out, and 1.6% slower with this GPU held out (calibration/VALIDATION.md)",
            PerformanceValidationSpec.Clause(TestSpecs.L4 with { Validations = [several with { BiasGpuHeldOut = -0.016 }] }, 4), StringComparison.Ordinal);
        // A summary of both kinds together, as written before they were told apart.
        GpuSpec together = TestSpecs.L4 with { Validations = [single with { MultiGpu = null }] };
        Assert.Contains("on this GPU (fp8): median error", PerformanceValidationSpec.Clause(together, 2), StringComparison.Ordinal);
        Assert.Null(PerformanceValidationSpec.For(TestSpecs.L4, 1));
    }

    [Fact]
    public void One_published_row_is_quoted_as_one_error_not_a_median()
    {
        var one = new PerformanceValidationSpec(1, "fp16", 0.0386, 0.0386, 0.0386, "calibration/VALIDATION.md") { MultiGpu = false, BiasGpuHeldOut = 0.0386 };
        Assert.EndsWith("; against 1 published measurement on this GPU (fp16; replicas of one GPU): error 3.9% with its source held out of the fit, 3.9% with this GPU held out; the model makes it 3.9% faster than was published with its source held out, and 3.9% faster with this GPU held out (calibration/VALIDATION.md)",
            PerformanceValidationSpec.Clause(TestSpecs.L4 with { Validations = [one] }), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_biases_keep_one_decimal_and_a_bias_under_a_twentieth_of_a_percent_is_none()
    {
        // 7.96% used to read "8%" beside another GPU's "3.9%".
        var one = new PerformanceValidationSpec(1, "fp16", 0.0796, 0.0796, 0.0796, "calibration/VALIDATION.md") { MultiGpu = false, BiasGpuHeldOut = -0.0004 };
        string clause = PerformanceValidationSpec.Clause(TestSpecs.L4 with { Validations = [one] });
        Assert.Contains("error 8.0% with its source held out of the fit, 8.0% with this GPU held out", clause, StringComparison.Ordinal);
        Assert.Contains("the model makes it 8.0% faster than was published with its source held out, and no faster and no slower with this GPU held out", clause, StringComparison.Ordinal);
    }

    [Fact]
    public void Fp4_weights_take_a_sixteenth_more_than_half_a_byte_and_multiply_at_the_fp8_rate_where_the_gpu_has_fp4_tensor_cores()
    {
        Assert.Equal(0.5625, PrecisionBytes.Of(Precision.Fp4));
        var engine = new ServingEngineSpec { WeightPrecision = Precision.Fp4, KvCachePrecision = Precision.Fp8, StepOverheadMs = 0 };
        // A compute-bound prefill: its time is FLOPs over the precision's peak × efficiency.
        var prefill = new StepShape(8192, 0, 0, 0);
        // The datasheet's FP4 peak is twice the FP8 one; NVFP4 GEMMs are charged the FP8 rate.
        GpuSpec blackwell = TestSpecs.H100 with { Id = "b", Fp4DenseTflops = 4 * 989 };
        Assert.Equal(1979, RooflinePerformanceProfile.Fp4MultiplyTflops(blackwell));
        Assert.Equal(989, RooflinePerformanceProfile.Fp4MultiplyTflops(TestSpecs.H100 with { Fp8DenseTflops = null, Fp4DenseTflops = null }));
        Assert.Equal(1000, RooflinePerformanceProfile.Fp4MultiplyTflops(TestSpecs.H100 with { Fp8DenseTflops = null, Fp4DenseTflops = 1000 }));
        double onFp4Cores = new RooflinePerformanceProfile(TestSpecs.Llama70B, blackwell, 1, engine).StepSeconds(prefill);
        double atBf16 = new RooflinePerformanceProfile(TestSpecs.Llama70B, TestSpecs.H100, 1, engine).StepSeconds(prefill);
        // Both then write the prompt's FP8 KV cache, 8,192 × 2 × 80 × 8 × 128 bytes, at the same bandwidth.
        double kvWrite = 8192 * 2.0 * 80 * 8 * 128 / (3350e9 * engine.MemoryEfficiency);
        // The weight multiplies, on the rounded roofline beside reading 70.6 B weights of 4.5 bits.
        double flops = 2 * 70.6e9 * 8192;
        double weightRead = 70.6e9 * 0.5625 / (3350e9 * engine.MemoryEfficiency);
        double gemmBf16 = RooflinePerformanceProfile.GemmSeconds(flops / (989e12 * engine.ComputeEfficiency), weightRead);
        double gemmFp8 = RooflinePerformanceProfile.GemmSeconds(flops / (1979e12 * engine.ComputeEfficiency), weightRead);
        Assert.Equal(gemmBf16 / gemmFp8, (atBf16 - kvWrite) / (onFp4Cores - kvWrite), 6);
        Assert.InRange(gemmBf16 / gemmFp8, 1.99, 1979.0 / 989);
        Assert.Equal(gemmBf16 + kvWrite, atBf16, 9);
    }

    [Fact]
    public void The_weight_multiplies_round_the_rooflines_corner_and_keep_to_the_larger_ceiling_away_from_it()
    {
        Assert.Equal(5, RooflinePerformanceProfile.GemmSeconds(3, 4), 12);
        Assert.Equal(Math.Sqrt(2), RooflinePerformanceProfile.GemmSeconds(1, 1), 12);
        Assert.Equal(2, RooflinePerformanceProfile.GemmSeconds(2, 0));
        // Where one ceiling is 8 times the other or more, within 1% of the larger.
        Assert.InRange(RooflinePerformanceProfile.GemmSeconds(8, 1) / 8, 1, 1.01);
        Assert.InRange(RooflinePerformanceProfile.GemmSeconds(1, 8) / 8, 1, 1.01);
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (c, r) =>
        {
            double t = RooflinePerformanceProfile.GemmSeconds(c, r);
            return t >= Math.Max(c, r) && t <= c + r && t < RooflinePerformanceProfile.GemmSeconds(c + 1, r);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(2, 0.1)]
    [InlineData(4, 0.1)]
    [InlineData(8, 0.2)]
    [InlineData(8, 0.0)]
    public void Decode_attention_over_a_tensor_parallel_group_takes_its_serial_share_plus_an_even_split_of_the_rest(int gpus, double share)
    {
        var engine = new ServingEngineSpec { TensorParallelAttentionSerialShare = share };
        var one = new RooflinePerformanceProfile(TestSpecs.Llama70B, TestSpecs.H100, 1, engine);
        var group = new RooflinePerformanceProfile(TestSpecs.Llama70B, TestSpecs.H100, gpus, engine);
        // One decoding sequence's attention over 8,192 more tokens of context: everything else in
        // the step is the same at both contexts.
        double Attention(RooflinePerformanceProfile p) => p.StepSeconds(new StepShape(0, 0, 1, 8193)) - p.StepSeconds(new StepShape(0, 0, 1, 1));
        Assert.Equal(share + (1 - share) / gpus, Attention(group) / Attention(one), 9);
        Assert.Equal(1, RooflinePerformanceProfile.DecodeAttentionSpread(share, 1));
        // A prompt's attention still splits evenly: prefill pairs are not decode attention.
        double Prefill(RooflinePerformanceProfile p) => p.StepSeconds(new StepShape(1, 4097, 0, 0)) - p.StepSeconds(new StepShape(1, 1, 0, 0));
        Assert.Equal(1.0 / gpus, Prefill(group) / Prefill(one), 9);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_serial_share_outside_zero_to_below_one_is_refused(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RooflinePerformanceProfile.DecodeAttentionSpread(share, 4));
    }

    private static (ModelArchitectureSpec, GpuSpec) Parse(string deployment)
    {
        string[] parts = deployment.Split('-');
        ModelArchitectureSpec model = parts[0] == "8b" ? TestSpecs.Llama8B : TestSpecs.Llama70B;
        GpuSpec gpu = parts[1] switch { "h100" => TestSpecs.H100, "a100" => TestSpecs.A100, _ => TestSpecs.L4 };
        return (model, gpu);
    }
}
