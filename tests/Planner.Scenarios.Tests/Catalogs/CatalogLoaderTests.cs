using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Catalogs;

public sealed class CatalogLoaderTests
{
    private static CatalogLoadResult LoadWith(string file, string text)
    {
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { [file] = text });
        return CatalogLoader.Load(directory);
    }

    [Fact]
    public void Test_catalog_loads_every_field()
    {
        CatalogLoadResult result = CatalogLoader.Load(TestFiles.CatalogDirectory);
        Assert.Empty(result.Diagnostics);
        Catalog catalog = result.Catalog!;
        Assert.Equal(["h100-sxm", "h100-pcie", "h200", "l4"], catalog.Gpus.Keys);
        GpuCatalogEntry h100 = catalog.Gpus["h100-sxm"];
        Assert.Equal(1979, h100.Int8DenseTops);
        Assert.Equal(128, h100.PcieBandwidthGbPerSecond);
        Assert.Equal(new DateOnly(2023, 3, 21), h100.AsOf);
        Assert.Null(catalog.Gpus["l4"].Int8DenseTops);
        GpuPriceCatalogEntry g6 = catalog.GpuPrices["aws-g6-xlarge-us-east-1"];
        Assert.Equal(0.35, g6.PriceFor(GpuPricingModel.Spot));
        Assert.Null(g6.PriceFor(GpuPricingModel.Reserved));
        Assert.Equal(0.8048, g6.PriceFor(GpuPricingModel.OnDemand));
        Assert.Null(catalog.ApiModels["gpt-4o"].CachedInputPerMillionUsd);
        Assert.Equal(14336, catalog.Models["llama-3.1-8b"].IntermediateSize);
        Assert.Equal(131072, catalog.Models["llama-3.1-8b"].MaxContextTokens);
    }

    [Fact]
    public void Entries_convert_to_specs()
    {
        Catalog catalog = TestFiles.Catalog;
        GpuSpec gpu = catalog.Gpus["h100-sxm"].ToSpec();
        Assert.Equal("nvlink", gpu.Interconnect);
        Assert.Equal(900, gpu.InterconnectBandwidthGbPerSecond);
        Assert.Equal(1979, gpu.Fp8DenseTflops);
        ModelArchitectureSpec model = catalog.Models["llama-3.1-70b"].ToSpec();
        Assert.Equal(80, model.Layers);
        Assert.Equal(64, model.AttentionHeads);
    }

    [Fact]
    public void Errors_carry_file_line_and_column()
    {
        string gpus = TestCatalog.Gpus.Replace("memory_gb: 24", "memory_gb: lots").Replace("tdp_watts: 700\n    interconnect: nvlink", "tdp_watts: 700\n    interconnect: nvlnk");
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { ["gpus.yaml"] = gpus });
        CatalogLoadResult result = CatalogLoader.Load(directory);
        Assert.Null(result.Catalog);
        Diagnostic memory = DiagnosticAssert.HasError(result.Diagnostics, 41, 16, "gpus[3].memory_gb: expected a number, got 'lots'");
        Assert.Equal(Path.Combine(directory, "gpus.yaml"), memory.File);
        DiagnosticAssert.HasError(result.Diagnostics, 10, 19, "gpus[0].interconnect: unknown interconnect 'nvlnk' (did you mean: nvlink?)");
        DiagnosticAssert.HasError(result.Diagnostics, 34, 19, "gpus[2].interconnect: unknown interconnect 'nvlnk'");
        Assert.Equal(3, result.Diagnostics.Count);
    }

    [Fact]
    public void Duplicate_ids_unknown_keys_and_missing_fields()
    {
        string prices = TestCatalog.GpuPrices
            .Replace("id: aws-p5-48xlarge-us-east-1", "id: aws-g6-xlarge-us-east-1")
            .Replace("spot_per_gpu_hour_usd: 0.35", "spot_per_gpu_hour: 0.35")
            .Replace("    region: us-east-1\n    gpus_per_instance: 8", "    gpus_per_instance: 8");
        CatalogLoadResult result = LoadWith("gpu_prices.yaml", prices);
        DiagnosticAssert.HasError(result.Diagnostics, 12, 9, "gpu_prices[1].id: duplicate id 'aws-g6-xlarge-us-east-1' (first given at 2:9)");
        DiagnosticAssert.HasError(result.Diagnostics, 9, 5, "unknown key 'gpu_prices[0].spot_per_gpu_hour' (did you mean: spot_per_gpu_hour_usd?)");
        DiagnosticAssert.HasError(result.Diagnostics, 12, 5, "missing required key 'region' in gpu_prices[1]");
    }

    [Fact]
    public void A_spot_source_without_a_spot_price_is_an_error()
    {
        // aws-p5-48xlarge-us-east-1 has no spot price: a source for one describes nothing.
        CatalogLoadResult result = LoadWith("gpu_prices.yaml", TestCatalog.GpuPrices.Replace(
            "as_of: 2025-06-05", "as_of: 2025-06-05\n    spot_source: spot price history"));
        Assert.Null(result.Catalog);
        Diagnostic d = DiagnosticAssert.HasError(result.Diagnostics, 21, 5,
            "gpu_prices[1].spot_source: describes the spot price, and this entry has no 'spot_per_gpu_hour_usd'");
        Assert.Contains("allowed: spot_source and spot_as_of beside spot_per_gpu_hour_usd", d.Allowed);

        // A spot price that is there but out of range is that one error, not also "has no spot price".
        CatalogLoadResult invalid = LoadWith("gpu_prices.yaml", TestCatalog.GpuPrices.Replace(
            "spot_per_gpu_hour_usd: 0.35", "spot_per_gpu_hour_usd: -1\n    spot_source: spot price history"));
        Diagnostic only = Assert.Single(invalid.Diagnostics);
        Assert.Contains("gpu_prices[0].spot_per_gpu_hour_usd", only.Message);
    }

    [Fact]
    public void Price_for_an_unknown_gpu_is_an_error()
    {
        CatalogLoadResult result = LoadWith("gpu_prices.yaml", TestCatalog.GpuPrices.Replace("gpu: l4", "gpu: l40"));
        DiagnosticAssert.HasError(result.Diagnostics, 3, 10, "unknown gpu 'l40' (did you mean: l4?)");
    }

    [Fact]
    public void Model_consistency_is_checked()
    {
        CatalogLoadResult result = LoadWith("models.yaml", TestCatalog.Models.Replace("experts_per_token: 1\n    max_context_tokens: 131072\n    source: https://huggingface.co/meta-llama/Llama-3.1-8B",
            "experts_per_token: 2\n    max_context_tokens: 131072\n    source: https://huggingface.co/meta-llama/Llama-3.1-8B"));
        DiagnosticAssert.HasError(result.Diagnostics, 14, 24, "models[0].experts_per_token: 2 is out of range (allowed: 1 to 1)");
    }

    [Fact]
    public void Missing_file_and_missing_directory_are_diagnostics()
    {
        string directory = TestFiles.NewDirectory();
        TestCatalog.WriteTo(directory);
        File.Delete(Path.Combine(directory, "models.yaml"));
        CatalogLoadResult result = CatalogLoader.Load(directory);
        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Contains("catalog file not found", d.Message);
        Assert.Null(result.Catalog);

        result = CatalogLoader.Load(Path.Combine(directory, "nope"));
        Assert.Contains("catalog directory not found", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Wrong_top_key_is_reported()
    {
        CatalogLoadResult result = LoadWith("models.yaml", TestCatalog.Models.Replace("models:", "model:"));
        DiagnosticAssert.HasError(result.Diagnostics, 1, 1, "missing required key 'models'");
        DiagnosticAssert.HasError(result.Diagnostics, 1, 1, "unknown key 'model' (did you mean: models?)");
    }

    [Fact]
    public void Repository_catalog_loads_without_errors()
    {
        string directory = Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "catalog");
        if (!CatalogLoader.FileNames.All(f => File.Exists(Path.Combine(directory, f))))
        {
            Assert.Fail($"the repository catalog is incomplete in {directory}");
        }
        CatalogLoadResult result = CatalogLoader.Load(directory);
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Catalog catalog = result.Catalog!;
        Assert.NotEmpty(catalog.Gpus);
        Assert.NotEmpty(catalog.GpuPrices);
        Assert.NotEmpty(catalog.ApiModels);
        Assert.NotEmpty(catalog.Models);
        Assert.All(catalog.GpuPrices.Values, p => Assert.True(catalog.Gpus.ContainsKey(p.Gpu)));
    }
}
