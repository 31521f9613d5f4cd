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
}
