namespace Planner.Core.Specs;

/// <summary>Financial assumptions used to discount future costs and savings.</summary>
public sealed record FinanceSpec
{
    /// <summary>Yearly discount rate for net present value (0.10 = 10% a year), applied monthly: (1 + r)^(m/12).</summary>
    public double DiscountRatePerYear { get; init; } = 0.10;
}
