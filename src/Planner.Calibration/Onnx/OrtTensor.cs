using System.Runtime.InteropServices;

namespace Planner.Calibration.Onnx;

/// <summary>
/// A tensor in native CPU memory that ONNX Runtime reads in place (no copy per run): model inputs
/// and in-memory weights. Owns both the memory and the <c>OrtValue</c> over it.
/// </summary>
public sealed class OrtTensor : IDisposable
{
    private readonly NativeBuffer _buffer;

    private OrtTensor(NativeBuffer buffer, OrtHandle value, TensorElementType type, long[] shape)
    {
        _buffer = buffer;
        Value = value;
        ElementType = type;
        Shape = shape;
    }

    public TensorElementType ElementType { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    internal OrtHandle Value { get; }

    /// <summary>Start of the tensor's memory (for buffers past the 2 GB a span can cover).</summary>
    internal nint DataPointer => _buffer.Pointer;

    /// <summary>A zero-filled tensor of the given type and shape.</summary>
    public static OrtTensor Create(OrtRuntime runtime, TensorElementType type, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(shape);
        long[] dims = [.. shape];
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"tensor dimensions must be ≥ 0, got [{string.Join(", ", dims)}]", nameof(shape));
            }
        }
        long count = dims.Aggregate(1L, (a, b) => checked(a * b));
        var buffer = new NativeBuffer(checked(count * ElementSize(type)));
        try
        {
            OrtHandle value = runtime.Native.CreateTensor(runtime.CpuMemory, buffer, dims, type);
            return new OrtTensor(buffer, value, type, dims);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static OrtTensor FromFloats(OrtRuntime runtime, IReadOnlyList<long> shape, ReadOnlySpan<float> data) =>
        From(runtime, TensorElementType.Float32, shape, data);

    /// <summary>An int64 tensor holding a copy of <paramref name="data"/>.</summary>
    public static OrtTensor FromInt64(OrtRuntime runtime, IReadOnlyList<long> shape, ReadOnlySpan<long> data) =>
        From(runtime, TensorElementType.Int64, shape, data);

    private static OrtTensor From<T>(OrtRuntime runtime, TensorElementType type, IReadOnlyList<long> shape, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        OrtTensor tensor = Create(runtime, type, shape);
        if (data.Length != tensor.ElementCount)
        {
            tensor.Dispose();
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {tensor.ElementCount} elements, got {data.Length}", nameof(data));
        }
        data.CopyTo(tensor.Span<T>());
        return tensor;
    }

    /// <summary>The tensor's memory as elements of <typeparamref name="T"/> (float, Half, long…), for filling or reading.</summary>
    public Span<T> Span<T>()
        where T : unmanaged
    {
        if (Marshal.SizeOf<T>() != ElementSize(ElementType))
        {
            throw new InvalidOperationException($"a {OrtTensorInfo.ElementTypeName(ElementType)} tensor cannot be viewed as {typeof(T).Name}");
        }
        return _buffer.AsSpan<T>();
    }

    /// <summary>The raw bytes, for filling with random values.</summary>
    public Span<byte> Bytes() => _buffer.AsSpan<byte>();

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => 2,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Float64 => 8,
        TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool => 1,
        _ => throw new NotSupportedException($"tensors of {OrtTensorInfo.ElementTypeName(type)} are not supported here"),
    };

    /// <summary>Keeps the value and its memory alive until <see cref="ReleaseReference"/>, even across <see cref="Dispose"/>.</summary>
    internal void Acquire()
    {
        bool value = false;
        bool buffer = false;
        Value.DangerousAddRef(ref value);
        _buffer.DangerousAddRef(ref buffer);
    }

    internal void ReleaseReference()
    {
        Value.DangerousRelease();
        _buffer.DangerousRelease();
    }

    public void Dispose()
    {
        // The value borrows the buffer: release it first.
        Value.Dispose();
        _buffer.Dispose();
    }
}
