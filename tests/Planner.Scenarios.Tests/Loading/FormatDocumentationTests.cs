using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>The annotated example in scenarios/README.md is a real scenario, so the documentation cannot drift from the loader.</summary>
public sealed class FormatDocumentationTests
{
    private static string FirstYamlBlock(string markdown)
    {
        const string Fence = "```yaml\n";
        int start = markdown.IndexOf(Fence, StringComparison.Ordinal) + Fence.Length;
        int end = markdown.IndexOf("\n```", start, StringComparison.Ordinal);
        return markdown[start..end];
    }

    [Fact]
    public void Readme_example_loads_against_the_repository_catalog()
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        string yaml = FirstYamlBlock(File.ReadAllText(Path.Combine(scenarios, "README.md")).Replace("\r\n", "\n"));
        CatalogLoadResult catalog = CatalogLoader.Load(Path.Combine(scenarios, "catalog"));
        Assert.False(catalog.HasErrors, string.Join("\n", catalog.Diagnostics));

        ScenarioLoadResult result = ScenarioLoader.Load(yaml, "README.md", scenarios, catalog.Catalog!);

        DiagnosticAssert.Clean(result);
        ScenarioSpec s = result.Scenario!;
        Assert.Equal(4, s.Options.Count);
        Assert.IsType<EmpiricalTokens>(s.Workload.Classes[1].OutputTokens);
        Assert.All(result.Diagnostics, d => Assert.Contains("may be stale", d.ToString()));
    }

    [Fact]
    public void Readme_example_shows_the_serving_keys_and_a_hybrid_option()
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        string yaml = FirstYamlBlock(File.ReadAllText(Path.Combine(scenarios, "README.md")).Replace("\r\n", "\n"));
        CatalogLoadResult catalog = CatalogLoader.Load(Path.Combine(scenarios, "catalog"));

        ScenarioLoadResult result = ScenarioLoader.Load(yaml, "README.md", scenarios, catalog.Catalog!);

        DiagnosticAssert.Clean(result);
        var l4 = Assert.IsType<SelfHostedOptionSpec>(result.Scenario!.Options[1]);
        Assert.Equal(RouterPolicy.LeastOutstanding, l4.Router);
        Assert.Equal(120, l4.Autoscaler!.ProvisioningSeconds);
        Assert.Equal(128.03, l4.Autoscaler.ColdStartSeconds, 9); // the figure the comment states
        Assert.Equal(24, l4.Autoscaler.ScheduledMinReplicas!.Count);
        Assert.True(l4.Engine.ChunkedPrefill);
        Assert.Equal(2048, l4.Engine.MaxBatchedTokens);
        Assert.Equal(0.40, l4.Spot!.PricePerGpuHourUsd);

        var hybrid = Assert.IsType<HybridOptionSpec>(result.Scenario.Options[3]);
        Assert.Equal("hybrid-h200-plus-api/self_hosted", hybrid.Primary.Name);
        Assert.Equal(RouterPolicy.KvAware, hybrid.Primary.Router);
        Assert.Equal(AutoscalerMetric.QueueWait, hybrid.Primary.Autoscaler!.Metric);
        Assert.Equal(3.39985, hybrid.Primary.Spot!.PricePerGpuHourUsd);
        Assert.Equal("gpt-4.1-mini", hybrid.Overflow.Model);
        Assert.Equal(2.0, hybrid.OverflowQueueWaitSeconds);
        Assert.Equal(0.3, hybrid.ComplianceShare);
        Assert.Single(hybrid.FixedMonthlyCosts);
        Assert.Contains(result.Scenario.Sources, x => x.Path == "options[3].self_hosted.spot.price");
    }

    [Fact]
    public void Readme_example_shows_finance_price_events_and_uncertain_inputs()
    {
        string scenarios = Path.Combine(TestFiles.RepositoryRoot(), "scenarios");
        string yaml = FirstYamlBlock(File.ReadAllText(Path.Combine(scenarios, "README.md")).Replace("\r\n", "\n"));
        CatalogLoadResult catalog = CatalogLoader.Load(Path.Combine(scenarios, "catalog"));

        ScenarioLoadResult result = ScenarioLoader.Load(yaml, "README.md", scenarios, catalog.Catalog!);

        DiagnosticAssert.Clean(result);
        ScenarioSpec s = result.Scenario!;
        Assert.Equal(0.12, s.Finance.DiscountRatePerYear);
        Assert.Equal([PriceEventTarget.ApiPrices, PriceEventTarget.GpuPrices, PriceEventTarget.ReservedCommitment], s.PriceEvents.Select(e => e.Target));
        Assert.Equal(24, s.PriceEvents[2].Reservation!.TermMonths);
        Assert.Equal(
            [DistributionKind.Triangular, DistributionKind.Uniform, DistributionKind.Pert, DistributionKind.Normal,
             DistributionKind.Lognormal, DistributionKind.Discrete, DistributionKind.Uniform],
            s.Uncertainty.Inputs.Select(i => i.Distribution.Kind));
        Assert.Equal(
            [InputEffect.Load, InputEffect.Cost, InputEffect.Cost, InputEffect.Physics, InputEffect.Cost, InputEffect.Physics, InputEffect.Cost],
            s.Uncertainty.Inputs.Select(i => i.Effect));
        Assert.Equal("monthly growth", s.Uncertainty.Inputs[0].Label);

        ScenarioSpec variant = result.Variants!.Create([0.1, 0.7, 0.6, 300, 2.5, 40, -0.4]);
        Assert.Equal(40, Assert.IsType<SelfHostedOptionSpec>(variant.Options[1]).Autoscaler!.MaxReplicas);
        Assert.Equal(-0.4, variant.PriceEvents[0].Change);
    }

    [Fact]
    public void Documented_preset_weights_match_the_code()
    {
        string readme = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "README.md"));
        foreach (string name in DailyShapes.Names)
        {
            string row = readme.Split('\n').Single(l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal));
            double[] documented = row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Skip(1)
                .Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            Assert.Equal(DailyShapes.ByName(name), documented);
        }
    }
}
