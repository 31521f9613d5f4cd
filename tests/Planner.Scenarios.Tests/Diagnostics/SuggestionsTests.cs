using FsCheck;
using FsCheck.Fluent;
using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Tests.Diagnostics;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("horizn_months", "horizon_months", 1)]
    [InlineData("h10", "h200", 2)]
    public void Levenshtein_known_values(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Levenshtein(a, b));
    }

    [Fact]
    public void Close_keeps_candidate_order_and_uses_prefixes()
    {
        Assert.Equal(["h100-sxm", "h100-pcie", "h200"], Suggestions.Close("h10", ["h100-sxm", "h100-pcie", "h200", "l4", "a100-80gb"]));
        Assert.Equal(["gpt-4o-mini"], Suggestions.Close("GPT-4o-mini-2024", ["gpt-4o-mini", "claude"]));
    }

    [Fact]
    public void Hint_lists_everything_only_when_short()
    {
        Assert.Equal("allowed: a1, b2", Suggestions.Hint("zzzz", ["a1", "b2"]));
        string[] many = Enumerable.Range(0, 13).Select(i => $"item{i:00}x").ToArray();
        Assert.Equal("see it", Suggestions.Hint("zzzz", many, "see it"));
    }

    [Fact]
    public void Levenshtein_is_a_metric()
    {
        Prop.ForAll<string, string, string>((a, b, c) =>
        {
            a ??= "";
            b ??= "";
            c ??= "";
            int ab = Suggestions.Levenshtein(a, b);
            return ab == Suggestions.Levenshtein(b, a)
                && (ab == 0) == (a == b)
                && Suggestions.Levenshtein(a, c) <= ab + Suggestions.Levenshtein(b, c)
                && ab >= Math.Abs(a.Length - b.Length)
                && ab <= Math.Max(a.Length, b.Length);
        }).QuickCheckThrowOnFailure();
    }
}
