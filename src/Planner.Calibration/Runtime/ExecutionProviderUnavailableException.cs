namespace Planner.Calibration.Runtime;

/// <summary>
/// The execution provider asked for cannot run here: it is not in the ONNX Runtime build, a
/// library it needs is missing (<see cref="MissingLibrary"/>), or it found no device. The message
/// is one line that says which and how to fix it.
/// </summary>
public sealed class ExecutionProviderUnavailableException : Exception
{
    public ExecutionProviderUnavailableException(string message, string? missingLibrary = null)
        : base(message)
    {
        MissingLibrary = missingLibrary;
    }

    public ExecutionProviderUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ExecutionProviderUnavailableException()
        : this("execution provider not available")
    {
    }

    /// <summary>The shared library the provider could not load (for example <c>libcublasLt.so.13</c>), when that was the reason.</summary>
    public string? MissingLibrary { get; }
}
