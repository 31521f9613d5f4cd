using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Catalogs;

/// <summary>
/// The catalog's optional <c>validation/</c> folder: what published measurements say of the
/// step-time model on each GPU, read onto that GPU's spec and checked like every catalog file.
/// </summary>
public sealed class ValidationSummaryCatalogTests
{
    private const string Entry = """
        performance_validation:
          - gpu: h200
            rows: 30
            precisions: fp8
            median_abs_error_source_held_out: 0.0499
            bias_source_held_out: -0.015
            median_abs_error_gpu_held_out: 0.1001
            source: calibration/VALIDATION.md
        """;

    private static CatalogLoadResult LoadWith(string validationYaml)
    {
        string directory = TestFiles.NewDirectory();
        Directory.CreateDirectory(Path.Combine(directory, CatalogLoader.ValidationFolder));
        TestCatalog.WriteTo(directory, new Dictionary<string, string> { [Path.Combine(CatalogLoader.ValidationFolder, "published.yaml")] = validationYaml });
        return CatalogLoader.Load(directory);
    }

    [Fact]
    public void A_gpus_summary_reaches_its_spec_and_the_others_have_none()
    {
        CatalogLoadResult result = LoadWith(Entry);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([new PerformanceValidationSpec(30, "fp8", 0.0499, -0.015, 0.1001, "calibration/VALIDATION.md")], result.Catalog!.Gpus["h200"].ToSpec().Validations);
        Assert.Empty(result.Catalog.Gpus["h100-sxm"].ToSpec().Validations);
    }

    [Fact]
    public void A_gpu_may_have_one_summary_per_kind_of_replica_but_not_two_of_a_kind_or_one_for_both_beside_them()
    {
        string single = Entry.Replace("  - gpu: h200\n", "  - gpu: h200\n    replicas: single_gpu\n", StringComparison.Ordinal);
        string several = string.Join("\n", Entry.Replace("  - gpu: h200\n", "  - gpu: h200\n    replicas: multi_gpu\n", StringComparison.Ordinal).Replace("rows: 30", "rows: 12", StringComparison.Ordinal).Split('\n').Skip(1));

        CatalogLoadResult both = LoadWith(single + "\n" + several.Replace("    source:", "    bias_gpu_held_out: 0.031\n    source:", StringComparison.Ordinal));
        Assert.Empty(both.Diagnostics);
        Assert.Equal([(false, 30, (double?)null), (true, 12, 0.031)], both.Catalog!.Gpus["h200"].Validations.Select(v => (v.MultiGpu!.Value, v.Rows, v.BiasGpuHeldOut)));

        CatalogLoadResult twice = LoadWith(single + "\n" + string.Join("\n", single.Split('\n').Skip(1)));
        Assert.Null(twice.Catalog);
        Assert.Contains(twice.Diagnostics, d => d.IsError && d.Message.Contains("GPU 'h200' already has an entry for these replicas", StringComparison.Ordinal));

        CatalogLoadResult mixed = LoadWith(single + "\n" + string.Join("\n", Entry.Split('\n').Skip(1)));
        Assert.Null(mixed.Catalog);
        Assert.Contains(mixed.Diagnostics, d => d.IsError && d.Message.Contains("already has an entry for some replicas", StringComparison.Ordinal));

        CatalogLoadResult wrong = LoadWith(single.Replace("single_gpu", "one_gpu", StringComparison.Ordinal));
        Assert.Null(wrong.Catalog);
        Assert.Contains(wrong.Diagnostics, d => d.IsError && d.Line == 3 && d.Message.Contains("one_gpu", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_gpu_or_a_second_entry_for_one_is_an_error_where_it_is()
    {
        CatalogLoadResult unknown = LoadWith(Entry.Replace("gpu: h200", "gpu: h300", StringComparison.Ordinal));
        CatalogLoadResult twice = LoadWith(Entry + "\n" + string.Join("\n", Entry.Split('\n').Skip(1)));

        Assert.Null(unknown.Catalog);
        Assert.Contains(unknown.Diagnostics, d => d.IsError && d.File.EndsWith("published.yaml", StringComparison.Ordinal) && d.Line == 2 && d.Message.Contains("h300", StringComparison.Ordinal));
        Assert.Null(twice.Catalog);
        Assert.Contains(twice.Diagnostics, d => d.IsError && d.Line == 9 && d.Message.Contains("GPU 'h200' already has an entry", StringComparison.Ordinal) && d.Allowed == "first given at 2:10");
    }

    [Fact]
    public void A_missing_figure_is_named()
    {
        CatalogLoadResult result = LoadWith(Entry.Replace("    median_abs_error_gpu_held_out: 0.1001\n", "", StringComparison.Ordinal));

        Assert.Null(result.Catalog);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("median_abs_error_gpu_held_out", StringComparison.Ordinal));
    }

    [Fact]
    public void The_repository_catalog_carries_a_summary_for_every_gpu_with_published_rows_and_none_for_the_others()
    {
        CatalogLoadResult result = CatalogLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "catalog"));

        Assert.Empty(result.Diagnostics);
        string[] validated = [.. result.Catalog!.Gpus.Values.Where(g => g.Validations.Count > 0).Select(g => g.Id).Order(StringComparer.Ordinal)];
        Assert.Equal(["a100-80gb", "a100-pcie-80gb", "a10g", "b200", "h100-pcie", "h100-sxm", "h200", "l4", "l40s"], validated);
        Assert.Empty(result.Catalog.Gpus["t4"].Validations);
        Assert.Empty(result.Catalog.Gpus["a100-40gb"].Validations);
        // Every validated GPU but the A10G and the L4 has published rows of single-GPU replicas and
        // of tensor-parallel ones; the A10G's and the L4's are of one GPU only.
        string[] singleOnly = ["a10g", "l4"];
        Assert.All(validated.Except(singleOnly), id => Assert.Equal([false, true], result.Catalog.Gpus[id].Validations.Select(v => v.MultiGpu!.Value)));
        Assert.All(singleOnly, id => Assert.Equal([false], result.Catalog.Gpus[id].Validations.Select(v => v.MultiGpu!.Value)));
    }
}
