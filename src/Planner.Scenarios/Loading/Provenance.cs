using System.Globalization;

namespace Planner.Scenarios.Loading;

/// <summary>Wording shared by the <see cref="Core.Specs.SourcedInput"/> entries the readers record.</summary>
internal static class Provenance
{
    /// <summary>Source of a figure the scenario file states itself.</summary>
    public const string Scenario = "scenario";

    /// <summary>Money with at least two decimals and no rounding of smaller amounts: 0.80, 0.075, 2.50.</summary>
    public static string Usd(double value) => value.ToString("0.00########", CultureInfo.InvariantCulture);

    /// <summary>A number with the digits it needs: 8.03, 80, 0.9.</summary>
    public static string Number(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>A catalog entry's source, naming the scenario keys that replaced some of its figures.</summary>
    public static string WithOverrides(string source, IReadOnlyCollection<string> overridden) =>
        overridden.Count == 0 ? source : $"{source}; overridden in the scenario: {string.Join(", ", overridden)}";
}
