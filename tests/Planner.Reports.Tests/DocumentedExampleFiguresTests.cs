using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Planner.Reports.Tests;

/// <summary>
/// The figures the documentation quotes from the bundled examples are the examples' own. Each
/// entry names a passage of README.md or reports/README.md, with the figures it quotes replaced by
/// the JSON fields of reports/examples/ they come from; the passage, filled in from those files,
/// must appear in the document. When the examples are regenerated and a figure moves, this fails
/// and names the passage, as 17 field examples of reports/README.md and the optimizer's chat path
/// in README.md went stale unnoticed after the step-time change of 2026-12-06.
/// </summary>
public sealed partial class DocumentedExampleFiguresTests
{
    private const string Chat = "reports/examples/chat-seed-stage/summary.json";
    private const string Extraction = "reports/examples/document-extraction/summary.json";
    private const string Decision = "reports/examples/chat-seed-stage-decision/summary.json";
    private const string Search = "reports/examples/chat-seed-stage-decision/optimization.json";

    /// <summary>
    /// Document, source file, passage. In the passage, {path:format} is a field of the source file:
    /// dots and [index] as in JSON, [name=…] for the element of an array whose <c>name</c> (or
    /// <c>option</c>) is that; format N0/N2 (thousands, whole or cents), P1 (a share as a percentage
    /// to 0.1), F4 (four decimals), G (shortest), each with a minus sign as the documents write it (−).
    /// </summary>
    public static TheoryData<string, string, string> Passages() => new()
    {
        { "reports/README.md", Chat, "chat-seed-stage's llama-8b-l4 in 2029-12: {options[name=llama-8b-l4].monthly[35].requests_unfinished:N0} of {options[name=llama-8b-l4].monthly[35].requests:N0}" },
        { "reports/README.md", Chat, "(chat-seed-stage's llama-8b-l4 in 2029-05: {options[name=llama-8b-l4].monthly[28].cold_starts:N0} cold starts × 240 s × $0.8048/h" },
        { "reports/README.md", Chat, "billed ${options[name=llama-8b-l4].monthly[28].cost_breakdown.gpu_cold_start_usd:N2} with ${options[name=llama-8b-l4].monthly[28].cost_breakdown.gpu_idle_usd:N2} of idle left" },
        { "reports/README.md", Chat, "(chat-seed-stage: {recommendation.alternative.difference_noise_usd:N2} against {recommendation.alternative.savings_usd:N2})" },
        { "reports/README.md", Chat, "(chat-seed-stage: {recommendation.alternative.cheaper_from_requests_per_day:N0}, between months 24 and 25)" },
        { "reports/README.md", Chat, "chat-seed-stage: {recommendation.alternative.clearly_cheaper_from_month:N0}, the same as `cheaper_from_month`" },
        { "reports/README.md", Extraction, "(document-extraction: {recommendation.alternative.clearly_cheaper_from_month:N0}; chat-seed-stage" },
        { "reports/README.md", Chat, "(chat-seed-stage's llama-8b-l4 in 2027-01: {options[name=llama-8b-l4].monthly[0].idle_or_cold_share_of_gpu_cost:F4}, ${options[name=llama-8b-l4].monthly[0].cost_breakdown.gpu_idle_usd:N2} idle" },
        { "reports/README.md", Chat, "crosses at {break_even[name=llama-8b-l4].crossover_requests_per_day:N0} requests a day but stands at {break_even[name=llama-8b-l4].savings_at_horizon_usd:N2} at the horizon" },
        { "reports/README.md", Extraction, "llama-70b-h200-fp8-spot-burst: crosses at {break_even[name=llama-70b-h200-fp8-spot-burst].crossover_requests_per_day:N0} requests a day, by more than the noise from month {break_even[name=llama-70b-h200-fp8-spot-burst].clearly_cheaper_from_month:N0}" },
        { "reports/README.md", Chat, "(chat-seed-stage: {simulation.simulated_requests:N0} and {simulation.simulated_events:N0})" },
        { "reports/README.md", Extraction, "llama-70b-h200-fp8-spot-burst in 2028-02: {options[name=llama-70b-h200-fp8-spot-burst].monthly[13].spot_interruptions:N0} interruptions and {options[name=llama-70b-h200-fp8-spot-burst].monthly[13].requeued_requests:N0} requests requeued" },
        { "reports/README.md", Extraction, "its spot H200 fleet's σ is {options[name=llama-70b-h200-fp8-spot-burst].noise.monthly_cost_sd:P2} with them" },
        { "reports/README.md", Decision, "(llama-8b-l4: p10 {uncertainty.options[name=llama-8b-l4].total_cost_usd.p10:N2}, p50 {uncertainty.options[name=llama-8b-l4].total_cost_usd.p50:N2}, p90 {uncertainty.options[name=llama-8b-l4].total_cost_usd.p90:N2})" },
        { "reports/README.md", Decision, "(llama-8b-l4: {uncertainty.options[name=llama-8b-l4].probability_never_pays_off:G})" },
        { "reports/README.md", Decision, "the requests simulated to build the surfaces ({uncertainty.surrogate.simulated_requests:N0})" },
        { "reports/README.md", Decision, "({uncertainty.surrogate.day_volume_count:N0}, from {uncertainty.surrogate.day_volumes_requests_per_day[0]:N0} to {uncertainty.surrogate.day_volumes_requests_per_day[27]:N0} requests a day)" },
        { "reports/README.md", Decision, "({sensitivity.base_savings_usd:N2}; `break_even[]` has {break_even[name=llama-8b-l4].savings_at_horizon_usd:N2}," },
        { "reports/README.md", Decision, "moves the savings from {sensitivity.bars[0].savings_at_low_usd:N2} to {sensitivity.bars[0].savings_at_high_usd:N2}, a swing of {sensitivity.bars[0].swing_usd:N2}" },
        { "README.md", Search, "${path_summary.total_usd:N0} over 36\nmonths" },
        { "README.md", Search, "`llama-8b-l4` as configured (${path_summary.reference_total_usd:N0}, which meets the SLO every month)" },
        { "README.md", Search, "own seed-to-seed noise ({statistics.noise_share:P1} of a month's cost there" },
        { "README.md", Search, "whose p99 end-to-end moves by {statistics.e2e_p99_spread:P1} between seeds" },
        { "README.md", Chat, "today's example states\n  ±${options[name=llama-8b-h100].noise.total_cost_sd_usd:N0})" },
    };

    [Theory]
    [MemberData(nameof(Passages))]
    public void The_document_quotes_the_example(string document, string source, string passage)
    {
        string root = Root();
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, source)));
        string expected = Field().Replace(passage, m => Format(Select(json.RootElement, m.Groups["path"].Value, source), m.Groups["format"].Value));
        string text = File.ReadAllText(Path.Combine(root, document)).ReplaceLineEndings("\n");
        Assert.True(text.Contains(expected, StringComparison.Ordinal),
            $"{document} should quote {source} as \"{expected}\"; regenerate the passage from the example (the figures may have moved when reports/examples was regenerated)");
    }

    [Fact]
    public void A_field_that_is_not_in_the_example_is_named()
    {
        using JsonDocument json = JsonDocument.Parse("""{"options": [{"name": "a", "x": 1}]}""");
        Assert.Equal(1, Select(json.RootElement, "options[name=a].x", "t.json").GetInt32());
        var missing = Assert.Throws<KeyNotFoundException>(() => Select(json.RootElement, "options[name=b].x", "t.json"));
        Assert.Contains("options[name=b]", missing.Message, StringComparison.Ordinal);
        Assert.Equal("−1,234.50", Format(JsonDocument.Parse("-1234.5").RootElement, "N2"));
        Assert.Equal("4.2%", Format(JsonDocument.Parse("0.0417").RootElement, "P1"));
        Assert.Equal("0.78%", Format(JsonDocument.Parse("0.0078").RootElement, "P2"));
    }

    private static string Format(JsonElement value, string format)
    {
        double x = value.GetDouble();
        string text = format switch
        {
            "N0" => x.ToString("#,##0", CultureInfo.InvariantCulture),
            "N2" => x.ToString("#,##0.00", CultureInfo.InvariantCulture),
            "F4" => x.ToString("0.0000", CultureInfo.InvariantCulture),
            "P1" => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            "P2" => (x * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
            "G" => x.ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "one of N0, N2, F4, P1, P2, G"),
        };
        return text.Replace('-', '−');
    }

    private static JsonElement Select(JsonElement root, string path, string source)
    {
        JsonElement at = root;
        string walked = "";
        foreach (Match step in Step().Matches(path))
        {
            walked += step.Value;
            string name = step.Groups["name"].Value;
            if (name.Length > 0)
            {
                if (!at.TryGetProperty(name.TrimStart('.'), out at))
                {
                    throw new KeyNotFoundException($"{source} has no {walked}");
                }
                continue;
            }
            string key = step.Groups["key"].Value;
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                at = index < at.GetArrayLength() ? at[index] : throw new KeyNotFoundException($"{source} has no {walked}");
                continue;
            }
            string wanted = key["name=".Length..];
            JsonElement? found = null;
            foreach (JsonElement e in at.EnumerateArray())
            {
                if ((e.TryGetProperty("name", out JsonElement n) || e.TryGetProperty("option", out n)) && n.GetString() == wanted)
                {
                    found = e;
                    break;
                }
            }
            at = found ?? throw new KeyNotFoundException($"{source} has no {walked}");
        }
        return at;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Planner.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Planner.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{(?<path>[a-z_0-9.\[\]=\-]+):(?<format>[A-Z][0-9]?)\}")]
    private static partial Regex Field();

    [GeneratedRegex(@"(?<name>\.?[a-z_0-9]+)|\[(?<key>[^\]]+)\]")]
    private static partial Regex Step();
}
