using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Optimization;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Optimization;

/// <summary>Candidates for <c>planner optimize</c> from the bundled chat scenario and catalog.</summary>
public sealed class CandidateBuilderTests
{
    private static readonly Lazy<(ScenarioSpec Scenario, Catalog Catalog)> Chat = new(() =>
    {
        string path = Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "chat-seed-stage.yaml");
        Catalog catalog = CatalogLoader.Load(CatalogLocator.Find(path, null)!).Catalog!;
        ScenarioSpec scenario = ScenarioLoader.Load(path, catalog).Scenario!;
        return (scenario, catalog);
    });

    private static CandidateSet Build(CandidateRequest request) => CandidateBuilder.Build(Chat.Value.Scenario, Chat.Value.Catalog, request);

    [Fact]
    public void DefaultsSearchEveryGpuTheScenariosProviderPricesWithTheFirstSelfHostedOption()
    {
        // The chat scenario's GPU prices come from AWS (L4, A10G) and Lambda (H100 PCIe): with no
        // provider named the search takes the cheapest offers anywhere, and says so.
        Assert.Contains(Build(new CandidateRequest()).Notes, n => n.Contains("the scenario's GPU prices come from aws, lambda", StringComparison.Ordinal));

        CandidateSet set = Build(new CandidateRequest { Provider = "aws" });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        Assert.Equal("llama-8b-l4", set.BaseOption!.Name);

        // A named provider's catalog offers, the same prices the scenario's AWS options pay.
        Dictionary<string, GpuOffer> offers = set.Offers.ToDictionary(o => o.Gpu.Id);
        Assert.Equal(0.8048, offers["l4"].Pricing.PricePerGpuHourUsd);
        Assert.Equal("aws-g6-xlarge-us-east-1", offers["l4"].Origin);
        Assert.Equal(6.88, offers["h100-sxm"].Pricing.PricePerGpuHourUsd);
        Assert.Equal(1.861, offers["l40s"].Pricing.PricePerGpuHourUsd);
        Assert.StartsWith("aws-g6e-xlarge-us-east-1: ", offers["l40s"].Pricing.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("h100-pcie", offers.Keys); // priced by Lambda only, and --provider aws

        Assert.Equal(set.Candidates.Count, set.Candidates.Select(c => c.Name).Distinct().Count());
        Assert.All(set.Candidates, c =>
        {
            Assert.True(ReplicaFootprint.Compute(c.Model, c.Gpu, c.GpusPerReplica, c.Engine).Fits, c.Name);
            Assert.True(c.Autoscaler!.TargetValue < c.Engine.MaxConcurrentSequences, c.Name);
            Assert.Equal(AutoscalerMetric.Concurrency, c.Autoscaler.Metric);
            Assert.Equal(240, c.Autoscaler.ColdStartSeconds); // the option's cold_start_s
            Assert.Equal(set.BaseOption.FixedMonthlyCosts, c.FixedMonthlyCosts);
            Assert.Empty(c.OneTimeCosts);
            // FP8 where the GPU has FP8 tensor cores (the option's precision), BF16 elsewhere.
            Precision expected = c.Gpu.Fp8DenseTflops is null ? Precision.Bf16 : Precision.Fp8;
            Assert.Equal(expected, c.Engine.WeightPrecision);
            Assert.Equal(expected, c.Engine.KvCachePrecision);
        });
        Assert.Contains(set.Notes, n => n.StartsWith("a10g has no FP8 tensor cores", StringComparison.Ordinal));
        // 13 batch-limit × target pairs below the limit, 2 minimums: 26 per hardware.
        Assert.Equal(26, set.Candidates.Count(c => c.Gpu.Id == "l4" && c.GpusPerReplica == 1));
        // Llama 3.1 8B in BF16 needs two T4s, and AWS's T4 instance (g4dn.xlarge) holds one: a
        // replica across two machines cannot be rented as simulated, so no T4 is searched.
        Assert.DoesNotContain(set.Candidates, c => c.Gpu.Id == "t4");
        Assert.Contains("t4×2 on g4dn.xlarge (1 GPU) skipped: a replica's 2 GPUs must share one machine's interconnect, and the instance holds 1", set.Notes);
        // And one note says why the T4 is not searched at all: the single GPU too small, the rest spanning machines.
        Assert.Contains(set.Notes, n => n.StartsWith("t4 bf16 skipped: ", StringComparison.Ordinal)
            && n.Contains(" does not fit on 1 GPU per replica, and a replica of 2, 4 or 8 GPUs would span several g4dn.xlarge (1 GPU) machines", StringComparison.Ordinal));
        // No candidate anywhere spans machines.
        Assert.All(set.Candidates, c => Assert.True(c.GpusPerReplica <= c.Pricing.GpusPerInstance, c.Name));
    }

    [Fact]
    public void GpuCountsThatCannotSplitTheAttentionHeadsAreNotSearched()
    {
        // Llama 3.1 8B has 32 heads: 3 GPUs cannot split them, as a scenario's option may not either.
        CandidateSet set = Build(new CandidateRequest
        {
            Gpus = ["l4"], GpusPerReplica = [1, 3], Precisions = ["fp8"], MaxConcurrentSequences = [64], Targets = [16], MinReplicas = [1],
        });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        Assert.All(set.Candidates, c => Assert.Equal(1, c.GpusPerReplica));
        Assert.Contains(set.Notes, n => n.StartsWith("l4×3 skipped: 3 GPUs cannot split ", StringComparison.Ordinal) && n.EndsWith("'s 32 attention heads evenly, as tensor parallelism does", StringComparison.Ordinal));

        CandidateSet only = Build(new CandidateRequest
        {
            Gpus = ["l4"], GpusPerReplica = [3], Precisions = ["fp8"], MaxConcurrentSequences = [64], Targets = [16], MinReplicas = [1],
        });
        Assert.True(only.HasErrors);
        Assert.Empty(only.Candidates);
    }

    [Fact]
    public void InstanceTypesAreSearchedNotGpuSlices()
    {
        // AWS rents the H100 only as the 8-GPU p5.48xlarge: every H100 candidate pays for whole
        // 8-GPU instances, names its instance, and also tries filling the instance.
        CandidateSet set = Build(new CandidateRequest { Gpus = ["h100-sxm"], GpusPerReplica = [1, 2], Provider = "aws" });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        GpuOffer offer = Assert.Single(set.Offers);
        Assert.Equal(8, offer.Pricing.GpusPerInstance);
        Assert.Equal("p5.48xlarge (8 GPUs)", offer.InstanceLabel);
        Assert.All(set.Candidates, c =>
        {
            Assert.Equal(8, c.Pricing.GpusPerInstance);
            Assert.Contains("-i8-", c.Name, StringComparison.Ordinal);
            Assert.EndsWith("on p5.48xlarge", Planner.Core.Optimization.DeploymentCandidate.HardwareOf(c), StringComparison.Ordinal);
        });
        // One-GPU replicas fill an instance with 8, two-GPU replicas with 4.
        Assert.Contains(set.Candidates, c => c.GpusPerReplica == 1 && c.Autoscaler!.MinReplicas == 8);
        Assert.Contains(set.Candidates, c => c.GpusPerReplica == 2 && c.Autoscaler!.MinReplicas == 4);
        Assert.DoesNotContain(set.Candidates, c => c.GpusPerReplica == 2 && c.Autoscaler!.MinReplicas == 8);

        // Across every provider, the A100 80GB comes as 1-GPU and 8-GPU instances: both are searched.
        CandidateSet any = Build(new CandidateRequest { Gpus = ["a100-80gb"], Provider = "any", GpusPerReplica = [1] });
        Assert.Equal([1, 8], any.Offers.Select(o => o.Pricing.GpusPerInstance).Order().ToArray());
    }

    [Fact]
    public void MaxReplicasBelowWhatAnInstanceHoldsIsKeptAndNoted()
    {
        // --max-replicas may be a quota: on a p5.48xlarge of eight one-GPU replicas a cap of 4 stays
        // 4 (it had become 8 without a word), the floor rounds up to it, not past it, and a note
        // says what the cap leaves stranded.
        CandidateSet set = Build(new CandidateRequest { Gpus = ["h100-sxm"], GpusPerReplica = [1, 2], Provider = "aws", MinReplicas = [1], MaxReplicas = 4 });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        Assert.All(set.Candidates, c => Assert.Equal(4, c.Autoscaler!.MaxReplicas));
        Assert.All(set.Candidates, c => Assert.Equal(4, c.Autoscaler!.MinReplicas));
        string note = Assert.Single(set.Notes, n => n.Contains("--max-replicas 4", StringComparison.Ordinal));
        Assert.StartsWith("h100-sxm×1 on p5.48xlarge (8 GPUs): one instance holds 8 replicas", note, StringComparison.Ordinal);
        Assert.Contains("other 4 GPUs billed and stranded", note, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownGpuSuggestsTheClosestIds()
    {
        CandidateSet set = Build(new CandidateRequest { Gpus = ["l4", "h100"] });
        string error = Assert.Single(set.Errors);
        Assert.Contains("--gpus: unknown GPU 'h100'", error, StringComparison.Ordinal);
        Assert.Contains("(did you mean: ", error, StringComparison.Ordinal);
        Assert.Contains("h100-sxm", error, StringComparison.Ordinal);
        Assert.Contains("h100-pcie", error, StringComparison.Ordinal);
        Assert.Empty(set.Candidates);
    }

    [Fact]
    public void AProviderWithoutAPriceForTheGpuIsAnError()
    {
        CandidateSet set = Build(new CandidateRequest { Gpus = ["h100-pcie"], Provider = "aws" });
        Assert.Contains(set.Errors, e => e.Contains("'h100-pcie' has no on-demand price from aws", StringComparison.Ordinal) && e.Contains("lambda", StringComparison.Ordinal));
        CandidateSet typo = Build(new CandidateRequest { Provider = "awz" });
        Assert.Contains(typo.Errors, e => e.Contains("no GPU prices from 'awz'", StringComparison.Ordinal) && e.Contains("did you mean: aws", StringComparison.Ordinal));
        // The provider that does not exist is the one error: the GPUs are not each refused for it too.
        CandidateSet named = Build(new CandidateRequest { Gpus = ["h100-pcie"], Provider = "nope" });
        Assert.Contains("no GPU prices from 'nope'", Assert.Single(named.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ATargetAtTheBatchLimitIsRefusedInWordsThatSaySo()
    {
        CandidateSet set = Build(new CandidateRequest { Gpus = ["h100-pcie"], Provider = "lambda", MaxConcurrentSequences = [32], Targets = [32] });
        string error = Assert.Single(set.Errors);
        // The targets are the whole cause, and the message says so rather than that the model fits no GPU count.
        Assert.Equal("--targets: no target (32) is below a batch limit (--max-seqs 32), so there is no configuration to search "
            + "(allowed: targets below 32, the largest batch limit: at the limit the autoscaler sees no excess until batches are full and requests queue)", error);
        CandidateSet huge = Build(new CandidateRequest { Gpus = ["h100-pcie"], Provider = "lambda", Targets = [1e9, 300] });
        Assert.StartsWith("--targets: no target (1000000000,300) is below a batch limit (--max-seqs 32,64,128,256)", Assert.Single(huge.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedProviderReplacesTheScenariosPrices()
    {
        CandidateSet set = Build(new CandidateRequest { Gpus = ["h100-sxm"], Provider = "lambda", GpusPerReplica = [1] });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        Assert.Equal(2.99, Assert.Single(set.Offers).Pricing.PricePerGpuHourUsd);
        Assert.All(set.Candidates, c => Assert.Equal(2.99, c.Pricing.PricePerGpuHourUsd));
    }

    [Fact]
    public void ExplicitDimensionsAreSearchedAsGivenAndMisfitsAreNoted()
    {
        CandidateSet set = Build(new CandidateRequest
        {
            Gpus = ["t4", "a10g"], GpusPerReplica = [1, 2], Precisions = ["fp8", "int4"], MaxConcurrentSequences = [64], Targets = [16, 64], MinReplicas = [0],
        });
        Assert.False(set.HasErrors, string.Join("\n", set.Errors));
        Assert.Contains(set.Notes, n => n.StartsWith("t4×1 bf16 skipped", StringComparison.Ordinal));
        // fp8 becomes bf16 on these GPUs; int4 stays. A target of 64 is not below the batch limit of 64.
        // Two GPUs per replica would span two of the 1-GPU instances both GPUs are rented as.
        Assert.Equal(["a10gx1-bf16-s64-t16-m0", "a10gx1-int4-s64-t16-m0", "t4x1-int4-s64-t16-m0"],
            set.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Contains("a10g×2 on g5.xlarge (1 GPU) skipped: a replica's 2 GPUs must share one machine's interconnect, and the instance holds 1", set.Notes);
    }

    [Fact]
    public void TheOptionMustBeSelfHostedOrHybrid()
    {
        Assert.Contains(Build(new CandidateRequest { OptionName = "api-gpt-4.1-mini" }).Errors, e => e.Contains("is an api option", StringComparison.Ordinal));
        Assert.Contains(Build(new CandidateRequest { OptionName = "llama-8b-h10" }).Errors, e => e.Contains("did you mean:", StringComparison.Ordinal) && e.Contains("llama-8b-h100", StringComparison.Ordinal));
        CandidateSet h100 = Build(new CandidateRequest { OptionName = "llama-8b-h100", Gpus = ["l4"] });
        Assert.Equal("llama-8b-h100", h100.BaseOption!.Name);
        // The H100 option serves BF16 weights: so do its candidates, on any GPU.
        Assert.All(h100.Candidates, c => Assert.Equal(Precision.Bf16, c.Engine.WeightPrecision));
    }

    [Fact]
    public void BadValuesAreAllReported()
    {
        CandidateSet set = Build(new CandidateRequest { GpusPerReplica = [0], MaxConcurrentSequences = [0], Targets = [-1], MinReplicas = [-1], MaxReplicas = 0, Precisions = ["fp6"] });
        Assert.Contains(set.Errors, e => e.StartsWith("--gpus-per-replica: 0 is out of range", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.StartsWith("--max-seqs", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.StartsWith("--targets", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.StartsWith("--min-replicas", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.StartsWith("--max-replicas", StringComparison.Ordinal));
        Assert.Contains(set.Errors, e => e.Contains("unknown precision 'fp6'", StringComparison.Ordinal));
    }
}
