namespace Planner.Reports.Json;

/// <summary>The yearly rate that discounts future costs to net present values (applied monthly).</summary>
public sealed record FinanceSection(double DiscountRatePerYear);
