namespace Planner.Calibration.Runtime;

/// <summary>ONNX Runtime could not load a model (corrupt file, invalid graph, unsupported operator); the message is ONNX Runtime's, after what Planner was loading.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ModelLoadException()
        : this("the model could not be loaded")
    {
    }
}
