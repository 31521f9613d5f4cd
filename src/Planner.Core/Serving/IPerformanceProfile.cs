namespace Planner.Core.Serving;

/// <summary>
/// How long one engine step of a replica takes. The roofline estimate is the default;
/// calibrated profiles (fitted from measurements in calibration/) implement the same interface,
/// so the engine never knows where the numbers came from.
/// </summary>
public interface IPerformanceProfile
{
    /// <summary>Human-readable origin, for reports (for example "roofline estimate (no measurement)").</summary>
    string Description { get; }

    /// <summary>Wall time of one step of the given shape, in seconds.</summary>
    double StepSeconds(in StepShape step);
}
