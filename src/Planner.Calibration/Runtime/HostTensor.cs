using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Planner.Calibration.Runtime;

/// <summary>
/// A tensor in host memory that ONNX Runtime reads in place: model inputs and in-memory weights.
/// Owns the memory and the <see cref="OrtValue"/> over it. The memory is Planner's own (aligned,
/// native) rather than a managed array because one weight can pass the 2 GB an array or span of
/// bytes can cover (Llama 3.1 8B's embedding is 2.1 GB in fp32).
/// </summary>
public sealed unsafe class HostTensor : IDisposable
{
    private void* _data;

    private HostTensor(void* data, long bytes, OrtValue value, TensorElementType type, long[] shape)
    {
        _data = data;
        ByteCount = bytes;
        Value = value;
        ElementType = type;
        Shape = shape;
    }

    public TensorElementType ElementType { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long ByteCount { get; }

    /// <summary>ONNX Runtime's value over the memory (valid until this tensor is disposed).</summary>
    public OrtValue Value { get; }

    /// <summary>Start of the tensor's memory (for buffers past the 2 GB a span of bytes can cover).</summary>
    internal nint DataPointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data is null, this);
            return (nint)_data;
        }
    }

    /// <summary>A zero-filled tensor of the given type and shape.</summary>
    public static HostTensor Create(TensorElementType type, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long[] dims = [.. shape];
        if (dims.Any(d => d < 0))
        {
            throw new ArgumentException($"tensor dimensions must be ≥ 0, got [{string.Join(", ", dims)}]", nameof(shape));
        }
        long count = dims.Aggregate(1L, (a, b) => checked(a * b));
        long bytes = checked(count * ElementSize(type));
        // 64-byte alignment suits every SIMD width ONNX Runtime's CPU kernels use.
        void* data = NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), 64);
        try
        {
            NativeMemory.Clear(data, (nuint)bytes);
            OrtValue value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, type, dims, (nint)data, bytes);
            return new HostTensor(data, bytes, value, type, dims);
        }
        catch
        {
            NativeMemory.AlignedFree(data);
            throw;
        }
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static HostTensor FromFloats(IReadOnlyList<long> shape, ReadOnlySpan<float> data) => From(TensorElementType.Float, shape, data);

    /// <summary>An int64 tensor holding a copy of <paramref name="data"/>.</summary>
    public static HostTensor FromInt64(IReadOnlyList<long> shape, ReadOnlySpan<long> data) => From(TensorElementType.Int64, shape, data);

    private static HostTensor From<T>(TensorElementType type, IReadOnlyList<long> shape, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        HostTensor tensor = Create(type, shape);
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
        if (sizeof(T) != ElementSize(ElementType))
        {
            throw new InvalidOperationException($"a {TensorInfo.ElementTypeName(ElementType)} tensor cannot be viewed as {typeof(T).Name}");
        }
        return new Span<T>((void*)DataPointer, checked((int)ElementCount));
    }

    /// <summary>The raw bytes, for filling (tensors under 2 GB).</summary>
    public Span<byte> Bytes() => new((void*)DataPointer, checked((int)ByteCount));

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => 2,
        TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Double => 8,
        TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool => 1,
        _ => throw new NotSupportedException($"tensors of {TensorInfo.ElementTypeName(type)} are not supported here"),
    };

    public void Dispose()
    {
        if (_data is null)
        {
            return;
        }
        // The value borrows the memory: release it first.
        Value.Dispose();
        NativeMemory.AlignedFree(_data);
        _data = null;
    }
}
