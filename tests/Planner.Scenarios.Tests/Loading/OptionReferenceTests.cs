using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;
using Planner.Scenarios.Tests.Support;

namespace Planner.Scenarios.Tests.Loading;

/// <summary>
/// A reference to an option (the baseline, a price event's options) is reported only when the file
/// names no such option: an option that fails to load for another reason, or a list of options too
/// long to read, still names its options, and its own error says what is wrong.
/// </summary>
public sealed class OptionReferenceTests
{
    private const string Baseline = "api-gpt-4o-mini";

    private static string ScenariosDirectory => Path.Combine(TestFiles.RepositoryRoot(), "scenarios");

    private static readonly Lazy<Catalog> ShippedCatalog = new(() =>
    {
        CatalogLoadResult result = CatalogLoader.Load(CatalogLocator.Find(Path.Combine(ScenariosDirectory, "voice-agent.yaml"), null)!);
        return result.Catalog ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    });

    /// <summary>scenarios/voice-agent.yaml with its API option as the baseline and a price event naming that option.</summary>
    private static string VoiceAgent()
    {
        string yaml = File.ReadAllText(Path.Combine(ScenariosDirectory, "voice-agent.yaml")).ReplaceLineEndings("\n");
        Assert.Contains($"  - name: {Baseline}\n", yaml, StringComparison.Ordinal);
        yaml = yaml.Replace("\nseed: 11\n", $"\nseed: 11\nbaseline: {Baseline}\n", StringComparison.Ordinal);
        return yaml.TrimEnd('\n') + $"\nprice_events:\n  - {{name: API price cut, month: 13, target: api_prices, change: -0.3, options: [{Baseline}]}}\n";
    }

    private static ScenarioLoadResult Load(string yaml) => ScenarioLoader.Load(yaml, "voice-agent.yaml", ScenariosDirectory, ShippedCatalog.Value);

    private static IReadOnlyList<Diagnostic> Errors(ScenarioLoadResult result) => result.Diagnostics.Where(d => d.IsError).ToList();

    [Fact]
    public void The_edited_scenario_loads_with_its_baseline_and_price_event()
    {
        ScenarioLoadResult result = Load(VoiceAgent());
        DiagnosticAssert.Clean(result);
        Assert.Equal(Baseline, result.Scenario!.BaselineOptionName);
    }

    [Fact]
    public void Too_many_options_is_the_only_error_when_the_baseline_and_price_event_name_one_of_them()
    {
        string extra = string.Concat(Enumerable.Range(1, 47).Select(i =>
            $"  - {{name: extra-{i}, kind: api, catalog: openai-gpt-4o-mini, latency: {{ttft_median_ms: 380, ttft_p95_ms: 900, output_tokens_per_s: 85}}}}\n"));
        string yaml = VoiceAgent().Replace("\noptions:\n", "\noptions:\n" + extra, StringComparison.Ordinal);

        ScenarioLoadResult result = Load(yaml);

        Diagnostic tooMany = Assert.Single(Errors(result));
        Assert.Equal("options: 52 options", tooMany.Message);
        Assert.Equal("allowed: at most 50 options", tooMany.Allowed);
    }

    [Fact]
    public void An_option_with_an_invalid_name_leaves_references_to_the_others_alone()
    {
        string yaml = VoiceAgent().Replace("  - name: llama-8b-h100\n", "  - name: llama 8b h100!\n", StringComparison.Ordinal);

        Diagnostic invalid = Assert.Single(Errors(Load(yaml)));
        Assert.Equal("options[4].name: 'llama 8b h100!' is not a valid option name", invalid.Message);
    }

    [Fact]
    public void An_invalid_option_name_is_reported_once_and_not_again_where_the_baseline_and_a_price_event_name_it()
    {
        string yaml = VoiceAgent()
            .Replace($"  - name: {Baseline}\n", "  - name: api gpt-4o-mini\n", StringComparison.Ordinal)
            .Replace($"baseline: {Baseline}\n", "baseline: api gpt-4o-mini\n", StringComparison.Ordinal)
            .Replace($"options: [{Baseline}]", "options: [api gpt-4o-mini]", StringComparison.Ordinal);

        Diagnostic invalid = Assert.Single(Errors(Load(yaml)));
        Assert.Equal("options[0].name: 'api gpt-4o-mini' is not a valid option name", invalid.Message);
    }

    [Fact]
    public void An_option_that_fails_for_another_reason_still_counts_by_name()
    {
        string yaml = VoiceAgent().Replace("catalog: openai-gpt-4o-mini", "catalog: openai-gpt-4o-mini-typo", StringComparison.Ordinal);

        Diagnostic unknown = Assert.Single(Errors(Load(yaml)));
        Assert.Contains("unknown api model 'openai-gpt-4o-mini-typo'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_no_option_writes_is_still_reported_with_the_names_there_are()
    {
        string yaml = VoiceAgent()
            .Replace($"baseline: {Baseline}\n", "baseline: api-gpt-4o\n", StringComparison.Ordinal)
            .Replace($"options: [{Baseline}]", "options: [api-gpt-4o]", StringComparison.Ordinal);

        IReadOnlyList<Diagnostic> errors = Errors(Load(yaml));

        Assert.Equal(2, errors.Count);
        Assert.Equal("baseline: 'api-gpt-4o' is not the name of an option", errors[0].Message);
        Assert.Equal("price_events[0].options[0]: 'api-gpt-4o' is not the name of an option", errors[1].Message);
        Assert.All(errors, e => Assert.Equal("did you mean: api-gpt-4o-mini?", e.Allowed));
    }
}
