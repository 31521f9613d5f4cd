namespace Planner.Scenarios.Loading;

/// <summary>
/// The named daily traffic shapes a scenario's <c>daily_shape</c> may use: 24 weights, one per
/// local hour starting at midnight, each list summing to 24 (mean 1) so volume per day is unchanged.
/// </summary>
public static class DailyShapes
{
    /// <summary>Preset name of <see cref="Flat"/>.</summary>
    public const string FlatName = "flat";

    /// <summary>Preset name of <see cref="BusinessHours"/>.</summary>
    public const string BusinessHoursName = "business_hours";

    /// <summary>Preset name of <see cref="ConsumerEvening"/>.</summary>
    public const string ConsumerEveningName = "consumer_evening";

    /// <summary>The same load every hour.</summary>
    public static IReadOnlyList<double> Flat { get; } = Enumerable.Repeat(1.0, 24).ToArray();

    /// <summary>
    /// A B2B tool used in one time zone: quiet at night (0.2), ramping from 6:00, a plateau of 2.0
    /// from 9:00 to 17:00 and a tail into the evening. Peak to trough is 10:1.
    /// </summary>
    public static IReadOnlyList<double> BusinessHours { get; } =
    [
        0.2, 0.2, 0.2, 0.2, 0.2, 0.2,   // 00-05
        0.3, 0.6, 1.2, 2.0, 2.0, 2.0,   // 06-11
        2.0, 2.0, 2.0, 2.0, 2.0, 1.6,   // 12-17
        1.1, 0.6, 0.5, 0.4, 0.3, 0.2,   // 18-23
    ];

    /// <summary>
    /// A consumer app: lowest before dawn (0.3), a modest midday bump and a peak of 1.8 to 2.0
    /// from 19:00 to 23:00. Peak to trough is under 7:1.
    /// </summary>
    public static IReadOnlyList<double> ConsumerEvening { get; } =
    [
        1.0, 0.6, 0.4, 0.3, 0.3, 0.3,   // 00-05
        0.4, 0.6, 0.7, 0.8, 0.9, 1.0,   // 06-11
        1.2, 1.1, 0.9, 0.9, 1.0, 1.2,   // 12-17
        1.4, 1.8, 2.0, 2.0, 1.8, 1.4,   // 18-23
    ];

    /// <summary>Preset names, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [FlatName, BusinessHoursName, ConsumerEveningName];

    /// <summary>The weights of a preset, or null for an unknown name.</summary>
    public static IReadOnlyList<double>? ByName(string name) => name switch
    {
        FlatName => Flat,
        BusinessHoursName => BusinessHours,
        ConsumerEveningName => ConsumerEvening,
        _ => null,
    };

    /// <summary>Scales non-negative weights (not all zero) so they sum to 24.</summary>
    public static IReadOnlyList<double> Normalise(IReadOnlyList<double> weights)
    {
        double sum = weights.Sum();
        return weights.Select(w => w * 24.0 / sum).ToArray();
    }
}
