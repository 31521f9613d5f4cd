namespace Planner.Core.Projection;

/// <summary>The option to choose, its best alternative, and the sentences, with numbers, that justify it.</summary>
public sealed record Recommendation
{
    public required string OptionName { get; init; }
    public required IReadOnlyList<string> Sentences { get; init; }

    /// <summary>The comparison every surface states; null when the scenario has a single option.</summary>
    public BestAlternative? Alternative { get; init; }

    /// <summary>
    /// Where the choice rests on where the horizon ends: the option that would be the cheapest over
    /// a longer span with every option's last monthly cost held flat; null where none would within
    /// <see cref="RecommendationWriter.MonthsBeyondHorizon"/> months.
    /// </summary>
    public HorizonOvertake? Overtaken { get; init; }

    public string Text => string.Join(" ", Sentences);
}

/// <summary>
/// <paramref name="Option"/>, which meets the SLO every month, would be the cheapest over
/// <paramref name="MonthsBeyond"/> more months (to <paramref name="CalendarMonth"/>) if every option's
/// monthly cost stayed at the horizon month's: it costs <paramref name="MonthlySavingUsd"/> a month
/// less than the recommendation then, which makes up the <paramref name="ExtraOverHorizonUsd"/> more it costs over the horizon.
/// </summary>
public sealed record HorizonOvertake(string Option, int MonthsBeyond, DateOnly CalendarMonth, double MonthlySavingUsd, double ExtraOverHorizonUsd);
