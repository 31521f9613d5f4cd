using System.Text.Json;
using Planner.Formats.Json;

namespace Planner.Formats.Tests.Json;

/// <summary>JSON problems in a file's terms: no serializer position suffix, and a file cut short said so.</summary>
public sealed class JsonProblemTests
{
    [Fact]
    public void The_position_suffix_goes_and_a_cut_short_document_is_recognised()
    {
        JsonException cut = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\"a\": [1, 2]"));
        Assert.DoesNotContain("LineNumber", JsonProblem.Message(cut), StringComparison.Ordinal);
        Assert.True(JsonProblem.EndsTooSoon(JsonProblem.Message(cut)));

        JsonException empty = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(""));
        Assert.True(JsonProblem.EndsTooSoon(JsonProblem.Message(empty)));

        JsonException bad = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\"a\": nul}"));
        Assert.False(JsonProblem.EndsTooSoon(JsonProblem.Message(bad)));
        Assert.DoesNotContain("BytePositionInLine", JsonProblem.Message(bad), StringComparison.Ordinal);
    }
}
