using System.Runtime.InteropServices;

namespace Planner.Calibration.Onnx;

/// <summary>
/// One ONNX Runtime object (environment, session, value, options…) with the <c>Release*</c>
/// function that frees it, so every native object is released exactly once, even when an
/// exception or the finalizer gets there first.
/// </summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _release;

    public OrtHandle(nint handle, nint release)
        : base(0, ownsHandle: true)
    {
        _release = (delegate* unmanaged<nint, void>)release;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer, for calls that only borrow the object.</summary>
    public nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
