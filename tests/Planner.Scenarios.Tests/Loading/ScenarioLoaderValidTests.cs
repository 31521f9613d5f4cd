using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

public sealed class ScenarioLoaderValidTests
{
    private const double Z95 = 1.6448536269514722;

    private static ScenarioSpec LoadFull()
    {
        ScenarioLoadResult result = TestFiles.Load(SampleScenarios.Full);
        DiagnosticAssert.Clean(result);
        return result.Scenario!;
    }

    [Fact]
    public void Top_level_values_are_read()
    {
        ScenarioSpec s = LoadFull();
        Assert.Equal("chat-seed-stage", s.Name);
        Assert.Equal("Seed-stage chat product", s.Description);
        Assert.Equal(new DateOnly(2027, 1, 1), s.StartMonth);
        Assert.Equal(36, s.HorizonMonths);
        Assert.Equal(42UL, s.Seed);
        Assert.Equal("USD", s.Currency);
        Assert.Equal("api-gpt-4o-mini", s.BaselineOptionName);
        Assert.Equal(0.004, s.RevenuePerRequestUsd);
        Assert.Equal(new SloSpec { TtftP95Ms = 1000, TpotP95Ms = 80, E2eP99Ms = 30000 }, s.Slo);
        Assert.Equal(new SimulationSettings { MaxRequestsPerDay = 50000, MinSegmentSeconds = 900, WarmUpSeconds = 1200 }, s.Simulation);
    }

    [Fact]
    public void Lognormal_from_median_and_p95_puts_the_quantiles_back()
    {
        var chat = LoadFull().Workload.Classes[0];
        var input = Assert.IsType<LognormalTokens>(chat.InputTokens);
        Assert.Equal(6.396929655216146, input.Mu, 12); // ln 600
        Assert.Equal((Math.Log(2500) - Math.Log(600)) / Z95, input.Sigma, 12);
        Assert.Equal(0.8676251, input.Sigma, 6);
        Assert.Equal(2500, Math.Exp(input.Mu + Z95 * input.Sigma), 6);
        Assert.Equal(1, input.MinTokens);
        Assert.Equal(32000, input.MaxTokens);
        // Reports state the figures as written: this form, and the two figures put back from μ and σ.
        Assert.Equal(LognormalQuote.MedianAndP95, input.Quote);
        Assert.Equal(600, input.MedianTokens, 9);
        Assert.Equal(2500, input.P95Tokens, 9);
    }

    [Fact]
    public void Lognormal_from_mean_and_sd_has_that_mean_and_sd()
    {
        var chat = LoadFull().Workload.Classes[0];
        var output = Assert.IsType<LognormalTokens>(chat.OutputTokens);
        double variance = (Math.Exp(output.Sigma * output.Sigma) - 1) * Math.Exp(2 * output.Mu + output.Sigma * output.Sigma);
        Assert.Equal(250, output.MeanTokens, 9);
        Assert.Equal(180 * 180, variance, 6);
        Assert.Equal(LognormalQuote.MeanAndStandardDeviation, output.Quote);
        Assert.Equal(180, output.StandardDeviationTokens, 9);
        Assert.Equal(Math.Sqrt(Math.Log(1 + 180.0 * 180 / (250 * 250))), output.Sigma, 12);
        Assert.Equal(1, output.MinTokens);
        Assert.Equal(131072, output.MaxTokens);
        Assert.Equal(0.3, chat.CachedPrefixFraction);
        Assert.Equal(0.8, chat.Share);
    }

    [Fact]
    public void Fixed_and_empirical_tokens_are_read()
    {
        var summarize = LoadFull().Workload.Classes[1];
        Assert.Equal("summarize", summarize.Name);
        Assert.Equal(new FixedTokens(3000), summarize.InputTokens);
        var output = Assert.IsType<EmpiricalTokens>(summarize.OutputTokens);
        Assert.Equal([10, 20, 30, 40], output.Values);
        Assert.Equal("traces/small.csv (GeneratedTokens)", output.Source);
        Assert.Equal("traces/small.csv", output.Trace);
        Assert.Equal("generated", output.Column);
        Assert.Equal(0, summarize.CachedPrefixFraction);
    }

    [Fact]
    public void Volume_shape_and_arrivals_are_read()
    {
        WorkloadSpec w = LoadFull().Workload;
        Assert.Equal(20000, w.Volume.RequestsPerDayMonth1);
        Assert.Equal([0.15], w.Volume.MonthlyGrowthRates);
        Assert.Equal(24, w.HourlyWeights.Count);
        Assert.Equal(24, w.HourlyWeights.Sum(), 9);
        Assert.Equal(DailyShapes.BusinessHours, w.HourlyWeights.Select(x => Math.Round(x, 9)).ToArray());
        Assert.Equal("business_hours", w.DailyShapeName);
        Assert.Equal(0.6, w.WeekendFactor);
        Assert.Equal(new ArrivalSpec { Kind = ArrivalProcessKind.Gamma, CoefficientOfVariation = 2.0 }, w.Arrivals);
        Assert.Null(w.Replay);
    }

    [Fact]
    public void The_daily_shape_keeps_its_preset_name_flat_by_default_and_none_for_a_list()
    {
        ScenarioLoadResult byDefault = TestFiles.Load(SampleScenarios.Minimal);
        string weights = string.Join(", ", Enumerable.Range(0, 24).Select(h => h < 12 ? "1" : "3"));
        ScenarioLoadResult listed = TestFiles.Load(SampleScenarios.ReplaceLine(SampleScenarios.Minimal, "volume:", $"volume: {{requests_per_day: 1000}}\n  daily_shape: [{weights}]"));
        DiagnosticAssert.Clean(byDefault);
        DiagnosticAssert.Clean(listed);
        Assert.Equal("flat", byDefault.Scenario!.Workload.DailyShapeName);
        Assert.Null(listed.Scenario!.Workload.DailyShapeName);
        Assert.Equal(1.5, listed.Scenario.Workload.HourlyWeights[12], 12);
    }

    [Fact]
    public void Volume_is_an_average_day_or_a_weekday_by_its_key()
    {
        Assert.Equal(VolumeBasis.AverageDay, LoadFull().Workload.Volume.Basis);
        string weekday = SampleScenarios.ReplaceLine(SampleScenarios.Full, "requests_per_day: 20000", "requests_per_weekday: 24000");
        ScenarioLoadResult result = TestFiles.Load(weekday);
        DiagnosticAssert.Clean(result);
        Assert.Equal(VolumeBasis.Weekday, result.Scenario!.Workload.Volume.Basis);
        Assert.Equal(24000, result.Scenario.Workload.Volume.RequestsPerDayMonth1);

        string line = SampleScenarios.Full.Split('\n').Single(l => l.TrimStart().StartsWith("requests_per_day:", StringComparison.Ordinal));
        string both = SampleScenarios.Full.Replace(line, line + "\n" + line.Replace("requests_per_day: 20000", "requests_per_weekday: 24000", StringComparison.Ordinal), StringComparison.Ordinal);
        ScenarioLoadResult refused = TestFiles.Load(both);
        Diagnostic error = Assert.Single(refused.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("workload.volume: give either 'requests_per_day' or 'requests_per_weekday', not both", error.Message);
        Assert.Null(refused.Scenario);
    }

    [Fact]
    public void Api_option_takes_catalog_prices_and_scenario_settings()
    {
        var api = Assert.IsType<ApiOptionSpec>(LoadFull().Options[0]);
        Assert.Equal("api-gpt-4o-mini", api.Name);
        Assert.Equal("gpt-4o-mini", api.Model);
        Assert.Equal(0.15, api.PricePerMillionInputTokensUsd);
        Assert.Equal(0.60, api.PricePerMillionOutputTokensUsd);
        Assert.Equal(0.075, api.PricePerMillionCachedInputTokensUsd);
        Assert.Equal(0.1, api.BatchShare);
        Assert.Equal(0.5, api.BatchDiscount);
        Assert.Equal(new RateLimitSpec
        {
            RequestsPerMinute = 10000,
            TokensPerMinute = 2000000,
            InitialBackoffSeconds = 0.5,
            BackoffMultiplier = 3,
            MaxWaitSeconds = 45,
        }, api.RateLimits);
        Assert.Equal(new ApiLatencySpec { TtftMedianMs = 400, TtftP95Ms = 1200, OutputTokensPerSecond = 80 }, api.Latency);
        Assert.Equal(0.999, api.Availability);
        Assert.Equal(25, api.MeanOutageMinutes);
        Assert.Equal(2, api.FixedMonthlyCosts.Count);
        Assert.Equal("platform engineer", api.FixedMonthlyCosts[0].Name);
        Assert.Equal(0.2 * 220000 / 12, api.FixedMonthlyCosts[0].MonthlyUsd, 9);
        Assert.Equal(new FixedCostSpec { Name = "observability", MonthlyUsd = 300 }, api.FixedMonthlyCosts[1]);
        Assert.Equal([new OneTimeCostSpec { Name = "migration", AmountUsd = 40000, Month = 2 }], api.OneTimeCosts);
    }

    [Fact]
    public void Self_hosted_option_with_catalog_ids_and_autoscaler()
    {
        var option = Assert.IsType<SelfHostedOptionSpec>(LoadFull().Options[1]);
        Assert.Equal("llama-8b-l4", option.Name);
        Assert.Equal("llama-3.1-8b", option.Model.Id);
        Assert.Equal(8.03, option.Model.ParamsBillion);
        Assert.Equal(32, option.Model.Layers);
        Assert.Equal(8, option.Model.KvHeads);
        Assert.Equal(128256, option.Model.VocabSize);
        Assert.Equal("l4", option.Gpu.Id);
        Assert.Equal(24, option.Gpu.MemoryGb);
        Assert.Equal(242, option.Gpu.Fp8DenseTflops);
        Assert.Equal("pcie", option.Gpu.Interconnect);
        Assert.Equal(1, option.GpusPerReplica);
        Assert.Equal(0.8048, option.Pricing.PricePerGpuHourUsd);
        Assert.Equal(GpuPricingModel.OnDemand, option.Pricing.Model);
        Assert.Equal(new DateOnly(2026, 6, 1), option.Pricing.AsOf);
        Assert.Null(option.FixedReplicas);
        Assert.Equal(new AutoscalerSpec
        {
            MinReplicas = 0,
            MaxReplicas = 20,
            Metric = AutoscalerMetric.Concurrency,
            TargetValue = 16,
            EvaluationIntervalSeconds = 10,
            ScaleUpDelaySeconds = 20,
            ColdStartSeconds = 180,
            ScaleDownStabilizationSeconds = 600,
        }, option.Autoscaler);
        Assert.Equal(new ServingEngineSpec
        {
            WeightPrecision = Precision.Bf16,
            KvCachePrecision = Precision.Fp8,
            MaxConcurrentSequences = 128,
            GpuMemoryUtilization = 0.85,
            ActivationReserveGb = 1.5,
            ComputeEfficiency = 0.5,
            MemoryEfficiency = 0.7,
            StepOverheadMs = 3,
            PcieAllReduceEfficiency = 0.55,
            TensorParallelAttentionSerialShare = 0.3,
        }, option.Engine);
        Assert.Equal(60, option.BillingGranularitySeconds);
        Assert.Empty(option.FixedMonthlyCosts);
        Assert.Empty(option.OneTimeCosts);
    }

    [Fact]
    public void Catalog_overrides_apply_and_inline_price_is_used()
    {
        var option = Assert.IsType<SelfHostedOptionSpec>(LoadFull().Options[2]);
        Assert.Equal("llama-3.1-70b", option.Model.Id);
        Assert.Equal(40, option.Model.Layers);
        Assert.Equal(8192, option.Model.HiddenSize);
        Assert.Equal(70.55, option.Model.ActiveParamsBillion);
        Assert.Contains("overridden in the scenario: layers", option.Model.Source);
        Assert.Equal(2, option.GpusPerReplica);
        Assert.Equal(2, option.FixedReplicas);
        Assert.Null(option.Autoscaler);
        Assert.Equal(new GpuPricingSpec
        {
            PricePerGpuHourUsd = 2.5,
            Model = GpuPricingModel.Reserved,
            GpusPerInstance = 8,
            Source = "quote from lambda",
            AsOf = new DateOnly(2026, 10, 1),
        }, option.Pricing);
        Assert.Equal(Precision.Fp8, option.Engine.WeightPrecision);
        Assert.Equal(new ServingEngineSpec().MaxConcurrentSequences, option.Engine.MaxConcurrentSequences);
        Assert.Equal(1, option.BillingGranularitySeconds);
    }

    [Fact]
    public void Api_overrides_replace_catalog_prices_and_cached_defaults_to_catalog()
    {
        string yaml = SampleScenarios.ReplaceLine(SampleScenarios.Full, "batch_share: 0.1",
            "input_per_million_usd: 0.2\n    batch_discount: 0.4\n    model: my-mini");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        var api = Assert.IsType<ApiOptionSpec>(result.Scenario!.Options[0]);
        Assert.Equal(0.2, api.PricePerMillionInputTokensUsd);
        Assert.Equal(0.60, api.PricePerMillionOutputTokensUsd);
        Assert.Equal(0.075, api.PricePerMillionCachedInputTokensUsd);
        Assert.Equal(0.4, api.BatchDiscount);
        Assert.Equal("my-mini", api.Model);
        SourcedInput input = result.Scenario.Sources.Single(x => x.Path == "options[0].input_per_million_usd");
        Assert.Equal("scenario", input.Source);
        Assert.Null(input.AsOf);
        Assert.False(input.IsStale);
    }

    [Fact]
    public void Cached_price_defaults_to_input_price_when_the_catalog_has_none()
    {
        ScenarioLoadResult result = TestFiles.Load(SampleScenarios.Minimal);
        DiagnosticAssert.Clean(result);
        var api = Assert.IsType<ApiOptionSpec>(result.Scenario!.Options[0]);
        Assert.Equal(2.50, api.PricePerMillionCachedInputTokensUsd);
        Assert.Equal(0.5, api.BatchDiscount);
        Assert.Equal("gpt-4o", api.Model);
    }

    [Fact]
    public void Stale_catalog_price_warns_and_is_marked_in_the_sources()
    {
        ScenarioLoadResult result = TestFiles.Load(SampleScenarios.Full);
        Diagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(
            "test.yaml:37:14: warning: price 'gpt-4o-mini' is from 2024-07-18, 29 months before the scenario starts (prices older than 12 months may be stale)",
            warning.ToString());
        IReadOnlyList<SourcedInput> sources = result.Scenario!.Sources;
        SourcedInput input = sources.Single(x => x.Path == "options[0].input_per_million_usd");
        Assert.True(input.IsStale);
        Assert.Equal(new DateOnly(2024, 7, 18), input.AsOf);
        Assert.Equal("0.15 USD per 1M input tokens", input.Value);
        Assert.Contains("https://openai.com/api/pricing/", input.Source);
        Assert.True(sources.Single(x => x.Path == "options[0].cached_input_per_million_usd").IsStale);
    }

    [Fact]
    public void Overriding_every_catalog_price_silences_the_stale_warning()
    {
        string yaml = SampleScenarios.ReplaceLine(SampleScenarios.Full, "batch_share: 0.1",
            "input_per_million_usd: 0.2\n    output_per_million_usd: 0.8\n    cached_input_per_million_usd: 0.1");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.Empty(result.Diagnostics);
        Assert.All(result.Scenario!.Sources.Where(x => x.Path.StartsWith("options[0].", StringComparison.Ordinal)),
            x => Assert.Equal("scenario", x.Source));
    }

    [Fact]
    public void Sources_record_gpu_prices_models_and_gpus()
    {
        IReadOnlyList<SourcedInput> sources = LoadFull().Sources;
        SourcedInput price = sources.Single(x => x.Path == "options[1].pricing");
        Assert.Equal("0.8048 USD/GPU-hour, single GPUs (on_demand)", price.Value);
        Assert.Equal(new DateOnly(2026, 6, 1), price.AsOf);
        Assert.False(price.IsStale);
        Assert.Contains("aws-g6-xlarge-us-east-1", price.Source);
        SourcedInput inline = sources.Single(x => x.Path == "options[2].pricing");
        Assert.Equal("2.50 USD/GPU-hour, 8-GPU instances at 20.00 USD/hour (reserved)", inline.Value);
        Assert.Equal("quote from lambda", inline.Source);
        SourcedInput model = sources.Single(x => x.Path == "options[1].model");
        Assert.Equal("Llama 3.1 8B Instruct (8.03B params, 32 layers)", model.Value);
        Assert.Equal(new DateOnly(2024, 7, 23), model.AsOf);
        SourcedInput gpu = sources.Single(x => x.Path == "options[1].gpu");
        Assert.Equal("NVIDIA L4 24GB (24 GB, 300 GB/s, 121 BF16 TFLOPS)", gpu.Value);
        Assert.Equal("L4 datasheet", gpu.Source);
    }

    [Fact]
    public void Defaults_apply_when_optional_keys_are_absent()
    {
        ScenarioLoadResult result = TestFiles.Load(SampleScenarios.Minimal);
        DiagnosticAssert.Clean(result);
        ScenarioSpec s = result.Scenario!;
        Assert.Equal("", s.Description);
        Assert.Null(s.BaselineOptionName);
        Assert.Null(s.RevenuePerRequestUsd);
        Assert.Equal(new SimulationSettings(), s.Simulation);
        Assert.Equal([0.0], s.Workload.Volume.MonthlyGrowthRates);
        Assert.Equal(DailyShapes.Flat, s.Workload.HourlyWeights);
        Assert.Equal(1.0, s.Workload.WeekendFactor);
        Assert.Equal(new ArrivalSpec(), s.Workload.Arrivals);
        var api = Assert.IsType<ApiOptionSpec>(s.Options[0]);
        Assert.Equal(new RateLimitSpec(), api.RateLimits);
        Assert.Equal(0, api.BatchShare);
        Assert.Equal(1.0, api.Availability);
        Assert.Equal(20, api.MeanOutageMinutes);
        var self = Assert.IsType<SelfHostedOptionSpec>(s.Options[1]);
        Assert.Equal(1, self.GpusPerReplica);
        Assert.Equal(1, self.FixedReplicas);
        Assert.Equal(new ServingEngineSpec(), self.Engine);
        Assert.Equal(1, self.BillingGranularitySeconds);
        Assert.Equal(GpuPricingModel.OnDemand, self.Pricing.Model);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Growth_per_month_list_and_custom_daily_shape_are_normalised()
    {
        string yaml = SampleScenarios.ReplaceLine(SampleScenarios.Minimal, "volume:",
            "volume: {requests_per_day: 1000, growth: {per_month: [0.2, 0.15, -0.1]}}\n  daily_shape: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0]");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        WorkloadSpec w = result.Scenario!.Workload;
        Assert.Equal([0.2, 0.15, -0.1], w.Volume.MonthlyGrowthRates);
        Assert.Equal(24, w.HourlyWeights.Sum(), 9);
        Assert.Equal(4.0 / 3, w.HourlyWeights[6], 12); // 2 × 24 / 36
        Assert.Equal(0, w.HourlyWeights[23]);
    }

    [Fact]
    public void Inline_model_and_gpu_need_no_catalog()
    {
        string yaml = SampleScenarios.ReplaceLine(SampleScenarios.Minimal, "model: llama-3.1-8b",
            "model: {id: tiny, params_billion: 1.2, layers: 16, hidden_size: 2048, attention_heads: 32, kv_heads: 8, head_dim: 64, vocab_size: 32000}");
        yaml = SampleScenarios.ReplaceLine(yaml, "gpu: l4",
            "gpu: {id: my-gpu, memory_gb: 48, hbm_bandwidth_gb_per_s: 864, bf16_dense_tflops: 181}");
        yaml = SampleScenarios.ReplaceLine(yaml, "pricing:", "pricing: {per_gpu_hour_usd: 1.1, gpus_per_instance: 1}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        var self = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
        Assert.Equal(new ModelArchitectureSpec
        {
            Id = "tiny",
            Name = "tiny",
            ParamsBillion = 1.2,
            ActiveParamsBillion = 1.2,
            Layers = 16,
            HiddenSize = 2048,
            AttentionHeads = 32,
            KvHeads = 8,
            HeadDim = 64,
            VocabSize = 32000,
            Source = "scenario",
        }, self.Model);
        Assert.Equal(new GpuSpec
        {
            Id = "my-gpu",
            Name = "my-gpu",
            MemoryGb = 48,
            HbmBandwidthGbPerSecond = 864,
            Bf16DenseTflops = 181,
            Source = "scenario",
        }, self.Gpu);
        Assert.Equal(new GpuPricingSpec { PricePerGpuHourUsd = 1.1, Model = GpuPricingModel.OnDemand, Source = "scenario" }, self.Pricing);
        Assert.Null(result.Scenario.Sources.Single(x => x.Path == "options[1].model").AsOf);
    }

    [Fact]
    public void Spot_price_from_the_catalog()
    {
        string yaml = SampleScenarios.ReplaceLine(SampleScenarios.Minimal, "pricing:",
            "pricing: {catalog: aws-g6-xlarge-us-east-1, model: spot}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        var self = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
        Assert.Equal(0.35, self.Pricing.PricePerGpuHourUsd);
        Assert.Equal(GpuPricingModel.Spot, self.Pricing.Model);
    }

    [Fact]
    public void Loading_from_a_file_resolves_traces_beside_it_and_keeps_the_path_as_given()
    {
        string directory = TestFiles.NewDirectory();
        Directory.CreateDirectory(Path.Combine(directory, "traces"));
        File.WriteAllText(Path.Combine(directory, "traces", "small.csv"), TestFiles.SmallTrace);
        string file = Path.Combine(directory, "s.yaml");
        File.WriteAllText(file, SampleScenarios.Full);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);

        ScenarioLoadResult result = ScenarioLoader.Load(relative, TestFiles.Catalog);

        DiagnosticAssert.Clean(result);
        Assert.StartsWith(relative + ":37:14: warning:", result.Diagnostics.Single().ToString());
    }
}
