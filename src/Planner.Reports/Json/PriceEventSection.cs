using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// A price change on the timeline (target api_prices, gpu_prices or reserved_commitment) from a
/// month on; options empty means every option the target concerns.
/// </summary>
public sealed record PriceEventSection(string Name, string Target, int Month, string CalendarMonth, IReadOnlyList<string> Options)
{
    /// <summary>Step change from the month on: −0.5 halves the price.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Change { get; init; }

    /// <summary>Yearly change compounding monthly from the month on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ChangePerYear { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReservationSection? Reservation { get; init; }
}
