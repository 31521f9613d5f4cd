using System.Globalization;
using static System.FormattableString;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>
/// Reads the body of a self-hosted deployment (an option of kind <c>self_hosted</c>, or the
/// <c>self_hosted</c> part of a hybrid): model and GPU (catalog id, catalog id with overrides, or
/// inline), GPU-hour price, replicas or autoscaler, engine settings, router, spot capacity.
/// </summary>
internal static class SelfHostedOptionReader
{
    public const int MaxGpusPerReplica = 64;
    public const int DefaultGpusPerReplica = 1;

    private static readonly KeyValuePair<string, GpuPricingModel>[] PricingModels =
        [new("on_demand", GpuPricingModel.OnDemand), new("reserved", GpuPricingModel.Reserved), new("spot", GpuPricingModel.Spot)];

    private static readonly KeyValuePair<string, AutoscalerMetric>[] Metrics =
        [
            new("concurrency", AutoscalerMetric.Concurrency), new("request_rate", AutoscalerMetric.RequestRate),
            new("queue_wait", AutoscalerMetric.QueueWait), new("kv_utilization", AutoscalerMetric.KvUtilization),
        ];

    private static readonly KeyValuePair<string, RouterPolicy>[] Routers =
        [new("least_outstanding", RouterPolicy.LeastOutstanding), new("round_robin", RouterPolicy.RoundRobin), new("kv_aware", RouterPolicy.KvAware)];

    /// <summary>Time to get a machine when the autoscaler's cold start is computed rather than given.</summary>
    public const double DefaultProvisioningSeconds = 120;

    /// <summary>Weight loading speed (GB/s, whole replica) when the autoscaler's cold start is computed rather than given.</summary>
    public const double DefaultWeightLoadGbPerSecond = 2.0;

    /// <summary>Bounds of the engine's per-step token budget (vLLM's max_num_batched_tokens).</summary>
    public const int BatchedTokensMin = 64;
    public const int BatchedTokensMax = 1_048_576;

    private const int HoursPerDay = 24;

    private static readonly KeyValuePair<string, int>[] EngineProfiles =
        [.. ServingEngineProfiles.Names.Select((name, i) => new KeyValuePair<string, int>(name, i))];

    private static readonly KeyValuePair<string, Precision>[] WeightPrecisions =
        [new("fp32", Precision.Fp32), new("bf16", Precision.Bf16), new("fp16", Precision.Fp16), new("fp8", Precision.Fp8), new("int4", Precision.Int4), new("fp4", Precision.Fp4)];

    private static readonly KeyValuePair<string, Precision>[] KvCachePrecisions =
        [new("fp32", Precision.Fp32), new("bf16", Precision.Bf16), new("fp16", Precision.Fp16), new("fp8", Precision.Fp8)];

    /// <summary>
    /// The spec without the option-level costs (the caller adds them), or null after errors. Keys
    /// are asked for, not finished: the caller reports unknown keys once it knows every key it reads.
    /// </summary>
    public static SelfHostedOptionSpec? ReadBody(MappingReader r, string name, LoadContext context)
    {
        int? gpusPerReplica = r.Int("gpus_per_replica", ValueRange.Between(1, MaxGpusPerReplica));
        ModelArchitectureSpec? model = r.Get("model", required: true) is { } modelNode
            ? ReadModel(modelNode, r.PathOf("model"), context)
            : null;
        YamlNode? gpuNode = r.Get("gpu", required: true);
        GpuSpec? gpu = gpuNode is not null ? ReadGpu(gpuNode, r.PathOf("gpu"), gpusPerReplica ?? DefaultGpusPerReplica, context) : null;
        GpuPricingSpec? pricing = r.Mapping("pricing", required: true) is { } pricingReader
            ? ReadPricing(pricingReader, name, gpu?.Id, context)
            : null;

        int? replicas = r.Int("replicas", ValueRange.Between(1, Plausible.MaxReplicas));
        AutoscalerSpec? autoscaler = null;
        bool hasReplicas = r.Has("replicas");
        bool hasAutoscaler = r.Has("autoscaler");
        if (hasReplicas && hasAutoscaler)
        {
            context.Read.Error(r.KeyNode("autoscaler")!, Messages.ExclusiveKeys(r.Path, "replicas", "autoscaler"), Messages.ReplicasOrAutoscalerAllowed);
        }
        else if (!hasReplicas && !hasAutoscaler)
        {
            context.Read.Error(r.Node, Messages.ReplicasNeeded(r.Path), Messages.ReplicasOrAutoscalerAllowed);
        }
        // Read after the engine: a computed cold start needs the weight precision.
        MappingReader? autoscalerReader = r.Mapping("autoscaler");

        ServingEngineSpec engine = r.Mapping("engine") is { } engineReader ? ReadEngine(engineReader, context, model, gpu) : ServingEngineProfiles.Defaults(ServingEngineProfiles.Vllm, gpu);
        double? billing = r.Double("billing_granularity_s", Plausible.BillingGranularitySeconds);
        if (autoscalerReader is not null)
        {
            autoscaler = ReadAutoscaler(autoscalerReader, model, engine);
        }
        RouterPolicy? router = r.Choice("router", "router policy", Routers);
        SpotSpec? spot = r.Mapping("spot") is { } spotReader
            ? SpotReader.Read(spotReader, name, gpu?.Id, pricing, replicas, autoscaler, context)
            : null;

        // With gpus_per_replica given but refused (0, 3 on an 8-GPU instance…), the weights are not
        // checked against the default of one GPU: "needs 72.7 GB … 1 x h100-sxm" said a second,
        // unrelated thing about a replica nobody asked for.
        if (model is not null && gpu is not null && gpuNode is not null && (gpusPerReplica is not null || !r.Has("gpus_per_replica")))
        {
            CheckWeightsFit(context.Read, gpuNode, r.Path, model, gpu, gpusPerReplica ?? DefaultGpusPerReplica, engine);
        }
        if (model is not null && gpusPerReplica is int tp && r.Get("gpus_per_replica") is { } tpNode)
        {
            CheckTensorParallel(context.Read, tpNode, r.PathOf("gpus_per_replica"), model, tp, pricing);
        }

        if (model is null || gpu is null || pricing is null || (replicas is null && autoscaler is null)
            || (r.Has("spot") && spot is null))
        {
            return null;
        }
        var spec = new SelfHostedOptionSpec
        {
            Name = name,
            Model = model,
            Gpu = gpu,
            GpusPerReplica = gpusPerReplica ?? DefaultGpusPerReplica,
            Pricing = pricing,
            FixedReplicas = replicas,
            Autoscaler = autoscaler,
            Engine = engine,
            Spot = spot,
        };
        return spec with
        {
            BillingGranularitySeconds = billing ?? spec.BillingGranularitySeconds,
            Router = router ?? spec.Router,
        };
    }

    /// <summary>
    /// A catalog id, a mapping <c>{catalog: id, overrides…}</c>, or an inline mapping.
    /// Returns the overrides reader (null for a bare id), the catalog entry (null when inline or unknown) and whether lookup failed.
    /// </summary>
    private static (MappingReader? Overrides, T? Entry, bool Failed) Resolve<T>(
        YamlNode node, string path, IReadOnlyDictionary<string, T> entries, string what, string file, LoadContext context)
        where T : class
    {
        if (node is YamlScalarNode)
        {
            T? entry = context.Read.Text(node, path) is { } id ? context.Lookup(entries, node, path, what, id, file) : null;
            return (null, entry, entry is null);
        }
        if (node is not YamlMappingNode mapping)
        {
            context.Read.Error(node, Messages.ExpectedMapping(path, ReadContext.Describe(node)),
                ShapeExamples.ForCollection(path) is { } example ? Messages.AllowedWithExample(Messages.CatalogIdOrMapping, example) : Messages.CatalogIdOrMapping);
            return (null, null, true);
        }
        var m = new MappingReader(context.Read, mapping, path);
        if (m.Get("catalog") is not { } catalogNode)
        {
            return (m, null, false);
        }
        T? found = context.Read.Text(catalogNode, m.PathOf("catalog")) is { } catalogId
            ? context.Lookup(entries, catalogNode, m.PathOf("catalog"), what, catalogId, file)
            : null;
        return (m, found, found is null);
    }

    internal static ModelArchitectureSpec? ReadModel(YamlNode node, string path, LoadContext context) =>
        ReadCatalogBacked(node, path, context, context.Catalog.Models, "model", CatalogLoader.ModelsFile,
            e => e.ToSpec(), e => e.AsOf, (m, b, failed) => ReadModelFields(m, b, failed, context), s => s.Source,
            spec => string.Create(CultureInfo.InvariantCulture, $"{spec.Name} ({Provenance.Number(spec.ParamsBillion)}B params, {spec.Layers} layers)"));

    private static ModelArchitectureSpec? ReadModelFields(MappingReader m, ModelArchitectureSpec? b, bool failed, LoadContext context)
    {
        bool inline = b is null && !failed;
        string? id = m.Text("id", inline) ?? b?.Id;
        string? name = m.Text("name") ?? b?.Name ?? id;
        double? parameters = m.Double("params_billion", Plausible.ParamsBillion, inline) ?? b?.ParamsBillion;
        double? active = m.Double("active_params_billion", Plausible.ParamsBillion);
        // A dense catalog model whose size is overridden stays dense; a mixture of experts keeps its active count.
        active ??= b is not null && b.ActiveParamsBillion < b.ParamsBillion ? b.ActiveParamsBillion : parameters;
        int? layers = m.Int("layers", Plausible.ModelDimension(10_000), inline) ?? b?.Layers;
        int? hidden = m.Int("hidden_size", Plausible.ModelDimension(1_000_000), inline) ?? b?.HiddenSize;
        int? heads = m.Int("attention_heads", Plausible.ModelDimension(100_000), inline) ?? b?.AttentionHeads;
        int? kvHeads = m.Int("kv_heads", Plausible.ModelDimension(100_000), inline) ?? b?.KvHeads;
        int? headDim = m.Int("head_dim", Plausible.ModelDimension(100_000), inline) ?? b?.HeadDim;
        int? intermediate = m.Int("intermediate_size", Plausible.ModelDimension(10_000_000)) ?? b?.IntermediateSize;
        int? vocab = m.Int("vocab_size", Plausible.ModelDimension(100_000_000), inline) ?? b?.VocabSize;
        // A dense model is a single expert that every token goes through.
        int? experts = m.Int("experts", Plausible.ModelDimension(100_000)) ?? b?.Experts ?? 1;
        int? expertsPerToken = m.Int("experts_per_token", Plausible.ModelDimension(100_000)) ?? b?.ExpertsPerToken ?? 1;
        bool? tied = m.Bool("tied_embeddings");
        int? maxContext = m.Int("max_context_tokens", Plausible.ModelDimension(100_000_000)) ?? b?.MaxContextTokens;
        string? source = m.Text("source");
        string[] overridden = ModelFields.Where(m.Has).ToArray();

        if (id is null || name is null || parameters is null || active is null || layers is null || hidden is null
            || heads is null || kvHeads is null || headDim is null || vocab is null || experts is null || expertsPerToken is null)
        {
            return null;
        }
        bool consistent = AtLeast(context, m, "params_billion", parameters.Value, "active_params_billion", active.Value)
            & AtLeast(context, m, "attention_heads", heads.Value, "kv_heads", kvHeads.Value)
            & AtLeast(context, m, "experts", experts.Value, "experts_per_token", expertsPerToken.Value);
        if (!consistent)
        {
            return null;
        }
        return new ModelArchitectureSpec
        {
            Id = id,
            Name = name,
            ParamsBillion = parameters.Value,
            ActiveParamsBillion = active.Value,
            Layers = layers.Value,
            HiddenSize = hidden.Value,
            IntermediateSize = intermediate ?? 0,
            AttentionHeads = heads.Value,
            KvHeads = kvHeads.Value,
            HeadDim = headDim.Value,
            VocabSize = vocab.Value,
            Experts = experts.Value,
            ExpertsPerToken = expertsPerToken.Value,
            TiedEmbeddings = tied ?? b?.TiedEmbeddings ?? false,
            MaxContextTokens = maxContext,
            Source = source ?? (b is null ? Provenance.Scenario : Provenance.WithOverrides(b.Source, overridden)),
        };
    }

    private static readonly string[] ModelFields =
    [
        "id", "name", "params_billion", "active_params_billion", "layers", "hidden_size", "intermediate_size", "attention_heads",
        "kv_heads", "head_dim", "vocab_size", "experts", "experts_per_token", "tied_embeddings", "max_context_tokens",
    ];

    internal static GpuSpec? ReadGpu(YamlNode node, string path, int gpusPerReplica, LoadContext context) =>
        ReadCatalogBacked(node, path, context, context.Catalog.Gpus, "gpu", CatalogLoader.GpusFile,
            e => e.ToSpec(), e => e.AsOf, (m, b, failed) => ReadGpuFields(m, b, failed, gpusPerReplica), s => s.Source,
            spec => string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name} ({Provenance.Number(spec.MemoryGb)} GB, {Provenance.Number(spec.HbmBandwidthGbPerSecond)} GB/s, {Provenance.Number(spec.Bf16DenseTflops)} BF16 TFLOPS)"));

    /// <summary>
    /// A value given as a catalog id, a mapping of overrides on a catalog entry, or inline: resolves
    /// it, applies the fields, and records where the result came from.
    /// </summary>
    private static TSpec? ReadCatalogBacked<TEntry, TSpec>(
        YamlNode node, string path, LoadContext context, IReadOnlyDictionary<string, TEntry> entries, string what, string file,
        Func<TEntry, TSpec> toSpec, Func<TEntry, DateOnly> asOf, Func<MappingReader, TSpec?, bool, TSpec?> readFields,
        Func<TSpec, string> source, Func<TSpec, string> describe)
        where TEntry : class
        where TSpec : class
    {
        (MappingReader? m, TEntry? entry, bool failed) = Resolve(node, path, entries, what, file, context);
        TSpec? spec = entry is null ? null : toSpec(entry);
        if (m is not null)
        {
            spec = readFields(m, spec, failed);
            m.Finish();
        }
        if (spec is null || failed)
        {
            return null;
        }
        context.Sources.Add(new SourcedInput
        {
            Path = path,
            Value = describe(spec),
            Source = source(spec),
            AsOf = entry is null ? null : asOf(entry),
        });
        return spec;
    }

    private static GpuSpec? ReadGpuFields(MappingReader m, GpuSpec? b, bool failed, int gpusPerReplica)
    {
        bool inline = b is null && !failed;
        string? id = m.Text("id", inline) ?? b?.Id;
        string? name = m.Text("name") ?? b?.Name ?? id;
        double? memory = m.Double("memory_gb", Plausible.GpuMemoryGb, inline) ?? b?.MemoryGb;
        double? bandwidth = m.Double("hbm_bandwidth_gb_per_s", Plausible.BandwidthGbPerSecond, inline) ?? b?.HbmBandwidthGbPerSecond;
        double? bf16 = m.Double("bf16_dense_tflops", Plausible.Tflops, inline) ?? b?.Bf16DenseTflops;
        double? fp8 = m.Double("fp8_dense_tflops", Plausible.Tflops) ?? b?.Fp8DenseTflops;
        double? fp4 = m.Double("fp4_dense_tflops", Plausible.Tflops) ?? b?.Fp4DenseTflops;
        double? tdp = m.Double("tdp_watts", Plausible.Watts) ?? b?.TdpWatts;
        string? interconnect = m.Word("interconnect", "interconnect", CatalogLoader.Interconnects) ?? b?.Interconnect;
        // Tensor parallelism across GPUs needs the link speed; a single GPU does not.
        double? link = m.Double("interconnect_bandwidth_gb_per_s", Plausible.BandwidthGbPerSecond, inline && gpusPerReplica > 1)
            ?? b?.InterconnectBandwidthGbPerSecond;
        string? source = m.Text("source");
        string[] overridden = GpuFields.Where(m.Has).ToArray();
        if (id is null || name is null || memory is null || bandwidth is null || bf16 is null)
        {
            return null;
        }
        var spec = new GpuSpec
        {
            Id = id,
            Name = name,
            MemoryGb = memory.Value,
            HbmBandwidthGbPerSecond = bandwidth.Value,
            Bf16DenseTflops = bf16.Value,
            Fp8DenseTflops = fp8,
            Fp4DenseTflops = fp4,
            Source = source ?? (b is null ? Provenance.Scenario : Provenance.WithOverrides(b.Source, overridden)),
            // Operator and all-reduce timings were measured on the catalog's part, and published measurements
            // checked the step times of its figures: a scenario that changes its figures no longer has them.
            OperatorTimings = b is not null && overridden.All(f => f is "name" or "tdp_watts") ? b.OperatorTimings : [],
            AllReduceTimings = b is not null && overridden.All(f => f is "name" or "tdp_watts") ? b.AllReduceTimings : [],
            Validations = b is not null && overridden.All(f => f is "name" or "tdp_watts") ? b.Validations : [],
        };
        return spec with
        {
            TdpWatts = tdp ?? spec.TdpWatts,
            Interconnect = interconnect ?? spec.Interconnect,
            InterconnectBandwidthGbPerSecond = link ?? spec.InterconnectBandwidthGbPerSecond,
        };
    }

    private static readonly string[] GpuFields =
    [
        "id", "name", "memory_gb", "hbm_bandwidth_gb_per_s", "bf16_dense_tflops", "fp8_dense_tflops", "fp4_dense_tflops", "tdp_watts",
        "interconnect", "interconnect_bandwidth_gb_per_s",
    ];

    /// <summary>
    /// A GPU price: <c>{catalog, model}</c>, or the scenario's own
    /// <c>{per_gpu_hour_usd | per_instance_hour_usd, gpus_per_instance, instance, source, as_of}</c>,
    /// recorded in the sources at this mapping's path. A catalog entry says how many GPUs its
    /// instance holds; the scenario's own price must say it, because instances are billed whole.
    /// With <paramref name="fixedModel"/> the mapping has no <c>model</c> key and the catalog's price for that model is used.
    /// A spot price (<paramref name="forSpot"/>) is for the deployment's instances: their size need not be
    /// repeated, and must match <paramref name="deploymentGpusPerInstance"/> when that is known.
    /// </summary>
    internal static GpuPricingSpec? ReadPricing(
        MappingReader r, string optionName, string? gpuId, LoadContext context, GpuPricingModel? fixedModel = null,
        bool forSpot = false, int? deploymentGpusPerInstance = null)
    {
        bool hasCatalog = r.Has("catalog");
        GpuPricingModel model = fixedModel ?? r.Choice("model", "pricing model", PricingModels) ?? GpuPricingModel.OnDemand;
        bool hasPerGpu = r.Has("per_gpu_hour_usd"), hasPerInstance = r.Has("per_instance_hour_usd");
        double? perGpuHour = r.Double("per_gpu_hour_usd", Plausible.GpuHourUsd);
        double? perInstanceHour = r.Double("per_instance_hour_usd", Plausible.InstanceHourUsd);
        int? gpusPerInstance = r.Int("gpus_per_instance", ValueRange.Between(1, 64));
        string? instance = r.Text("instance");
        string? source = r.Text("source");
        DateOnly? asOf = r.Date("as_of");
        GpuPriceCatalogEntry? entry = null;
        YamlNode? catalogNode = r.Get("catalog");
        if (catalogNode is not null && context.Read.Text(catalogNode, r.PathOf("catalog")) is { } id)
        {
            entry = context.Lookup(context.Catalog.GpuPrices, catalogNode, r.PathOf("catalog"), "gpu price", id, CatalogLoader.GpuPricesFile);
            if (entry is not null && gpuId is not null && entry.Gpu != gpuId)
            {
                List<string> forGpu = context.Catalog.GpuPrices.Values.Where(p => p.Gpu == gpuId).Select(p => p.Id).ToList();
                context.Read.Error(catalogNode, Messages.PriceGpuMismatch(r.PathOf("catalog"), entry.Id, entry.Gpu, gpuId),
                    Messages.PricesForGpu(gpuId, forGpu, CatalogLoader.GpuPricesFile));
            }
        }
        if (hasPerGpu && hasPerInstance)
        {
            context.Read.Error(r.KeyNode("per_instance_hour_usd")!, Messages.ExclusiveKeys(r.Path, "per_gpu_hour_usd", "per_instance_hour_usd"),
                Messages.PerGpuOrPerInstanceAllowed);
            return null;
        }
        if (!hasCatalog && !hasPerGpu && !hasPerInstance)
        {
            context.Read.Error(r.Node, Messages.PriceRequired(r.Path), Messages.PriceAllowed);
            return null;
        }
        if (!hasCatalog && gpusPerInstance is null && !r.Has("gpus_per_instance") && !forSpot)
        {
            context.Read.Error(r.KeyNode(hasPerGpu ? "per_gpu_hour_usd" : "per_instance_hour_usd")!, Messages.PriceUnitRequired(r.Path), Messages.PriceUnitAllowed);
            return null;
        }
        r.Finish();

        int gpus = gpusPerInstance ?? entry?.GpusPerInstance ?? deploymentGpusPerInstance ?? 1;
        if (forSpot && deploymentGpusPerInstance is int deploymentGpus && gpus != deploymentGpus)
        {
            context.Read.Error(r.KeyNode("gpus_per_instance") ?? catalogNode ?? r.Node, Messages.SpotInstanceSize(r.Path, gpus, deploymentGpus),
                Messages.SpotInstanceSizeAllowed(deploymentGpus));
            return null;
        }
        if (hasPerInstance && perInstanceHour is not null)
        {
            perGpuHour = perInstanceHour.Value / gpus;
        }
        GpuPricingSpec? spec = null;
        bool stale = false;
        if (perGpuHour is not null)
        {
            YamlNode priceNode = r.Get(hasPerGpu ? "per_gpu_hour_usd" : "per_instance_hour_usd")!;
            stale = context.CheckStale(priceNode, optionName, asOf);
            spec = new GpuPricingSpec
            {
                PricePerGpuHourUsd = perGpuHour.Value,
                Model = model,
                GpusPerInstance = gpus,
                InstanceType = instance ?? entry?.Instance,
                Source = source ?? (entry is null ? Provenance.Scenario : $"{Provenance.Scenario} (replaces {entry.Id})"),
                AsOf = asOf,
            };
        }
        else if (entry is not null && !hasPerGpu && !hasPerInstance)
        {
            if (source is not null || asOf is not null)
            {
                context.Read.Error(r.Node, Messages.SourceWithoutPrice(r.Path), Messages.SourceWithoutPriceAllowed);
            }
            if (entry.PriceFor(model) is not { } price)
            {
                string[] has = PricingModels.Where(p => entry.PriceFor(p.Value) is not null).Select(p => p.Key).ToArray();
                YamlNode? modelNode = fixedModel is null ? r.Get("model") : null;
                context.Read.Error(modelNode ?? catalogNode!,
                    Messages.PriceModelMissing(r.PathOf(modelNode is null ? "catalog" : "model"), entry.Id, PricingModelName(model)),
                    Messages.PricesItHas(has));
                return null;
            }
            stale = context.CheckStale(catalogNode!, entry.Id, entry.AsOfFor(model));
            spec = new GpuPricingSpec
            {
                PricePerGpuHourUsd = price,
                Model = model,
                GpusPerInstance = gpus,
                InstanceType = instance ?? entry.Instance,
                Source = $"{entry.Id}: {entry.SourceFor(model)}",
                AsOf = entry.AsOfFor(model),
            };
        }
        if (spec is null)
        {
            return null;
        }
        string unit = spec.GpusPerInstance == 1
            ? "single GPUs"
            : $"{spec.GpusPerInstance.ToString(CultureInfo.InvariantCulture)}-GPU instances at {Provenance.Usd(spec.PricePerInstanceHourUsd)} USD/hour";
        context.Sources.Add(new SourcedInput
        {
            Path = r.Path,
            Value = $"{Provenance.Usd(spec.PricePerGpuHourUsd)} USD/GPU-hour, {unit} ({PricingModelName(model)})",
            Source = spec.Source,
            AsOf = spec.AsOf,
            IsStale = stale,
        });
        return spec;
    }

    internal static string PricingModelName(GpuPricingModel model) => PricingModels.First(p => p.Value == model).Key;

    private static AutoscalerSpec? ReadAutoscaler(MappingReader r, ModelArchitectureSpec? model, ServingEngineSpec engine)
    {
        var defaults = new AutoscalerSpec { MinReplicas = 0, MaxReplicas = 1, TargetValue = 1, ColdStartSeconds = 0 };
        int? min = r.Int("min_replicas", ValueRange.Between(0, Plausible.MaxReplicas), required: true);
        // Its lower bound is min_replicas where that is above 1: the message says so, or "max_replicas: 32 is out of range (allowed: 50 to 1000)" did not say why.
        int? max = r.Int("max_replicas", ValueRange.Between(Math.Max(1, Math.Min(min ?? 0, Plausible.MaxReplicas)), Plausible.MaxReplicas) with { Because = min > 1 ? "no fewer than min_replicas" : null }, required: true);
        AutoscalerMetric? metric = r.Choice("metric", "autoscaler metric", Metrics);
        // A KV-cache utilisation target is a fraction of the cache; the other metrics are open-ended.
        ValueRange targetRange = metric == AutoscalerMetric.KvUtilization ? ValueRange.PositiveFraction : ValueRange.Positive;
        double? target = r.Double("target", targetRange, required: true);
        double? interval = r.Double("evaluation_interval_s", Plausible.EvaluationIntervalSeconds);
        double? upDelay = r.Double("scale_up_delay_s", Plausible.DelaySeconds);
        (double? coldStart, double? provisioning, double? weightLoad) = ReadColdStart(r, model, engine);
        IReadOnlyList<int>? schedule = r.Sequence("schedule_min_replicas") is { } list
            ? ReadSchedule(r, list, r.PathOf("schedule_min_replicas"), max)
            : null;
        double? stabilization = r.Double("scale_down_stabilization_s", Plausible.DelaySeconds);
        r.Finish();
        if (min is null || max is null || target is null || coldStart is null || (r.Has("schedule_min_replicas") && schedule is null))
        {
            return null;
        }
        return new AutoscalerSpec
        {
            MinReplicas = min.Value,
            MaxReplicas = max.Value,
            Metric = metric ?? defaults.Metric,
            TargetValue = target.Value,
            EvaluationIntervalSeconds = interval ?? defaults.EvaluationIntervalSeconds,
            ScaleUpDelaySeconds = upDelay ?? defaults.ScaleUpDelaySeconds,
            ColdStartSeconds = coldStart.Value,
            ProvisioningSeconds = provisioning,
            WeightLoadSeconds = weightLoad,
            ScheduledMinReplicas = schedule,
            ScaleDownStabilizationSeconds = stabilization ?? defaults.ScaleDownStabilizationSeconds,
        };
    }

    /// <summary>
    /// <c>cold_start_s</c> as one figure (parts unknown), or provisioning plus the time to load the
    /// weights (params × bytes per weight at the engine's precision, at <c>weight_load_gb_per_s</c>).
    /// Null cold start after errors, or when the model it depends on failed to load.
    /// </summary>
    private static (double? ColdStart, double? Provisioning, double? WeightLoad) ReadColdStart(
        MappingReader r, ModelArchitectureSpec? model, ServingEngineSpec engine)
    {
        bool hasColdStart = r.Has("cold_start_s");
        double? coldStart = r.Double("cold_start_s", Plausible.DelaySeconds);
        double? provisioning = r.Double("provisioning_s", Plausible.DelaySeconds);
        double? rate = r.Double("weight_load_gb_per_s", Plausible.WeightLoadGbPerSecond);
        if (hasColdStart)
        {
            bool both = false;
            foreach (string part in (string[])["provisioning_s", "weight_load_gb_per_s"])
            {
                if (r.Has(part))
                {
                    r.Context.Error(r.KeyNode(part)!, Messages.ExclusiveKeys(r.Path, "cold_start_s", part), Messages.ColdStartForms);
                    both = true;
                }
            }
            return (both ? null : coldStart, null, null);
        }
        if ((r.Has("provisioning_s") && provisioning is null) || (r.Has("weight_load_gb_per_s") && rate is null) || model is null)
        {
            return (null, null, null);
        }
        double weightsGb = ModelWeights.Bytes(model, engine.WeightPrecision) / 1e9;
        double provisioningSeconds = provisioning ?? DefaultProvisioningSeconds;
        double weightLoadSeconds = weightsGb / (rate ?? DefaultWeightLoadGbPerSecond);
        return (provisioningSeconds + weightLoadSeconds, provisioningSeconds, weightLoadSeconds);
    }

    /// <summary>24 hourly minimum replica counts, each between 0 and <paramref name="max"/> (when that is known).</summary>
    private static IReadOnlyList<int>? ReadSchedule(MappingReader r, YamlSequenceNode list, string path, int? max)
    {
        if (list.Children.Count != HoursPerDay)
        {
            r.Context.Error(list, Messages.HourlyMinimumCount(path, list.Children.Count), Messages.HourlyMinimumsAllowed);
            return null;
        }
        var schedule = new int[HoursPerDay];
        bool failed = false;
        for (int hour = 0; hour < schedule.Length; hour++)
        {
            YamlNode node = list.Children[hour];
            string at = $"{path}[{hour}]";
            if (r.Context.Int(node, at, ValueRange.NonNegative) is not { } value)
            {
                failed = true;
                continue;
            }
            if (max is not null && value > max)
            {
                r.Context.Error(node, Messages.ScheduledAboveMax(at, value, max.Value), Messages.ReplicasUpTo(max.Value, "max_replicas"));
                failed = true;
                continue;
            }
            schedule[hour] = value;
        }
        return failed ? null : schedule;
    }

    private static ServingEngineSpec ReadEngine(MappingReader r, LoadContext context, ModelArchitectureSpec? model, GpuSpec? gpu)
    {
        string engineName = r.Choice("profile", "serving engine", EngineProfiles) is int chosen ? ServingEngineProfiles.Names[chosen] : ServingEngineProfiles.Vllm;
        ServingEngineSpec defaults = ServingEngineProfiles.Defaults(engineName, gpu);
        double? memoryUtilization = r.Double("gpu_memory_utilization", ValueRange.PositiveFraction);
        var engine = new ServingEngineSpec
        {
            Profile = engineName,
            WeightPrecision = r.Choice("weight_precision", "precision", WeightPrecisions) ?? defaults.WeightPrecision,
            KvCachePrecision = r.Choice("kv_cache_precision", "KV-cache precision", KvCachePrecisions) ?? defaults.KvCachePrecision,
            MaxConcurrentSequences = r.Int("max_concurrent_sequences", ValueRange.Between(1, Plausible.MaxConcurrentSequences)) ?? defaults.MaxConcurrentSequences,
            GpuMemoryUtilization = memoryUtilization ?? defaults.GpuMemoryUtilization,
            // A share of the whole memory, when the scenario sets one, replaces the engine's own rule.
            KvCacheShareOfFreeMemory = memoryUtilization is null ? defaults.KvCacheShareOfFreeMemory : null,
            ActivationReserveGb = r.Double("activation_reserve_gb", Plausible.ActivationReserveGb) ?? defaults.ActivationReserveGb,
            ComputeEfficiency = r.Double("compute_efficiency", ValueRange.PositiveFraction) ?? defaults.ComputeEfficiency,
            MemoryEfficiency = r.Double("memory_efficiency", ValueRange.PositiveFraction) ?? defaults.MemoryEfficiency,
            StepOverheadMs = r.Double("step_overhead_ms", Plausible.StepOverheadMs) ?? defaults.StepOverheadMs,
            PcieAllReduceEfficiency = r.Double("pcie_all_reduce_efficiency", ValueRange.PositiveFraction) ?? defaults.PcieAllReduceEfficiency,
            TensorParallelAttentionSerialShare = r.Double("tp_attention_serial_share", ValueRange.FractionBelowOne) ?? defaults.TensorParallelAttentionSerialShare,
            ChunkedPrefill = r.Bool("chunked_prefill") ?? defaults.ChunkedPrefill,
            MixedBatches = r.Bool("mixed_batches") ?? defaults.MixedBatches,
            ReserveOutputKv = r.Bool("reserve_output_kv") ?? defaults.ReserveOutputKv,
            MaxBatchedTokens = r.Int("max_batched_tokens", ValueRange.Between(BatchedTokensMin, BatchedTokensMax)) ?? defaults.MaxBatchedTokens,
            PrefixCaching = r.Bool("prefix_caching") ?? defaults.PrefixCaching,
            PerformanceProfile = r.Get("performance_profile") is { } profile
                ? PerformanceProfileReader.Read(profile, r.PathOf("performance_profile"), context, model, gpu)
                : null,
        };
        r.Finish();
        return engine;
    }

    /// <summary>
    /// Tensor parallelism splits a layer's attention heads evenly over the replica's GPUs, so their
    /// number must divide the heads; and it all-reduces every layer over the GPUs' own link, which
    /// a replica spread over several cloud instances (a catalog price with an instance type) does
    /// not have: its GPUs would talk over the network. A price per GPU without an instance type (a
    /// marketplace renting GPUs one at a time, an inline price) may put them on one machine.
    /// </summary>
    private static void CheckTensorParallel(ReadContext read, YamlNode at, string path, ModelArchitectureSpec model, int gpus, GpuPricingSpec? pricing)
    {
        if (gpus > 1 && model.AttentionHeads % gpus != 0)
        {
            IEnumerable<string> allowed = Enumerable.Range(1, Math.Min(model.AttentionHeads, MaxGpusPerReplica))
                .Where(k => model.AttentionHeads % k == 0).Select(k => k.ToString(CultureInfo.InvariantCulture));
            read.Error(at, Invariant($"{path}: {gpus} GPUs cannot split {model.Id}'s {model.AttentionHeads} attention heads evenly, as tensor parallelism does"),
                Messages.AllowedList(allowed));
        }
        else if (pricing is { InstanceType: not null, GpusPerInstance: int perInstance } && gpus > perInstance)
        {
            read.Error(at, Invariant($"{path}: a replica of {gpus} GPUs does not fit on one instance of {perInstance} GPU{(perInstance == 1 ? "" : "s")}, and tensor parallelism all-reduces every layer over the GPUs' own link, which GPUs on different instances do not share"),
                Invariant($"allowed: 1 to {perInstance} GPUs per replica on this instance, or an instance with at least {gpus} GPUs"));
        }
    }

    /// <summary>
    /// Weights that cannot fit leave no room for a KV cache: better said here, with a position, than
    /// as an engine failure. The weights are <see cref="ModelWeights.Bytes"/>: quantized layers with
    /// their 16-bit embedding and LM head.
    /// </summary>
    private static void CheckWeightsFit(
        ReadContext read, YamlNode at, string path, ModelArchitectureSpec model, GpuSpec gpu, int gpus, ServingEngineSpec engine)
    {
        double weightsGb = ModelWeights.Bytes(model, engine.WeightPrecision) / 1e9;
        double usableGb = ReplicaFootprint.Compute(model, gpu, gpus, engine).UsableBytes / 1e9;
        if (weightsGb > usableGb)
        {
            string precision = WeightPrecisions.First(p => p.Value == engine.WeightPrecision).Key;
            read.Error(at, Messages.ModelDoesNotFit(path, model.Id, weightsGb, precision, gpus, gpu.Id, Math.Max(0, usableGb)),
                Messages.ModelDoesNotFitHint);
        }
        else if (!ReplicaFootprint.Compute(model, gpu, gpus, engine).Fits)
        {
            // The weights fit but leave too little KV cache to serve: said here, at the GPU, rather
            // than by the command line after loading, where no position is known.
            read.Error(at, $"{path}: {ReplicaFootprint.DescribeMisfit(model, gpu, gpus, engine)}");
        }
    }

    private static bool AtLeast(LoadContext context, MappingReader m, string key, double value, string otherKey, double other)
    {
        if (value >= other)
        {
            return true;
        }
        context.Read.Error(m.Node, Messages.MustBeAtLeast(m.Path, key, value, otherKey, other), Messages.AtLeastAllowed(key, otherKey, other));
        return false;
    }
}
