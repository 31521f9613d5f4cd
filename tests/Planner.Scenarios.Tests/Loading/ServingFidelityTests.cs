using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>Router, engine batching, autoscaler metrics and timing, and spot capacity of self-hosted options.</summary>
public sealed class ServingFidelityTests
{
    /// <summary><see cref="SampleScenarios.Minimal"/> with the self-hosted option's <c>replicas: 1</c> replaced by these lines (indented as option keys).</summary>
    private static string SelfHosted(params string[] lines) => ReplaceLine(Minimal, "replicas: 1", string.Join("\n    ", lines));

    private static SelfHostedOptionSpec LoadSelfHosted(string yaml)
    {
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        return Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
    }

    /// <summary>Asserts an error at the first occurrence of <paramref name="at"/> in the text.</summary>
    private static Diagnostic ErrorAt(string yaml, string at, string messagePart)
    {
        (int line, int column) = Position(yaml, at);
        return DiagnosticAssert.HasError(TestFiles.Load(yaml), line, column, messagePart);
    }

    /// <summary>Position of the value in the first occurrence of <paramref name="keyAndValue"/>, written <c>key: value</c>.</summary>
    private static (int Line, int Column) ValueOf(string yaml, string keyAndValue)
    {
        (int line, int column) = Position(yaml, keyAndValue);
        return (line, column + keyAndValue.IndexOf(": ", StringComparison.Ordinal) + 2);
    }

    private static readonly int[] Schedule = [0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0, 0];

    private const string ScheduleText = "[0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0, 0]";

    private const double Llama8bBf16Gb = 8.03 * 2;

    [Fact]
    public void Every_new_self_hosted_key_is_read_into_the_spec()
    {
        SelfHostedOptionSpec option = LoadSelfHosted(SelfHosted(
            "router: kv_aware",
            "engine: {chunked_prefill: false, max_batched_tokens: 8192, prefix_caching: false}",
            "autoscaler:",
            "  min_replicas: 1",
            "  max_replicas: 4",
            "  metric: queue_wait",
            "  target: 0.5",
            "  provisioning_s: 90",
            "  weight_load_gb_per_s: 4",
            $"  schedule_min_replicas: {ScheduleText}",
            "spot:",
            "  on_demand_base_replicas: 1",
            "  price: {catalog: aws-g6-xlarge-us-east-1}",
            "  interruptions_per_hour: 0.05",
            "  notice_s: 30"));

        Assert.Equal(RouterPolicy.KvAware, option.Router);
        Assert.False(option.Engine.ChunkedPrefill);
        Assert.Equal(8192, option.Engine.MaxBatchedTokens);
        Assert.False(option.Engine.PrefixCaching);
        AutoscalerSpec autoscaler = option.Autoscaler!;
        Assert.Equal(AutoscalerMetric.QueueWait, autoscaler.Metric);
        Assert.Equal(0.5, autoscaler.TargetValue);
        Assert.Equal(90, autoscaler.ProvisioningSeconds);
        Assert.Equal(Llama8bBf16Gb / 4, autoscaler.WeightLoadSeconds!.Value, 12);
        Assert.Equal(90 + Llama8bBf16Gb / 4, autoscaler.ColdStartSeconds, 12);
        Assert.Equal(Schedule, autoscaler.ScheduledMinReplicas);
        Assert.Equal(new SpotSpec
        {
            OnDemandBaseReplicas = 1,
            PricePerGpuHourUsd = 0.35,
            InterruptionsPerHour = 0.05,
            NoticeSeconds = 30,
            Source = "aws-g6-xlarge-us-east-1: https://aws.amazon.com/ec2/pricing/on-demand/",
            AsOf = new DateOnly(2026, 6, 1),
        }, option.Spot);
        Assert.Equal(GpuPricingModel.OnDemand, option.Pricing.Model);
    }

    [Fact]
    public void New_keys_default_to_the_spec_records()
    {
        SelfHostedOptionSpec option = LoadSelfHosted(Minimal);
        Assert.Equal(RouterPolicy.LeastOutstanding, option.Router);
        Assert.Null(option.Spot);
        Assert.True(option.Engine.ChunkedPrefill);
        Assert.Equal(2048, option.Engine.MaxBatchedTokens);
        Assert.True(option.Engine.PrefixCaching);
    }

    [Theory]
    [InlineData("least_outstanding", RouterPolicy.LeastOutstanding)]
    [InlineData("round_robin", RouterPolicy.RoundRobin)]
    [InlineData("kv_aware", RouterPolicy.KvAware)]
    public void Router_policies(string word, RouterPolicy expected)
    {
        Assert.Equal(expected, LoadSelfHosted(SelfHosted("replicas: 1", $"router: {word}")).Router);
    }

    [Fact]
    public void Cold_start_is_provisioning_plus_weight_load_by_default()
    {
        // llama-3.1-8b in bf16: 8.03e9 params × 2 bytes = 16.06 GB, at 2 GB/s = 8.03 s, plus 120 s provisioning.
        AutoscalerSpec autoscaler = LoadSelfHosted(SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, target: 8}")).Autoscaler!;
        Assert.Equal(120, autoscaler.ProvisioningSeconds);
        Assert.Equal(8.03, autoscaler.WeightLoadSeconds!.Value, 12);
        Assert.Equal(128.03, autoscaler.ColdStartSeconds, 12);
        Assert.Equal(AutoscalerMetric.Concurrency, autoscaler.Metric);
        Assert.Null(autoscaler.ScheduledMinReplicas);
    }

    [Fact]
    public void Weight_load_follows_the_weight_precision()
    {
        AutoscalerSpec autoscaler = LoadSelfHosted(SelfHosted(
            "autoscaler: {min_replicas: 0, max_replicas: 2, target: 8, provisioning_s: 0}",
            "engine: {weight_precision: fp8}")).Autoscaler!;
        Assert.Equal(0, autoscaler.ProvisioningSeconds);
        // Llama 3.1 8B in fp8: 6.979e9 layer parameters at one byte and the 16-bit embedding and LM
        // head (2 × 128,256 × 4,096 = 1.051e9 at two bytes), 9.081 GB loaded at 2 GB/s.
        double vocabulary = 2 * 128256.0 * 4096;
        Assert.Equal(((8.03e9 - vocabulary) + vocabulary * 2) / 1e9 / 2, autoscaler.ColdStartSeconds, 12);
        Assert.Equal(4.540336576, autoscaler.ColdStartSeconds, 9);
    }

    [Fact]
    public void Cold_start_given_as_one_figure_has_no_parts()
    {
        AutoscalerSpec autoscaler = LoadSelfHosted(SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, target: 8, cold_start_s: 300}")).Autoscaler!;
        Assert.Equal(300, autoscaler.ColdStartSeconds);
        Assert.Null(autoscaler.ProvisioningSeconds);
        Assert.Null(autoscaler.WeightLoadSeconds);
    }

    [Theory]
    [InlineData("request_rate", AutoscalerMetric.RequestRate, 12)]
    [InlineData("queue_wait", AutoscalerMetric.QueueWait, 2.5)]
    [InlineData("kv_utilization", AutoscalerMetric.KvUtilization, 0.8)]
    [InlineData("kv_utilization", AutoscalerMetric.KvUtilization, 1)]
    public void Autoscaler_metrics_and_their_targets(string word, AutoscalerMetric expected, double target)
    {
        string yaml = SelfHosted($"autoscaler: {{min_replicas: 0, max_replicas: 2, metric: {word}, target: {target.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");
        AutoscalerSpec autoscaler = LoadSelfHosted(yaml).Autoscaler!;
        Assert.Equal(expected, autoscaler.Metric);
        Assert.Equal(target, autoscaler.TargetValue);
    }

    [Fact]
    public void Spot_price_given_in_the_scenario_is_sourced_and_checked_for_staleness()
    {
        string yaml = SelfHosted(
            "replicas: 3",
            "spot: {on_demand_base_replicas: 0, price: {per_gpu_hour_usd: 0.3, source: quote, as_of: 2025-01-01}, interruptions_per_hour: 0}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        (int line, int column) = Position(yaml, "0.3,");
        DiagnosticAssert.HasWarning(result.Diagnostics, line, column,
            "price 'self' is from 2025-01-01, 24 months before the scenario starts (prices older than 12 months may be stale)");
        SpotSpec spot = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]).Spot!;
        Assert.Equal(new SpotSpec
        {
            OnDemandBaseReplicas = 0,
            PricePerGpuHourUsd = 0.3,
            InterruptionsPerHour = 0,
            NoticeSeconds = 120,
            Source = "quote",
            AsOf = new DateOnly(2025, 1, 1),
        }, spot);
        SourcedInput source = result.Scenario.Sources.Single(x => x.Path == "options[1].spot.price");
        Assert.Equal("0.30 USD/GPU-hour, single GPUs (spot)", source.Value);
        Assert.Equal("quote", source.Source);
        Assert.True(source.IsStale);
    }

    [Fact]
    public void Spot_price_from_the_catalog_is_sourced_to_the_entry()
    {
        string yaml = SelfHosted(
            "replicas: 3",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1}, interruptions_per_hour: 0.1}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        Assert.Empty(result.Diagnostics);
        SourcedInput source = result.Scenario!.Sources.Single(x => x.Path == "options[1].spot.price");
        Assert.Equal("0.35 USD/GPU-hour, single GPUs (spot)", source.Value);
        Assert.Equal("aws-g6-xlarge-us-east-1: https://aws.amazon.com/ec2/pricing/on-demand/", source.Source);
        Assert.Equal(new DateOnly(2026, 6, 1), source.AsOf);
        Assert.False(source.IsStale);
    }

    [Fact]
    public void A_catalog_spot_price_observed_elsewhere_cites_its_own_source_and_date()
    {
        // A list price's page carries no spot price: the entry's spot_source and spot_as_of say where and when
        // the spot price was seen, and the spot price cites them while the on-demand base keeps source and as_of.
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory, new Dictionary<string, string>
        {
            ["gpu_prices.yaml"] = TestCatalog.GpuPrices.Replace(
                "spot_per_gpu_hour_usd: 0.35\n    source: https://aws.amazon.com/ec2/pricing/on-demand/\n    as_of: 2026-06-01",
                "spot_per_gpu_hour_usd: 0.35\n    source: https://aws.amazon.com/ec2/pricing/on-demand/\n    as_of: 2026-06-01\n"
                + "    spot_source: spot price history, us-east-1a\n    spot_as_of: 2026-09-15"),
        });
        CatalogLoadResult catalog = CatalogLoader.Load(directory);
        Assert.Empty(catalog.Diagnostics);
        string yaml = SelfHosted(
            "replicas: 3",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1}, interruptions_per_hour: 0.1}");
        ScenarioLoadResult result = ScenarioLoader.Load(yaml, "test.yaml", TestFiles.Root, catalog.Catalog!);
        DiagnosticAssert.Clean(result);
        SourcedInput spot = result.Scenario!.Sources.Single(x => x.Path == "options[1].spot.price");
        Assert.Equal("aws-g6-xlarge-us-east-1: spot price history, us-east-1a", spot.Source);
        Assert.Equal(new DateOnly(2026, 9, 15), spot.AsOf);
        SpotSpec spec = Assert.IsType<SelfHostedOptionSpec>(result.Scenario.Options[1]).Spot!;
        Assert.Equal("aws-g6-xlarge-us-east-1: spot price history, us-east-1a", spec.Source);
        Assert.Equal(new DateOnly(2026, 9, 15), spec.AsOf);
        SourcedInput onDemand = result.Scenario.Sources.Single(x => x.Path == "options[1].pricing");
        Assert.Equal("aws-g6-xlarge-us-east-1: https://aws.amazon.com/ec2/pricing/on-demand/", onDemand.Source);
        Assert.Equal(new DateOnly(2026, 6, 1), onDemand.AsOf);
    }

    [Fact]
    public void Stale_catalog_spot_price_warns_at_its_catalog_key()
    {
        string yaml = SelfHosted(
            "replicas: 3",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1}, interruptions_per_hour: 0.1}");
        yaml = ReplaceLine(yaml, "start_month:", "start_month: 2028-01");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.Clean(result);
        (int line, int column) = Position(yaml, "aws-g6-xlarge-us-east-1}, interruptions");
        DiagnosticAssert.HasWarning(result.Diagnostics, line, column, "price 'aws-g6-xlarge-us-east-1' is from 2026-06-01, 19 months");
        Assert.True(result.Scenario!.Sources.Single(x => x.Path == "options[1].spot.price").IsStale);
    }

    // ── Errors ────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void Unknown_router_policy_lists_or_suggests()
    {
        string yaml = SelfHosted("replicas: 1", "router: random");
        Diagnostic d = ErrorAt(yaml, "random", "options[1].router: unknown router policy 'random'");
        Assert.Equal("allowed: least_outstanding, round_robin, kv_aware", d.Allowed);

        yaml = SelfHosted("replicas: 1", "router: round-robin");
        d = ErrorAt(yaml, "round-robin", "options[1].router: unknown router policy 'round-robin'");
        Assert.Equal("did you mean: round_robin?", d.Allowed);
    }

    [Fact]
    public void An_engine_profile_sets_that_engines_defaults_on_the_gpu_and_keys_still_override()
    {
        // The sample's option runs on an L4 (24 GB).
        SelfHostedOptionSpec vllm = LoadSelfHosted(SelfHosted("replicas: 1"));
        Assert.Equal(ServingEngineProfiles.Vllm, vllm.Engine.Profile);
        Assert.Equal((256, 2048, true, true, false), (vllm.Engine.MaxConcurrentSequences, vllm.Engine.MaxBatchedTokens, vllm.Engine.ChunkedPrefill, vllm.Engine.PrefillSharesSteps, vllm.Engine.ReserveOutputKv));

        ServingEngineSpec trt = LoadSelfHosted(SelfHosted("replicas: 1", "engine: {profile: tensorrt-llm}")).Engine;
        Assert.Equal((2048, 8192, false, true, true, 0.9), (trt.MaxConcurrentSequences, trt.MaxBatchedTokens, trt.ChunkedPrefill, trt.PrefillSharesSteps, trt.ReserveOutputKv, trt.KvCacheShareOfFreeMemory));

        // A share of the whole memory set in the scenario replaces the free-memory rule.
        ServingEngineSpec trtShare = LoadSelfHosted(SelfHosted("replicas: 1", "engine: {profile: tensorrt-llm, gpu_memory_utilization: 0.8, max_batched_tokens: 4096}")).Engine;
        Assert.Null(trtShare.KvCacheShareOfFreeMemory);
        Assert.Equal((0.8, 4096), (trtShare.GpuMemoryUtilization, trtShare.MaxBatchedTokens));

        // SGLang's chunk follows the GPU's memory: 2048 under 35 GiB.
        ServingEngineSpec sglang = LoadSelfHosted(SelfHosted("replicas: 1", "engine: {profile: sglang}")).Engine;
        Assert.Equal((2048, false, 0.88), (sglang.MaxBatchedTokens, sglang.PrefillSharesSteps, sglang.GpuMemoryUtilization));
        ServingEngineSpec mixed = LoadSelfHosted(SelfHosted("replicas: 1", "engine: {profile: sglang, mixed_batches: true}")).Engine;
        Assert.True(mixed.PrefillSharesSteps);
    }

    [Fact]
    public void An_unknown_engine_profile_names_the_ones_there_are()
    {
        string yaml = SelfHosted("replicas: 1", "engine: {profile: tgi}");
        Diagnostic d = ErrorAt(yaml, "tgi", "options[1].engine.profile: unknown serving engine 'tgi'");
        Assert.Contains("vllm, tensorrt-llm, sglang", d.Allowed);
    }

    [Fact]
    public void Engine_booleans_and_token_budget_are_checked()
    {
        string yaml = SelfHosted("replicas: 1", "engine: {chunked_prefill: yes, max_batched_tokens: 32, prefix_cachng: true}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, _) = Position(yaml, "engine:");
        Diagnostic flag = DiagnosticAssert.HasError(result, line, Position(yaml, "yes").Column,
            "options[1].engine.chunked_prefill: expected true or false, got 'yes'");
        Assert.Equal("allowed: true, false", flag.Allowed);
        DiagnosticAssert.HasError(result, line, ValueOf(yaml, "max_batched_tokens: 32").Column,
            "options[1].engine.max_batched_tokens: 32 is out of range (allowed: 64 to 1048576)");
        Diagnostic unknown = DiagnosticAssert.HasError(result, line, Position(yaml, "prefix_cachng").Column,
            "unknown key 'options[1].engine.prefix_cachng'");
        Assert.Equal("did you mean: prefix_caching?", unknown.Allowed);
    }

    [Fact]
    public void Max_batched_tokens_must_be_an_integer()
    {
        string yaml = SelfHosted("replicas: 1", "engine: {max_batched_tokens: 2048.5}");
        ErrorAt(yaml, "2048.5", "options[1].engine.max_batched_tokens: expected an integer, got '2048.5'");
    }

    [Fact]
    public void Misspelt_metric_suggests_the_new_ones()
    {
        string yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, metric: queue, target: 1}");
        Diagnostic d = ErrorAt(yaml, "queue", "options[1].autoscaler.metric: unknown autoscaler metric 'queue'");
        Assert.Equal("did you mean: queue_wait?", d.Allowed);

        yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, metric: kv_util, target: 1}");
        d = ErrorAt(yaml, "kv_util", "unknown autoscaler metric 'kv_util'");
        Assert.Equal("did you mean: kv_utilization?", d.Allowed);
    }

    [Fact]
    public void Kv_utilization_target_is_a_fraction()
    {
        string yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, metric: kv_utilization, target: 1.5}");
        ErrorAt(yaml, "1.5", "options[1].autoscaler.target: 1.5 is out of range (allowed: 0 < value <= 1)");
    }

    [Fact]
    public void Queue_wait_target_must_be_positive()
    {
        string yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 2, metric: queue_wait, target: 0}");
        (int line, int column) = ValueOf(yaml, "target: 0}");
        DiagnosticAssert.HasError(TestFiles.Load(yaml), line, column, "options[1].autoscaler.target: 0 is out of range (allowed: > 0)");
    }

    [Fact]
    public void Cold_start_with_its_parts_is_an_error_at_each_part()
    {
        string yaml = SelfHosted(
            "autoscaler:",
            "  min_replicas: 0",
            "  max_replicas: 2",
            "  target: 8",
            "  cold_start_s: 300",
            "  provisioning_s: 120",
            "  weight_load_gb_per_s: 2");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, int column) = Position(yaml, "provisioning_s");
        Diagnostic d = DiagnosticAssert.HasError(result, line, column,
            "options[1].autoscaler: give either 'cold_start_s' or 'provisioning_s', not both");
        Assert.Equal("allowed: cold_start_s as one figure, or provisioning_s and weight_load_gb_per_s to compute it", d.Allowed);
        (line, column) = Position(yaml, "weight_load_gb_per_s");
        DiagnosticAssert.HasError(result, line, column, "options[1].autoscaler: give either 'cold_start_s' or 'weight_load_gb_per_s', not both");
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Theory]
    [InlineData("provisioning_s: -1", "options[1].autoscaler.provisioning_s: -1 is out of range (allowed: 0 to 86400)")]
    [InlineData("weight_load_gb_per_s: 0", "options[1].autoscaler.weight_load_gb_per_s: 0 is out of range (allowed: 0.01 to 10000)")]
    [InlineData("cold_start_s: -5", "options[1].autoscaler.cold_start_s: -5 is out of range (allowed: 0 to 86400)")]
    [InlineData("weight_load_gb_per_s: fast", "options[1].autoscaler.weight_load_gb_per_s: expected a number, got 'fast'")]
    public void Cold_start_figures_are_range_checked(string entry, string message)
    {
        string yaml = SelfHosted($"autoscaler: {{min_replicas: 0, max_replicas: 2, target: 8, {entry}}}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, int column) = ValueOf(yaml, entry);
        DiagnosticAssert.HasError(result, line, column, message);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Schedule_needs_24_entries()
    {
        string yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 4, target: 8, schedule_min_replicas: [1, 2, 3]}");
        Diagnostic d = ErrorAt(yaml, "[1, 2, 3]", "options[1].autoscaler.schedule_min_replicas: expected 24 hourly minimums (one per hour from 00:00), got 3");
        Assert.Equal("allowed: one minimum per hour, 00:00 to 23:00, each 0 to max_replicas", d.Allowed);
    }

    [Fact]
    public void Schedule_entries_are_non_negative_integers_within_max_replicas()
    {
        string hours = "[0, 0, 0, 0, 0, -1, 1, 2, 3, 3, 5, 3, 3, 3, 3, 3, 3, 2, 2, 1, 1.5, 0, 0, 0]";
        string yaml = SelfHosted($"autoscaler: {{min_replicas: 0, max_replicas: 4, target: 8, schedule_min_replicas: {hours}}}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, int start) = Position(yaml, hours);
        DiagnosticAssert.HasError(result, line, start + hours.IndexOf("-1", StringComparison.Ordinal),
            "options[1].autoscaler.schedule_min_replicas[5]: -1 is out of range (allowed: >= 0)");
        DiagnosticAssert.HasError(result, line, start + hours.IndexOf('5', StringComparison.Ordinal),
            "options[1].autoscaler.schedule_min_replicas[10]: 5 is more than max_replicas (4) (allowed: 0 to 4, no more than max_replicas)");
        DiagnosticAssert.HasError(result, line, start + hours.IndexOf("1.5", StringComparison.Ordinal),
            "options[1].autoscaler.schedule_min_replicas[20]: expected an integer, got '1.5'");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Schedule_must_be_a_list()
    {
        string yaml = SelfHosted("autoscaler: {min_replicas: 0, max_replicas: 4, target: 8, schedule_min_replicas: business_hours}");
        ErrorAt(yaml, "business_hours", "options[1].autoscaler.schedule_min_replicas: expected a list, got 'business_hours'");
    }

    [Fact]
    public void Spot_needs_its_base_price_and_interruption_rate()
    {
        string yaml = SelfHosted("replicas: 2", "spot: {notice_s: 60}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, int column) = Position(yaml, "{notice_s");
        foreach (string key in new[] { "on_demand_base_replicas", "price", "interruptions_per_hour" })
        {
            DiagnosticAssert.HasError(result, line, column, $"missing required key '{key}' in options[1].spot");
        }
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Spot_values_are_range_checked_and_keys_suggested()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot:",
            "  on_demand_base_replicas: -1",
            "  price: {per_gpu_hour_usd: -0.5}",
            "  interruptions_per_hour: -0.1",
            "  notice: 30");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        DiagnosticAssert.HasError(result, ValueOf(yaml, "on_demand_base_replicas: -1").Line, ValueOf(yaml, "on_demand_base_replicas: -1").Column,
            "options[1].spot.on_demand_base_replicas: -1 is out of range (allowed: 0 to 1000)");
        DiagnosticAssert.HasError(result, Position(yaml, "-0.5").Line, Position(yaml, "-0.5").Column,
            "options[1].spot.price.per_gpu_hour_usd: -0.5 is out of range (allowed: 0 to 1000)");
        DiagnosticAssert.HasError(result, Position(yaml, "-0.1").Line, Position(yaml, "-0.1").Column,
            "options[1].spot.interruptions_per_hour: -0.1 is out of range (allowed: 0 to 60)");
        Diagnostic unknown = DiagnosticAssert.HasError(result, Position(yaml, "notice:").Line, Position(yaml, "notice:").Column,
            "unknown key 'options[1].spot.notice'");
        Assert.Equal("did you mean: notice_s?", unknown.Allowed);
    }

    [Fact]
    public void A_gpu_keeps_what_published_measurements_say_of_it_until_the_scenario_changes_its_figures()
    {
        string directory = TestFiles.NewDirectory();
        Directory.CreateDirectory(Path.Combine(directory, CatalogLoader.ValidationFolder));
        TestCatalog.WriteTo(directory, new Dictionary<string, string>
        {
            [Path.Combine(CatalogLoader.ValidationFolder, "published.yaml")] = """
                performance_validation:
                  - gpu: h100-sxm
                    rows: 70
                    precisions: fp8
                    median_abs_error_source_held_out: 0.07
                    bias_source_held_out: 0.002
                    median_abs_error_gpu_held_out: 0.17
                    source: calibration/VALIDATION.md
                """,
        });
        Catalog catalog = CatalogLoader.Load(directory).Catalog!;
        IReadOnlyList<PerformanceValidationSpec> validation = catalog.Gpus["h100-sxm"].Validations;
        Assert.Single(validation);
        GpuSpec Gpu(string gpuLine)
        {
            ScenarioLoadResult result = ScenarioLoader.Load(
                ReplaceLine(ReplaceLine(Minimal, "gpu:", gpuLine), "pricing:", "pricing: {per_gpu_hour_usd: 2.10, gpus_per_instance: 1, source: quote, as_of: 2026-11-01}"), "test.yaml", TestFiles.Root, catalog);
            DiagnosticAssert.Clean(result);
            return Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]).Gpu;
        }

        Assert.Equal(validation, Gpu("gpu: h100-sxm").Validations);
        Assert.Equal(validation, Gpu("gpu: {catalog: h100-sxm, name: our H100s}").Validations);
        Assert.Empty(Gpu("gpu: {catalog: h100-sxm, hbm_bandwidth_gb_per_s: 3000}").Validations);
        Assert.Empty(Gpu("gpu: l4").Validations);
    }

    [Fact]
    public void Catalog_entry_without_a_spot_price_names_the_prices_it_has()
    {
        string yaml = ReplaceLine(Minimal, "gpu:", "gpu: h100-sxm");
        yaml = ReplaceLine(yaml, "pricing:", "pricing: {catalog: aws-p5-48xlarge-us-east-1}");
        yaml = ReplaceLine(yaml, "replicas: 1",
            "replicas: 2\n    spot: {on_demand_base_replicas: 1, price: {catalog: aws-p5-48xlarge-us-east-1}, interruptions_per_hour: 0.1}");
        (int line, int column) = Position(yaml, "aws-p5-48xlarge-us-east-1}, interruptions");
        Diagnostic d = DiagnosticAssert.HasError(TestFiles.Load(yaml), line, column,
            "options[1].spot.price.catalog: price 'aws-p5-48xlarge-us-east-1' has no spot price");
        Assert.Equal("it has: on_demand", d.Allowed);
    }

    [Fact]
    public void Catalog_spot_price_for_another_gpu_is_an_error()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-p5-48xlarge-us-east-1}, interruptions_per_hour: 0.1}");
        ErrorAt(yaml, "aws-p5-48xlarge-us-east-1",
            "options[1].spot.price.catalog: price 'aws-p5-48xlarge-us-east-1' is for gpu 'h100-sxm', but this option runs on gpu 'l4'");
    }

    [Fact]
    public void Unknown_spot_catalog_id_suggests_close_ones()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge}, interruptions_per_hour: 0.1}");
        Diagnostic d = ErrorAt(yaml, "aws-g6-xlarge}", "options[1].spot.price.catalog: unknown gpu price 'aws-g6-xlarge'");
        Assert.Equal("did you mean: aws-g6-xlarge-us-east-1?", d.Allowed);
    }

    [Fact]
    public void Spot_price_takes_no_pricing_model()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1, model: spot}, interruptions_per_hour: 0.1}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        (int line, int column) = Position(yaml, "model: spot");
        Diagnostic d = DiagnosticAssert.HasError(result, line, column, "unknown key 'options[1].spot.price.model'");
        Assert.Equal("allowed keys: catalog, per_gpu_hour_usd, per_instance_hour_usd, gpus_per_instance, instance, source, as_of", d.Allowed);
    }

    [Fact]
    public void Spot_source_without_a_price_is_an_error()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot: {on_demand_base_replicas: 1, price: {catalog: aws-g6-xlarge-us-east-1, source: me}, interruptions_per_hour: 0.1}");
        ErrorAt(yaml, "{catalog: aws-g6-xlarge-us-east-1, source", "options[1].spot.price: 'source' and 'as_of' describe 'per_gpu_hour_usd'");
    }

    [Fact]
    public void On_demand_base_above_the_fleet_is_an_error()
    {
        string yaml = SelfHosted(
            "replicas: 2",
            "spot: {on_demand_base_replicas: 3, price: {per_gpu_hour_usd: 0.3}, interruptions_per_hour: 0.1}");
        ErrorAt(yaml, "3, price", "options[1].spot.on_demand_base_replicas: on_demand_base_replicas (3) is more than replicas (2), so no replica would ever be spot");

        yaml = SelfHosted(
            "autoscaler: {min_replicas: 0, max_replicas: 4, target: 8}",
            "spot: {on_demand_base_replicas: 5, price: {per_gpu_hour_usd: 0.3}, interruptions_per_hour: 0.1}");
        ErrorAt(yaml, "5, price", "on_demand_base_replicas (5) is more than autoscaler.max_replicas (4)");

        yaml = SelfHosted(
            "autoscaler: {min_replicas: 0, max_replicas: 4, target: 8}",
            "spot: {on_demand_base_replicas: 4, price: {per_gpu_hour_usd: 0.3}, interruptions_per_hour: 0.1}");
        DiagnosticAssert.Clean(TestFiles.Load(yaml));
    }

    [Fact]
    public void Spot_block_with_spot_pricing_is_an_error()
    {
        string yaml = ReplaceLine(Minimal, "pricing:", "pricing: {catalog: aws-g6-xlarge-us-east-1, model: spot}");
        yaml = ReplaceLine(yaml, "replicas: 1",
            "replicas: 2\n    spot: {on_demand_base_replicas: 1, price: {per_gpu_hour_usd: 0.3}, interruptions_per_hour: 0.1}");
        Diagnostic d = ErrorAt(yaml, "{on_demand_base_replicas", "options[1].spot: the on-demand base is bought at 'pricing', whose model is spot");
        Assert.Equal("allowed: pricing with model on_demand or reserved for the base, and the spot price in spot.price", d.Allowed);
    }
}
