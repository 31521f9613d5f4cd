using System.Globalization;

namespace Planner.Scenarios.Yaml;

/// <summary>An interval a numeric value must fall in, able to describe itself to the user.</summary>
internal readonly record struct ValueRange(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    public static ValueRange Any => new(double.NegativeInfinity, true, double.PositiveInfinity, true);

    public static ValueRange Positive => GreaterThan(0);

    public static ValueRange NonNegative => AtLeast(0);

    /// <summary>(0, 1]: a share or an efficiency.</summary>
    public static ValueRange PositiveFraction => new(0, false, 1, true);

    /// <summary>[0, 1]: a probability.</summary>
    public static ValueRange Fraction => new(0, true, 1, true);

    /// <summary>[0, 1): a discount or a fraction that cannot be everything.</summary>
    public static ValueRange FractionBelowOne => new(0, true, 1, false);

    public static ValueRange AtLeast(double min) => new(min, true, double.PositiveInfinity, true);

    public static ValueRange GreaterThan(double min) => new(min, false, double.PositiveInfinity, true);

    public static ValueRange Between(double min, double max) => new(min, true, max, true);

    /// <summary>Where a bound comes from another value, what it is ("no fewer than min_replicas"), said after the range.</summary>
    public string? Because { get; init; }

    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    /// <summary>Human wording: "1 to 60", "&gt; 0", "0 &lt;= value &lt; 1", with <see cref="Because"/> after it.</summary>
    public string Describe() => Because is null ? Bounds() : $"{Bounds()}, {Because}";

    private string Bounds()
    {
        bool hasMin = !double.IsNegativeInfinity(Min);
        bool hasMax = !double.IsPositiveInfinity(Max);
        string min = Format(Min);
        string max = Format(Max);
        if (!hasMin && !hasMax)
        {
            return "any number";
        }
        if (!hasMax)
        {
            return (MinInclusive ? ">= " : "> ") + min;
        }
        if (!hasMin)
        {
            return (MaxInclusive ? "<= " : "< ") + max;
        }
        if (MinInclusive && MaxInclusive)
        {
            return $"{min} to {max}";
        }
        return $"{min} {(MinInclusive ? "<=" : "<")} value {(MaxInclusive ? "<=" : "<")} {max}";
    }

    public static string Format(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
