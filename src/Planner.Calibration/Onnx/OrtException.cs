namespace Planner.Calibration.Onnx;

/// <summary>An ONNX Runtime call failed; the message is ONNX Runtime's own, prefixed with what Planner was doing.</summary>
public sealed class OrtException : Exception
{
    public OrtException(OrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public OrtException(string message)
        : base(message)
    {
        Code = OrtErrorCode.Fail;
    }

    public OrtException(string message, Exception inner)
        : base(message, inner)
    {
        Code = inner is OrtException ort ? ort.Code : OrtErrorCode.Fail;
    }

    public OrtException()
        : this("ONNX Runtime call failed")
    {
    }

    /// <summary>ONNX Runtime's error code.</summary>
    public OrtErrorCode Code { get; }
}
