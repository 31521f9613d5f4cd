using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;
using static Planner.Scenarios.Tests.Support.SampleScenarios;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>The <c>price_events</c> list: its three targets, the options each applies to, and the errors.</summary>
public sealed class PriceEventLoadingTests
{
    private static string WithEvents(params string[] events) =>
        Minimal + "\nprice_events:\n" + string.Concat(events.Select(e => $"  - {e}\n"));

    private static (int Line, int Column) LastPosition(string yaml, string text)
    {
        string[] lines = yaml.Split('\n');
        int index = Array.FindLastIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return (index + 1, lines[index].LastIndexOf(text, StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void The_three_targets_are_read()
    {
        string yaml = WithEvents(
            "{name: API price cut, month: 12, target: api_prices, change: -0.5, options: [api]}",
            "{name: GPU prices fall, month: 1, target: gpu_prices, change_per_year: -0.15}",
            "{name: reservation, month: 9, target: reserved_commitment, options: [self], gpus: 8, price_per_gpu_hour_usd: 2.2, term_months: 24}",
            "{name: open-ended reservation, month: 3, target: reserved_commitment, options: [self], gpus: 2, price_per_gpu_hour_usd: 0.5}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        DiagnosticAssert.Clean(result);
        IReadOnlyList<PriceEventSpec> events = result.Scenario!.PriceEvents;
        Assert.Equal(4, events.Count);
        Assert.Equal(new PriceEventSpec { Name = "API price cut", Target = PriceEventTarget.ApiPrices, Month = 12, Change = -0.5 }, events[0] with { Options = [] });
        Assert.Equal(["api"], events[0].Options);
        Assert.Equal(PriceEventTarget.GpuPrices, events[1].Target);
        Assert.Empty(events[1].Options);
        Assert.Equal(-0.15, events[1].ChangePerYear);
        Assert.Null(events[1].Change);
        Assert.Equal(PriceEventTarget.ReservedCommitment, events[2].Target);
        Assert.Equal(["self"], events[2].Options);
        Assert.Equal(new ReservedCommitmentSpec { Gpus = 8, PricePerGpuHourUsd = 2.2, TermMonths = 24 }, events[2].Reservation);
        Assert.Null(events[2].Change);
        Assert.Null(events[3].Reservation!.TermMonths);
    }

    [Fact]
    public void The_document_extraction_scenario_has_its_price_events()
    {
        string path = Path.Combine(TestFiles.RepositoryRoot(), "scenarios", "document-extraction.yaml");
        CatalogLoadResult catalog = CatalogLoader.Load(CatalogLocator.Find(path, null)!);

        ScenarioLoadResult result = ScenarioLoader.Load(path, catalog.Catalog!);

        DiagnosticAssert.Clean(result);
        IReadOnlyList<PriceEventSpec> events = result.Scenario!.PriceEvents;
        Assert.Equal([PriceEventTarget.ApiPrices, PriceEventTarget.GpuPrices, PriceEventTarget.ReservedCommitment], events.Select(e => e.Target));
        Assert.Equal(13, events[0].Month);
        Assert.Equal(-0.3, events[0].Change);
        Assert.Empty(events[0].Options);
        Assert.Equal(-0.15, events[1].ChangePerYear);
        Assert.Equal(["llama-70b-2xh100-fp8-lambda"], events[2].Options);
        Assert.Equal(new ReservedCommitmentSpec { Gpus = 8, PricePerGpuHourUsd = 2.40, TermMonths = 12 }, events[2].Reservation);
    }

    [Theory]
    [InlineData("{name: cut, month: 2, target: api_prices, change: -0.5, options: [apii]}", "apii]",
        "price_events[0].options[0]: 'apii' is not the name of an option (did you mean: api?)")]
    [InlineData("{name: cut, month: 2, target: api_prices, change: -0.5, options: [self]}", "self]",
        "price_events[0].options[0]: option 'self' is of kind self_hosted, but api_prices applies to options of kind api or hybrid (allowed: options of kind api or hybrid: api)")]
    [InlineData("{name: fall, month: 2, target: gpu_prices, change: -0.1, options: [api]}", "api]",
        "option 'api' is of kind api, but gpu_prices applies to options of kind self_hosted or hybrid (allowed: options of kind self_hosted or hybrid: self)")]
    [InlineData("{name: fall, month: 2, target: gpu_prices, change: -0.1, options: [self, self]}", "self]",
        "price_events[0].options[1]: duplicate option 'self'")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, options: [api], gpus: 1, price_per_gpu_hour_usd: 1}", "api]",
        "option 'api' is of kind api, but reserved_commitment applies to options of kind self_hosted or hybrid")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, options: [self, self], gpus: 1, price_per_gpu_hour_usd: 1}", "[self, self]",
        "price_events[0].options: a reserved_commitment names exactly one option, got 2 (allowed: options of kind self_hosted or hybrid: self)")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, gpus: 1, price_per_gpu_hour_usd: 1}", "{name: r",
        "missing required key 'options' in price_events[0]")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, options: [self], gpus: 0, price_per_gpu_hour_usd: 1}", "0, price",
        "price_events[0].gpus: 0 is out of range (allowed: 1 to 100000)")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, options: [self], gpus: 2}", "{name: r",
        "missing required key 'price_per_gpu_hour_usd' in price_events[0]")]
    [InlineData("{name: r, month: 2, target: reserved_commitment, options: [self], gpus: 2, price_per_gpu_hour_usd: 1, change: -0.1}", "change",
        "unknown key 'price_events[0].change'")]
    [InlineData("{name: cut, month: 2, target: api_prices, change: -0.5, change_per_year: -0.1}", "change_per_year",
        "price_events[0]: give either 'change' or 'change_per_year', not both")]
    [InlineData("{name: cut, month: 2, target: api_prices}", "{name: cut",
        "price_events[0]: one of 'change' or 'change_per_year' is required")]
    [InlineData("{name: cut, month: 2, target: api_prices, change: -1}", "-1}",
        "price_events[0].change: -1 is out of range (allowed: -1 < value <= 100)")]
    [InlineData("{name: cut, month: 13, target: api_prices, change: -0.5}", "13,",
        "price_events[0].month: 13 is out of range (allowed: 1 to 12)")]
    [InlineData("{name: cut, month: 2, target: api_price, change: -0.5}", "api_price,",
        "price_events[0].target: unknown price event target 'api_price' (did you mean: api_prices?)")]
    [InlineData("{name: cut, month: 2, target: api_prices, change: -0.5, pecent: 3}", "pecent",
        "unknown key 'price_events[0].pecent'")]
    public void Mistakes_are_errors_at_their_place(string item, string at, string message)
    {
        string yaml = WithEvents(item);

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = LastPosition(yaml, at);
        DiagnosticAssert.HasError(result, line, column, message);
    }

    [Fact]
    public void An_unknown_target_reports_only_the_target()
    {
        ScenarioLoadResult result = TestFiles.Load(WithEvents("{name: cut, month: 2, target: apis, change: -0.5, options: [api]}"));

        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Event_names_are_unique()
    {
        string yaml = WithEvents(
            "{name: cut, month: 2, target: api_prices, change: -0.5}",
            "{name: cut, month: 3, target: api_prices, change: -0.1}");

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = LastPosition(yaml, "cut");
        DiagnosticAssert.HasError(result, line, column, "price_events[1].name: duplicate price event name 'cut'");
    }

    [Fact]
    public void An_event_needs_an_option_it_can_apply_to()
    {
        string yaml = Minimal.Replace("  - name: api\n    kind: api\n    catalog: gpt-4o\n    latency: {ttft_median_ms: 400, ttft_p95_ms: 1200, output_tokens_per_s: 80}\n",
                "  - name: self2\n    kind: self_hosted\n    model: llama-3.1-8b\n    gpu: l4\n    pricing: {catalog: aws-g6-xlarge-us-east-1}\n    replicas: 2\n")
            + "\nprice_events:\n  - {name: cut, month: 2, target: api_prices, change: -0.5}\n";

        ScenarioLoadResult result = TestFiles.Load(yaml);

        (int line, int column) = LastPosition(yaml, "api_prices");
        DiagnosticAssert.HasError(result, line, column, "price_events[0]: api_prices applies to options of kind api or hybrid, and the scenario has none");
    }
}
