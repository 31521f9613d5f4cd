using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Tests.Diagnostics;

public sealed class DiagnosticTests
{
    [Fact]
    public void Error_with_allowed_part()
    {
        var d = new Diagnostic(DiagnosticSeverity.Error, "scenarios/a.yaml", 3, 17, "horizon_months: 72 is out of range", "allowed: 1 to 60");
        Assert.Equal("scenarios/a.yaml:3:17: error: horizon_months: 72 is out of range (allowed: 1 to 60)", d.ToString());
        Assert.True(d.IsError);
    }

    [Fact]
    public void Warning_without_allowed_part()
    {
        var d = new Diagnostic(DiagnosticSeverity.Warning, "a.yaml", 1, 2, "something", null);
        Assert.Equal("a.yaml:1:2: warning: something", d.ToString());
        Assert.False(d.IsError);
    }

    [Fact]
    public void A_control_character_quoted_from_a_file_is_shown_as_its_code_point_not_sent_to_the_terminal()
    {
        // seed: "\e[2J\e]0;pwned\a1" cleared the terminal and retitled its window when its error was printed.
        var d = new Diagnostic(DiagnosticSeverity.Error, "a.yaml", 4, 7, "seed: expected an integer, got '\u001b[2J\u001b]0;pwned\u00071'", "allowed: 0 to 2^64 - 1\u0000");
        Assert.Equal("a.yaml:4:7: error: seed: expected an integer, got 'U+001B[2JU+001B]0;pwnedU+00071' (allowed: 0 to 2^64 - 1U+0000)", d.ToString());
        Assert.DoesNotContain(d.ToString(), char.IsControl);
        Assert.Equal("plain text stays", Diagnostic.Printable("plain text stays"));
    }
}
