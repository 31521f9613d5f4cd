namespace Planner.Calibration.Benchmarking;

/// <summary>A measurement or import file is malformed; the message names the file, the line and what was expected.</summary>
public sealed class MeasurementFormatException : Exception
{
    public MeasurementFormatException(string message)
        : base(message)
    {
    }

    public MeasurementFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public MeasurementFormatException()
        : this("malformed measurement file")
    {
    }
}
