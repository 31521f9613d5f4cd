using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Core.Projection;

/// <summary>
/// Which months an option misses the SLO in, and whether its fleet was held at its
/// <c>max_replicas</c> in every one of them: then the misses are the scenario's cap on the fleet,
/// not the option's price or its hardware, and the recommendation and the report cards say so in
/// the same words (<see cref="Describe"/>).
/// </summary>
public static class SloMisses
{
    /// <summary>The calendar months in which <paramref name="option"/> misses the SLO, in order.</summary>
    public static IReadOnlyList<DateOnly> Months(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return [.. option.Months.Where(m => !m.SloMet).Select(m => m.CalendarMonth)];
    }

    /// <summary>
    /// The option's autoscaler's <c>max_replicas</c> when its fleet peaked at it in every month it
    /// misses the SLO (and it misses some); null otherwise, for options without an autoscaled fleet,
    /// and for a fleet whose replicas miss the SLO even alone (<see cref="Serving.LatencyFloor"/>),
    /// which no higher cap would help.
    /// </summary>
    public static int? AtMaxReplicas(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (Projector.SelfHostedPart(option.Option) is not { Autoscaler: AutoscalerSpec a } || (option.LatencyFloor is { AboveSlo: true } && option.Months.All(m => !m.SloMet)))
        {
            return null;
        }
        var missed = option.Months.Where(m => !m.SloMet).ToList();
        return missed.Count > 0 && missed.All(m => m.PeakReplicas >= a.MaxReplicas) ? a.MaxReplicas : null;
    }

    /// <summary>
    /// "2028-11 and 2028-12", "2027-03, 2027-05 and 2027-09", or for more than four
    /// "14 months from 2027-10 to 2028-12"; months as yyyy-MM.
    /// </summary>
    public static string List(IReadOnlyList<string> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        return months.Count switch
        {
            0 => "no month",
            1 => months[0],
            <= 4 => string.Join(", ", months.Take(months.Count - 1)) + " and " + months[^1],
            _ => string.Create(CultureInfo.InvariantCulture, $"{months.Count} months from {months[0]} to {months[^1]}"),
        };
    }

    /// <summary>
    /// The months named, with the fleet's cap where it held in each: "2028-11 and 2028-12, each
    /// with its fleet reaching its max_replicas of 32 at its peak".
    /// </summary>
    public static string Describe(IReadOnlyList<string> months, int? maxReplicas)
    {
        ArgumentNullException.ThrowIfNull(months);
        string cap = maxReplicas is int max
            ? string.Create(CultureInfo.InvariantCulture, $", {(months.Count == 1 ? "with" : "each with")} its fleet reaching its max_replicas of {max} at its peak")
            : "";
        return List(months) + cap;
    }
}
