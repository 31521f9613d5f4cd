using System.Runtime.InteropServices;

namespace Planner.Calibration.Onnx;

/// <summary>One output of a run, in memory ONNX Runtime allocated; read it before disposing.</summary>
public sealed class OrtOutput : IDisposable
{
    private readonly OrtRuntime _runtime;

    internal OrtOutput(OrtRuntime runtime, OrtHandle value, string name)
    {
        _runtime = runtime;
        Value = value;
        Info = runtime.Native.ValueInfo(value, name);
    }

    /// <summary>Name, element type and concrete shape.</summary>
    public OrtTensorInfo Info { get; }

    internal OrtHandle Value { get; }

    /// <summary>A copy of a float32 or float16 output's elements, as float32.</summary>
    public unsafe float[] ToFloats()
    {
        long count = Info.Dimensions.Aggregate(1L, (a, b) => a * b);
        var result = new float[count];
        nint data = _runtime.Native.TensorData(Value);
        switch (Info.ElementType)
        {
            case TensorElementType.Float32:
                Marshal.Copy(data, result, 0, result.Length);
                break;
            case TensorElementType.Float16:
                var halves = new ReadOnlySpan<Half>((void*)data, result.Length);
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (float)halves[i];
                }
                break;
            default:
                throw new InvalidOperationException($"output '{Info.Name}' is {OrtTensorInfo.ElementTypeName(Info.ElementType)}, not float32 or float16");
        }
        return result;
    }

    public void Dispose() => Value.Dispose();
}
