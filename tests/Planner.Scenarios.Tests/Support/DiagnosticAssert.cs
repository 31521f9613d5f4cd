using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Loading;

namespace Planner.Scenarios.Tests.Support;

/// <summary>Assertions that show every diagnostic when they fail.</summary>
internal static class DiagnosticAssert
{
    public static Diagnostic HasError(IReadOnlyList<Diagnostic> diagnostics, int line, int column, string messagePart) =>
        Has(diagnostics, DiagnosticSeverity.Error, line, column, messagePart);

    public static Diagnostic HasWarning(IReadOnlyList<Diagnostic> diagnostics, int line, int column, string messagePart) =>
        Has(diagnostics, DiagnosticSeverity.Warning, line, column, messagePart);

    public static Diagnostic HasError(ScenarioLoadResult result, int line, int column, string messagePart)
    {
        Assert.Null(result.Scenario);
        Assert.True(result.HasErrors);
        return HasError(result.Diagnostics, line, column, messagePart);
    }

    public static void Clean(ScenarioLoadResult result)
    {
        Assert.True(!result.HasErrors, "unexpected errors:\n" + string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Scenario);
    }

    private static Diagnostic Has(IReadOnlyList<Diagnostic> diagnostics, DiagnosticSeverity severity, int line, int column, string messagePart)
    {
        Diagnostic? match = diagnostics.FirstOrDefault(d =>
            d.Severity == severity && d.Line == line && d.Column == column && d.ToString().Contains(messagePart, StringComparison.Ordinal));
        Assert.True(match is not null,
            $"expected {severity} at {line}:{column} containing \"{messagePart}\"; got:\n" + string.Join("\n", diagnostics));
        return match!;
    }
}
