using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Catalogs;

/// <summary>
/// <c>tied_embeddings</c> is read from the catalog and from a scenario, and the weights a
/// replica must hold count the vocabulary matrices at 16 bits.
/// </summary>
public sealed class TiedEmbeddingsTests
{
    [Fact]
    public void The_catalog_reads_tied_embeddings_and_defaults_to_untied()
    {
        string directory = TestFiles.NewDirectory();
        string models = TestCatalog.Models.Replace(
            "    max_context_tokens: 131072\n    source: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
            "    max_context_tokens: 131072\n    tied_embeddings: true\n    source: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
        Assert.NotEqual(TestCatalog.Models, models);
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { ["models.yaml"] = models });
        CatalogLoadResult result = CatalogLoader.Load(directory);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Catalog!.Models["llama-3.1-8b"].ToSpec().TiedEmbeddings);
        Assert.False(result.Catalog.Models["llama-3.1-70b"].ToSpec().TiedEmbeddings);
    }

    [Fact]
    public void The_bundled_catalog_ties_only_llama_3_2()
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "catalog"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["llama-3.2-3b"], result.Catalog!.Models.Values.Where(m => m.TiedEmbeddings).Select(m => m.Id));
    }

    [Fact]
    public void A_scenario_can_tie_an_inline_or_catalog_model()
    {
        ModelArchitectureSpec Model(string modelLine)
        {
            ScenarioLoadResult result = TestFiles.Load(ReplaceLine(Minimal, "model:", modelLine));
            DiagnosticAssert.Clean(result);
            return Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]).Model;
        }

        Assert.False(Model("model: llama-3.1-8b").TiedEmbeddings);
        Assert.True(Model("model: {catalog: llama-3.1-8b, tied_embeddings: true}").TiedEmbeddings);
        Assert.True(Model("model: {id: tiny, params_billion: 1.24, layers: 16, hidden_size: 2048, attention_heads: 32, kv_heads: 8, head_dim: 64, vocab_size: 128256, tied_embeddings: true}").TiedEmbeddings);
    }

    [Fact]
    public void Fp8_weights_that_do_not_fit_are_counted_with_their_sixteen_bit_vocabulary()
    {
        // Llama 3.1 70B in fp8 on one 80 GB H100: 68.45e9 layer parameters at one byte and
        // 2 × 128,256 × 8,192 = 2.10e9 at two, 72.7 GB, against 80 × 0.9 − 2 = 70 GB.
        string yaml = ReplaceLine(ReplaceLine(Minimal, "model:", "model: llama-3.1-70b"), "gpu:", "gpu: h100-sxm");
        yaml = ReplaceLine(yaml, "pricing:", "pricing: {per_gpu_hour_usd: 2.10, gpus_per_instance: 1, source: quote, as_of: 2026-11-01}");
        yaml = yaml.Replace("gpu: h100-sxm", "gpu: h100-sxm\n    engine: {weight_precision: fp8, kv_cache_precision: fp8}");
        ScenarioLoadResult result = TestFiles.Load(yaml);
        Diagnostic misfit = Assert.Single(result.Diagnostics, d => d.Message.Contains("model 'llama-3.1-70b' needs 72.7 GB for fp8 weights but 1 x h100-sxm leave 70 GB", StringComparison.Ordinal));
        // The hint names every way out, the engine's share of the memory among them (0.95 of 80 GB
        // less 2 GB would hold these weights and 1.3 GB of KV cache).
        Assert.Equal(Messages.ModelDoesNotFitHint, misfit.Allowed);
        Assert.Contains("engine.gpu_memory_utilization", misfit.Allowed, StringComparison.Ordinal);
    }
}
