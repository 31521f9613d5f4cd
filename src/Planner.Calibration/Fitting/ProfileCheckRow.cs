namespace Planner.Calibration.Fitting;

/// <summary>One point of a profile check: measured (or composed) time, the profile's prediction, and the relative error.</summary>
public sealed record ProfileCheckRow(string Label, double MeasuredSeconds, double PredictedSeconds)
{
    /// <summary>(predicted − measured) / measured.</summary>
    public double RelativeError => (PredictedSeconds - MeasuredSeconds) / MeasuredSeconds;
}
