namespace Planner.Core.Serving;

/// <summary>What a replica's GPU time is billed as at this instant, as the fleet totals count it.</summary>
internal enum BillingCategory
{
    /// <summary>Not provisioned: not billed.</summary>
    None,
    /// <summary>Provisioning and loading weights: billed, not serving.</summary>
    ColdStart,
    /// <summary>Ready or draining with requests to serve.</summary>
    Busy,
    /// <summary>Ready with nothing to serve.</summary>
    Idle,
}
