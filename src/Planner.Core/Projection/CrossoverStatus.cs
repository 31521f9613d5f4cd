namespace Planner.Core.Projection;

/// <summary>How an option's monthly cost compares with the baseline's across the horizon.</summary>
public enum CrossoverStatus
{
    /// <summary>Monthly cost drops below the baseline's during the horizon and stays there (at its last crossing).</summary>
    Crosses,
    /// <summary>Cheaper per month (or equal) in every month, from month 1.</summary>
    CheaperThroughout,
    /// <summary>Not cheaper per month at the horizon (it may have been in earlier months).</summary>
    NeverWithinHorizon,
}
