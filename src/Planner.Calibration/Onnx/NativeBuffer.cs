using System.Runtime.InteropServices;

namespace Planner.Calibration.Onnx;

/// <summary>Zeroed, 64-byte aligned native memory that the garbage collector never moves, for tensors ONNX Runtime reads in place.</summary>
internal sealed unsafe class NativeBuffer : SafeHandle
{
    private const int Alignment = 64;

    public NativeBuffer(long bytes)
        : base(0, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Length = bytes;
        nuint size = (nuint)Math.Max(1, bytes);
        void* p = NativeMemory.AlignedAlloc(size, Alignment);
        NativeMemory.Clear(p, size);
        SetHandle((nint)p);
    }

    public long Length { get; }

    public override bool IsInvalid => handle == 0;

    public nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>The memory as elements of <typeparamref name="T"/>; only while the buffer is alive.</summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        long count = Length / sizeof(T);
        if (count > int.MaxValue)
        {
            throw new InvalidOperationException($"buffer of {Length} bytes is too large for one span of {typeof(T).Name}");
        }
        return new Span<T>((void*)Pointer, (int)count);
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
