namespace Planner.Core.Optimization;

/// <summary>Why a candidate's simulation stopped after its first window, if it did.</summary>
public enum EarlyStop
{
    /// <summary>Every window was simulated.</summary>
    None,

    /// <summary>Too many requests already missed a target: the month misses the SLO whatever the rest measures.</summary>
    SloMissed,

    /// <summary>The GPU cost of the windows simulated so far, plus the roofline cost bound of the windows left, already reaches the cheapest configuration that met the SLO.</summary>
    CostAboveBest,
}
