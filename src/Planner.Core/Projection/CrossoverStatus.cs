namespace Planner.Core.Projection;

/// <summary>How an option's monthly cost compares with the baseline's across the horizon.</summary>
public enum CrossoverStatus
{
    /// <summary>Monthly cost drops below the baseline's during the horizon.</summary>
    Crosses,
    /// <summary>Already cheaper per month in month 1.</summary>
    CheaperThroughout,
    /// <summary>Never cheaper per month within the horizon.</summary>
    NeverWithinHorizon,
}
