using System.Globalization;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;

namespace Planner.Scenarios.Optimization;

/// <summary>
/// Builds the optimizer's candidates from a scenario and the catalog: the model, engine
/// settings, router, billing and fixed costs of one self-hosted option, on every instance type of
/// every requested GPU at its on-demand price, for every GPUs-per-replica count where the model
/// fits, weight precision, batch limit, autoscaler target and minimum replica count.
/// <list type="bullet">
/// <item>Instances: instances are billed whole, so the search is over instance types, not GPU
/// slices: for each GPU, the scenario's own on-demand price for it (unless a provider is named),
/// else the cheapest on-demand catalog offer from the provider of each instance size. Where an
/// instance holds several replicas, filling it (minimum replicas = replicas per instance) is
/// also tried.</item>
/// <item>Precision: FP8 (weights or KV cache) needs FP8 tensor cores; on other GPUs it becomes
/// BF16.</item>
/// <item>Autoscaling: on in-flight requests per replica (the targets), with the option's
/// timing; cold start scales with the weights when the option gives it as provisioning plus
/// weight load. A calibrated profile is kept only on the hardware it was measured on.</item>
/// </list>
/// </summary>
public static class CandidateBuilder
{
    /// <summary>The catalog-wide provider choice.</summary>
    public const string AnyProvider = "any";

    /// <summary>GPUs per replica tried when the user does not say.</summary>
    public static readonly IReadOnlyList<int> DefaultGpusPerReplica = [1, 2, 4, 8];

    private static readonly KeyValuePair<string, Precision>[] PrecisionNames =
        [new("fp32", Precision.Fp32), new("bf16", Precision.Bf16), new("fp16", Precision.Fp16), new("fp8", Precision.Fp8), new("int4", Precision.Int4), new("fp4", Precision.Fp4)];

    public static CandidateSet Build(ScenarioSpec scenario, Catalog catalog, CandidateRequest request)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var notes = new List<string>();

        SelfHostedOptionSpec? baseOption = ChooseBase(scenario, request.OptionName, errors);
        CheckRanges(request, errors);
        string? provider = ChooseProvider(scenario, catalog, request.Provider, errors, notes);
        IReadOnlyList<Precision> precisions = ParsePrecisions(request.Precisions, baseOption, errors);
        IReadOnlyList<GpuOffer> offers = Offers(scenario, catalog, request, provider, errors);
        if (errors.Count > 0 || baseOption is null)
        {
            return new CandidateSet { Errors = errors, Notes = notes };
        }

        var candidates = new List<SelfHostedOptionSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (GpuOffer offer in offers)
        {
            GpuSpec gpu = offer.Gpu;
            var gpuPrecisions = new List<Precision>();
            foreach (Precision p in precisions)
            {
                Precision used = p == Precision.Fp8 && gpu.Fp8DenseTflops is null ? Precision.Bf16 : p;
                if (used != p)
                {
                    notes.Add($"{gpu.Id} has no FP8 tensor cores: searched at bf16 instead of fp8");
                }
                if (!gpuPrecisions.Contains(used))
                {
                    gpuPrecisions.Add(used);
                }
            }
            foreach (Precision precision in gpuPrecisions)
            {
                ServingEngineSpec engine = EngineFor(baseOption, gpu, precision);
                IReadOnlyList<int> counts = request.GpusPerReplica ?? DefaultGpusPerReplica;
                var misfits = new List<int>();
                var spanning = new List<int>();
                bool anyUsable = false;
                foreach (int gpus in counts)
                {
                    if (gpus > 1 && baseOption.Model.AttentionHeads % gpus != 0)
                    {
                        // As a scenario's option must (SelfHostedOptionReader.CheckTensorParallel): --gpus-per-replica 3 searched Llama 3.1 8B's 32 heads over 3 GPUs.
                        notes.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{gpu.Id}×{gpus} skipped: {gpus} GPUs cannot split {baseOption.Model.Name}'s {baseOption.Model.AttentionHeads} attention heads evenly, as tensor parallelism does"));
                        continue;
                    }
                    if (!ReplicaFootprint.Compute(baseOption.Model, gpu, gpus, engine).Fits)
                    {
                        misfits.Add(gpus);
                        if (request.GpusPerReplica is not null)
                        {
                            notes.Add($"{gpu.Id}×{gpus} {Name(precision)} skipped: {ReplicaFootprint.DescribeMisfit(baseOption.Model, gpu, gpus, engine)}");
                        }
                        continue;
                    }
                    if (gpus > offer.Pricing.GpusPerInstance && offer.Pricing.InstanceType is not null)
                    {
                        spanning.Add(gpus);
                        // Tensor parallelism across machines runs over the network, which the step
                        // times (the GPU's own interconnect) do not model: such a replica cannot be
                        // rented as simulated. A price per GPU with no machine named (a marketplace
                        // that rents GPUs singly) may put them in one machine.
                        notes.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{gpu.Id}×{gpus} on {offer.InstanceLabel} skipped: a replica's {gpus} GPUs must share one machine's interconnect, and the instance holds {offer.Pricing.GpusPerInstance}"));
                        continue;
                    }
                    anyUsable = true;
                    int holds = new InstancePacking(gpus, offer.Pricing.GpusPerInstance).ReplicasPerUnit;
                    if (request.MaxReplicas < holds)
                    {
                        notes.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{gpu.Id}×{gpus} on {offer.InstanceLabel}: one instance holds {holds} replicas, more than --max-replicas {request.MaxReplicas}; its configurations run at most {request.MaxReplicas}, with the instance's other {(holds - request.MaxReplicas) * gpus} GPUs billed and stranded"));
                    }
                    foreach (SelfHostedOptionSpec c in Variants(baseOption, offer, gpus, precision, request))
                    {
                        if (names.Add(c.Name))
                        {
                            candidates.Add(c);
                        }
                    }
                }
                if (!anyUsable && request.GpusPerReplica is null && misfits.Count + spanning.Count > 0)
                {
                    // Said whichever way every count was lost: a T4 (16 GB) fits Llama 3.1 8B in 16 bits on
                    // no single GPU, and two would span g4dn.xlarge machines of one GPU each.
                    string why = $"{baseOption.Model.Name} does not fit on {Or(misfits)} GPU{(misfits.Count == 1 && misfits[0] == 1 ? "" : "s")} per replica";
                    if (spanning.Count > 0)
                    {
                        why = (misfits.Count > 0 ? why + ", and " : "") + string.Create(CultureInfo.InvariantCulture,
                            $"a replica of {Or(spanning)} GPUs would span several {offer.InstanceLabel} machines, whose interconnect the step times do not model");
                    }
                    notes.Add($"{gpu.Id} {Name(precision)} skipped: {why}");
                }
            }
        }
        if (candidates.Count == 0 && request.Targets.Count > 0 && request.MaxConcurrentSequences.Count > 0
            && request.Targets.Min() >= request.MaxConcurrentSequences.Max())
        {
            // Said for what it is: --targets 1e9 was told that the model fits none of the GPU counts.
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"--targets: no target ({string.Join(",", request.Targets.Select(t => t.ToString("G", CultureInfo.InvariantCulture)))}) is below a batch limit (--max-seqs {string.Join(",", request.MaxConcurrentSequences)}), so there is no configuration to search ")
                + string.Create(CultureInfo.InvariantCulture,
                $"(allowed: targets below {request.MaxConcurrentSequences.Max():#,##0}, the largest batch limit: at the limit the autoscaler sees no excess until batches are full and requests queue)"));
        }
        else if (candidates.Count == 0)
        {
            errors.Add($"no configuration to search: {baseOption.Model.Name} fits none of the GPU counts on the GPUs given, or no autoscaler target is below a batch limit"
                + (notes.Any(n => n.Contains("skipped", StringComparison.Ordinal)) ? " (see the notes above)" : " (allowed: --gpus naming at least one GPU with a price, GPU counts the model fits, targets below a batch limit: at the limit the autoscaler sees no excess until batches are full and requests queue)"));
        }
        return new CandidateSet { BaseOption = baseOption, Offers = offers, Candidates = candidates, Notes = notes.Distinct().ToList(), Errors = errors };
    }

    /// <summary>"1", "2 or 4", "2, 4 or 8".</summary>
    private static string Or(List<int> counts) =>
        counts.Count <= 1 ? string.Join("", counts) : string.Join(", ", counts.Take(counts.Count - 1)) + " or " + counts[^1];

    /// <summary>Every batch limit × target × minimum replicas on one GPU count and precision.</summary>
    private static IEnumerable<SelfHostedOptionSpec> Variants(SelfHostedOptionSpec baseOption, GpuOffer offer, int gpus, Precision precision, CandidateRequest request)
    {
        ServingEngineSpec engine = EngineFor(baseOption, offer.Gpu, precision);
        bool sameHardware = offer.Gpu.Id == baseOption.Gpu.Id && gpus == baseOption.GpusPerReplica && precision == baseOption.Engine.WeightPrecision;
        if (!sameHardware)
        {
            // A measured profile describes the hardware it was measured on, nothing else.
            engine = engine with { PerformanceProfile = null, PerformanceProfileName = null };
        }
        AutoscalerSpec timing = Timing(baseOption, engine);
        int perInstance = new InstancePacking(gpus, offer.Pricing.GpusPerInstance).ReplicasPerUnit;
        // An autoscaler runs whole instances (a minimum of 1 on an 8-slot instance is 8 replicas),
        // so minimums that round to the same instances are one configuration; never past
        // --max-replicas, a cap the search keeps (it may be a quota), with the instance's other
        // GPUs stranded (noted where the candidates are built).
        IEnumerable<int> minimums = request.MinReplicas.Select(m => Math.Min((m + perInstance - 1) / perInstance * perInstance, request.MaxReplicas)).Distinct();
        string instance = offer.Pricing.GpusPerInstance == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-i{offer.Pricing.GpusPerInstance}");
        foreach (int seqs in request.MaxConcurrentSequences)
        {
            foreach (double target in request.Targets)
            {
                if (target >= seqs)
                {
                    // The autoscaler would see no excess until the batch is full and requests queue.
                    continue;
                }
                foreach (int min in minimums)
                {
                    string name = string.Create(CultureInfo.InvariantCulture, $"{offer.Gpu.Id}x{gpus}{instance}-{Name(precision)}-s{seqs}-t{target:0.##}-m{min}");
                    yield return new SelfHostedOptionSpec
                    {
                        Name = name,
                        Model = baseOption.Model,
                        Gpu = offer.Gpu,
                        GpusPerReplica = gpus,
                        Pricing = offer.Pricing,
                        Autoscaler = timing with
                        {
                            MinReplicas = min,
                            MaxReplicas = request.MaxReplicas,
                            Metric = AutoscalerMetric.Concurrency,
                            TargetValue = target,
                            ScheduledMinReplicas = null,
                        },
                        Engine = engine with { MaxConcurrentSequences = seqs },
                        Router = baseOption.Router,
                        BillingGranularitySeconds = baseOption.BillingGranularitySeconds,
                        FixedMonthlyCosts = baseOption.FixedMonthlyCosts,
                    };
                }
            }
        }
    }

    private static ServingEngineSpec EngineFor(SelfHostedOptionSpec baseOption, GpuSpec gpu, Precision weights)
    {
        Precision kv = baseOption.Engine.KvCachePrecision == Precision.Fp8 && gpu.Fp8DenseTflops is null ? Precision.Bf16 : baseOption.Engine.KvCachePrecision;
        return ServingEngineProfiles.Retarget(baseOption.Engine, baseOption.Gpu, gpu) with { WeightPrecision = weights, KvCachePrecision = kv };
    }

    /// <summary>
    /// The option's autoscaler timing; its cold start rescaled to the candidate's weights when the
    /// option states the weight-load part, else kept. An option with fixed replicas gets the
    /// defaults a scenario's computed cold start uses.
    /// </summary>
    private static AutoscalerSpec Timing(SelfHostedOptionSpec baseOption, ServingEngineSpec engine)
    {
        double weightsGb = ModelWeights.Bytes(baseOption.Model, engine.WeightPrecision) / 1e9;
        if (baseOption.Autoscaler is not AutoscalerSpec a)
        {
            double load = weightsGb / SelfHostedOptionReader.DefaultWeightLoadGbPerSecond;
            return new AutoscalerSpec
            {
                MinReplicas = 1,
                MaxReplicas = 1,
                TargetValue = 1,
                ColdStartSeconds = SelfHostedOptionReader.DefaultProvisioningSeconds + load,
                ProvisioningSeconds = SelfHostedOptionReader.DefaultProvisioningSeconds,
                WeightLoadSeconds = load,
            };
        }
        if (a.ProvisioningSeconds is double provisioning && a.WeightLoadSeconds is double baseLoad)
        {
            double baseWeightsGb = ModelWeights.Bytes(baseOption.Model, baseOption.Engine.WeightPrecision) / 1e9;
            double load = baseWeightsGb > 0 ? baseLoad * weightsGb / baseWeightsGb : baseLoad;
            return a with { ColdStartSeconds = provisioning + load, WeightLoadSeconds = load };
        }
        return a;
    }

    private static SelfHostedOptionSpec? ChooseBase(ScenarioSpec scenario, string? name, List<string> errors)
    {
        var hosted = scenario.Options.Where(o => Projector.SelfHostedPart(o) is not null).ToList();
        if (name is null)
        {
            if (hosted.Count == 0)
            {
                errors.Add($"scenario '{scenario.Name}' has no self-hosted option to take the model and engine settings from (add an option of kind self_hosted or hybrid)");
                return null;
            }
            return Projector.SelfHostedPart(hosted[0]);
        }
        OptionSpec? named = scenario.Options.FirstOrDefault(o => o.Name == name);
        if (named is null)
        {
            string hint = Suggestions.Hint(name, hosted.Select(o => o.Name).ToList()) ?? "";
            errors.Add($"--option: the scenario has no option '{name}'{(hint.Length > 0 ? $" ({hint})" : "")}");
            return null;
        }
        if (Projector.SelfHostedPart(named) is not SelfHostedOptionSpec s)
        {
            errors.Add($"--option: '{name}' is an {named.Kind} option; name a self_hosted or hybrid option ({Messages.AllowedList(hosted.Select(o => o.Name).ToList())})");
            return null;
        }
        return s;
    }

    private static void CheckRanges(CandidateRequest r, List<string> errors)
    {
        if (r.GpusPerReplica?.Where(g => g < 1 || g > SelfHostedOptionReader.MaxGpusPerReplica).Select(g => (int?)g).FirstOrDefault() is int g)
        {
            errors.Add($"--gpus-per-replica: {g} is out of range (allowed: 1 to {SelfHostedOptionReader.MaxGpusPerReplica})");
        }
        if (r.GpusPerReplica is { Count: 0 } || r.MaxConcurrentSequences.Count == 0 || r.Targets.Count == 0 || r.MinReplicas.Count == 0)
        {
            errors.Add("every search dimension needs at least one value");
        }
        // Each list is checked against the bound a scenario's own field has, and named alone: a
        // value out of range in one option is not blamed on another the user may not have passed.
        foreach (int seqs in r.MaxConcurrentSequences.Where(s => s is < 1 or > Plausible.MaxConcurrentSequences).Take(1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-seqs: {seqs} is out of range (allowed: batch limits 1 to {Plausible.MaxConcurrentSequences:#,##0}, as a scenario's max_concurrent_sequences)"));
        }
        if (r.Targets.Any(t => !(t > 0) || !double.IsFinite(t)))
        {
            errors.Add("--targets: autoscaler targets must be positive numbers (in-flight requests per replica)");
        }
        List<int> minimums = r.MinReplicas.Where(m => m is >= 0 and <= Plausible.MaxReplicas).ToList();
        if (minimums.Count < r.MinReplicas.Count)
        {
            int bad = r.MinReplicas.First(m => m is < 0 or > Plausible.MaxReplicas);
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--min-replicas: {bad} is out of range (allowed: 0 to {Plausible.MaxReplicas:#,##0}, as a scenario's min_replicas)"));
        }
        if (r.MaxReplicas is < 1 or > Plausible.MaxReplicas)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-replicas: {r.MaxReplicas} is out of range (allowed: 1 to {Plausible.MaxReplicas:#,##0}, as a scenario's max_replicas)"));
        }
        else if (minimums.Count > 0 && r.MaxReplicas < minimums.Max())
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-replicas: {r.MaxReplicas} is below --min-replicas {minimums.Max()} (allowed: {minimums.Max()} to {Plausible.MaxReplicas:#,##0}, at least every --min-replicas value)"));
        }
    }

    private static IReadOnlyList<Precision> ParsePrecisions(IReadOnlyList<string>? names, SelfHostedOptionSpec? baseOption, List<string> errors)
    {
        if (names is null)
        {
            return baseOption is null ? [] : [baseOption.Engine.WeightPrecision];
        }
        var list = new List<Precision>();
        foreach (string n in names)
        {
            KeyValuePair<string, Precision> match = PrecisionNames.FirstOrDefault(p => p.Key == n.ToLowerInvariant());
            if (match.Key is null)
            {
                errors.Add($"--precisions: unknown precision '{n}' ({Messages.AllowedList(PrecisionNames.Select(p => p.Key).ToList())})");
                continue;
            }
            if (!list.Contains(match.Value))
            {
                list.Add(match.Value);
            }
        }
        return list;
    }

    /// <summary>
    /// The provider catalog prices come from: the one named; else the one the scenario's catalog
    /// prices share; else any (null).
    /// </summary>
    private static string? ChooseProvider(ScenarioSpec scenario, Catalog catalog, string? requested, List<string> errors, List<string> notes)
    {
        var providers = catalog.GpuPrices.Values.Select(p => p.Provider).Distinct(StringComparer.Ordinal).ToList();
        if (requested is not null)
        {
            if (requested == AnyProvider)
            {
                return null;
            }
            if (!providers.Contains(requested))
            {
                string hint = Suggestions.Hint(requested, [.. providers, AnyProvider]) ?? "";
                errors.Add($"--provider: no GPU prices from '{requested}' in the catalog{(hint.Length > 0 ? $" ({hint})" : "")}");
                // Checked from here as if any provider were allowed, so that the GPUs are not
                // each refused again for a provider that does not exist.
                return null;
            }
            return requested;
        }
        var used = ScenarioPrices(scenario)
            .Select(o => PriceEntry(catalog, o.Pricing)?.Provider)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (used.Count == 1)
        {
            notes.Add($"catalog prices from {used[0]}, the provider of the scenario's GPU prices (--provider any for the cheapest anywhere)");
            return used[0];
        }
        if (used.Count > 1)
        {
            notes.Add($"catalog prices from any provider: the scenario's GPU prices come from {string.Join(", ", used)} (--provider NAME to search one)");
        }
        return null;
    }

    /// <summary>The catalog entry a scenario price was read from (its source starts with the entry id).</summary>
    private static GpuPriceCatalogEntry? PriceEntry(Catalog catalog, GpuPricingSpec pricing)
    {
        int colon = pricing.Source.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && catalog.GpuPrices.TryGetValue(pricing.Source[..colon], out GpuPriceCatalogEntry? entry) ? entry : null;
    }

    /// <summary>Self-hosted parts of the scenario's options that pay on-demand prices, in scenario order.</summary>
    private static IEnumerable<SelfHostedOptionSpec> ScenarioPrices(ScenarioSpec scenario) =>
        scenario.Options.Select(Projector.SelfHostedPart).OfType<SelfHostedOptionSpec>().Where(s => s.Pricing.Model == GpuPricingModel.OnDemand);

    private static IReadOnlyList<GpuOffer> Offers(ScenarioSpec scenario, Catalog catalog, CandidateRequest request, string? provider, List<string> errors)
    {
        var own = new Dictionary<string, GpuOffer>(StringComparer.Ordinal);
        var scenarioGpus = new Dictionary<string, GpuSpec>(StringComparer.Ordinal);
        foreach (SelfHostedOptionSpec s in scenario.Options.Select(Projector.SelfHostedPart).OfType<SelfHostedOptionSpec>())
        {
            scenarioGpus.TryAdd(s.Gpu.Id, s.Gpu);
        }
        if (request.Provider is null)
        {
            foreach (SelfHostedOptionSpec s in ScenarioPrices(scenario))
            {
                own.TryAdd(s.Gpu.Id, new GpuOffer(s.Gpu, s.Pricing, $"scenario option {s.Name}"));
            }
        }

        // Every instance size the provider rents the GPU in, each at its cheapest on-demand price.
        List<GpuOffer> CatalogOffers(string id)
        {
            GpuSpec? gpu = scenarioGpus.GetValueOrDefault(id) ?? (catalog.Gpus.TryGetValue(id, out GpuCatalogEntry? e) ? e.ToSpec() : null);
            if (gpu is null)
            {
                return [];
            }
            return catalog.GpuPrices.Values
                .Where(p => p.Gpu == id && (provider is null || p.Provider == provider))
                .GroupBy(p => p.GpusPerInstance)
                .OrderBy(g => g.Key)
                .Select(g => g.OrderBy(p => p.OnDemandPerGpuHourUsd).ThenBy(p => p.Id, StringComparer.Ordinal).First())
                .Select(cheapest => new GpuOffer(gpu, new GpuPricingSpec
                {
                    PricePerGpuHourUsd = cheapest.OnDemandPerGpuHourUsd,
                    Model = GpuPricingModel.OnDemand,
                    GpusPerInstance = cheapest.GpusPerInstance,
                    InstanceType = cheapest.Instance,
                    Source = $"{cheapest.Id}: {cheapest.Source}",
                    AsOf = cheapest.AsOf,
                }, cheapest.Id))
                .ToList();
        }

        List<GpuOffer> OffersFor(string id) => own.TryGetValue(id, out GpuOffer? mine) ? [mine] : CatalogOffers(id);

        var offers = new List<GpuOffer>();
        if (request.Gpus is null)
        {
            IEnumerable<string> ids = own.Keys.Concat(catalog.Gpus.Keys).Distinct(StringComparer.Ordinal);
            foreach (string id in ids)
            {
                offers.AddRange(OffersFor(id));
            }
            if (offers.Count == 0)
            {
                errors.Add($"no GPU has an on-demand price{(provider is null ? "" : $" from {provider}")} in the catalog or the scenario (name GPUs with --gpus, or another --provider)");
            }
            return offers;
        }
        var known = own.Keys.Concat(scenarioGpus.Keys).Concat(catalog.Gpus.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (string id in request.Gpus.Distinct(StringComparer.Ordinal))
        {
            if (!known.Contains(id))
            {
                string hint = Suggestions.Hint(id, known, Messages.SeeCatalogFile(CatalogLoader.GpusFile)) ?? "";
                errors.Add($"--gpus: unknown GPU '{id}'{(hint.Length > 0 ? $" ({hint})" : "")}");
                continue;
            }
            List<GpuOffer> found = OffersFor(id);
            if (found.Count > 0)
            {
                offers.AddRange(found);
                continue;
            }
            var from = catalog.GpuPrices.Values.Where(p => p.Gpu == id).Select(p => p.Provider).Distinct(StringComparer.Ordinal).ToList();
            errors.Add(from.Count == 0
                ? $"--gpus: '{id}' has no on-demand price in {CatalogLoader.GpuPricesFile} or the scenario"
                : $"--gpus: '{id}' has no on-demand price from {provider} (prices from: {string.Join(", ", from)}; pass --provider with one of them)");
        }
        return offers;
    }

    private static string Name(Precision p) => PrecisionNames.First(n => n.Value == p).Key;
}
