namespace Planner.Calibration.Onnx;

/// <summary>The execution provider asked for is not in the loaded ONNX Runtime library; the message lists those that are.</summary>
public sealed class ExecutionProviderUnavailableException : Exception
{
    public ExecutionProviderUnavailableException(string message)
        : base(message)
    {
    }

    public ExecutionProviderUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ExecutionProviderUnavailableException()
        : this("execution provider not available")
    {
    }
}
