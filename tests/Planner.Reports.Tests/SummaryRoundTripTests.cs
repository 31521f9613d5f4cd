using System.Text.RegularExpressions;
using System.Text.Json;
using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>summary.json reads back into the same document, so `planner report` can re-render an old run.</summary>
public sealed class SummaryRoundTripTests
{
    [Fact]
    public void SerializeDeserializeSerializeIsIdentical()
    {
        string json = SummaryJsonWriter.Serialize(SampleSummary.Create());
        SummaryDocument back = SummaryJsonWriter.Deserialize(json);
        Assert.Equal(json, SummaryJsonWriter.Serialize(back));
        Assert.Equal("spot", back.Options[2].PricingModel);
        Assert.Equal(0.999, back.Options[0].Availability);
        Assert.Equal(24, back.Options[1].Timeline!.Points.Count);
    }

    [Fact]
    public void OptionalSectionsAreLeftOutWhenAbsent()
    {
        string json = SummaryJsonWriter.Serialize(SampleSummary.Create(withTimeline: false));
        Assert.DoesNotContain("\"timeline\"", json);
        Assert.DoesNotContain("\"pricing_model\": null", json);
        Assert.Contains("\"pricing_model\": \"on_demand\"", json);
    }

    [Fact]
    public void ReadsSummariesWrittenBeforeTheOptionalSectionsExisted()
    {
        string json = Regex.Replace(SummaryJsonWriter.Serialize(SampleSummary.Create(withTimeline: false)), @",\s*""(pricing_model|availability)"": [^,\n]+", "");
        Assert.DoesNotContain("pricing_model", json);
        SummaryDocument back = SummaryJsonWriter.Deserialize(json);
        Assert.Null(back.Options[1].PricingModel);
        Assert.Null(back.Options[1].Timeline);
    }

    [Fact]
    public void ANoiseSectionReadsBackAndOneWithoutItsMonthsIsRejected()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Options = [s.Options[0] with { Noise = new NoiseSection([1, 6], 0.01, 0.02, 0, 0.02) { MonthlyCostSd = 0.01, TotalCostSdUsd = 123.45 } }, s.Options[1], s.Options[2]] };
        string json = SummaryJsonWriter.Serialize(s);
        Assert.Contains("\"total_cost_sd_usd\": 123.45", json, StringComparison.Ordinal);
        Assert.Equal(json, SummaryJsonWriter.Serialize(SummaryJsonWriter.Deserialize(json)));
        // A hand-edited summary whose noise lost its months is refused with a message, not a crash later.
        string broken = Regex.Replace(json, @"""checked_months"": \[[^\]]*\],\s*", "");
        Assert.DoesNotContain("checked_months", broken, StringComparison.Ordinal);
        JsonException e = Assert.ThrowsAny<JsonException>(() => SummaryJsonWriter.Deserialize(broken));
        Assert.Contains("options[0].noise.checked_months is missing or null", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"scenario\": {\"name\": \"x\"}}")]
    [InlineData("[1, 2]")]
    public void RejectsWhatIsNotASummary(string json) => Assert.ThrowsAny<JsonException>(() => SummaryJsonWriter.Deserialize(json));
}
