namespace Planner.Calibration.Onnx;

/// <summary>No usable ONNX Runtime library was found or it could not be loaded; the message says where Planner looked and how to install one.</summary>
public sealed class OrtLibraryNotFoundException : Exception
{
    public OrtLibraryNotFoundException(string message)
        : base(message)
    {
    }

    public OrtLibraryNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OrtLibraryNotFoundException()
        : this("ONNX Runtime library not found")
    {
    }
}
