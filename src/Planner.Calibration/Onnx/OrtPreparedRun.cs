using System.Diagnostics;

namespace Planner.Calibration.Onnx;

/// <summary>
/// A session with its inputs fixed, for running many times with as little managed work around the
/// native call as possible: names and value pointers are marshalled once, and
/// <see cref="RunSeconds"/> times the <c>Run</c> call alone. For a GPU, inputs and outputs are
/// bound to device memory once (<c>RunWithBinding</c>), so no run copies them across PCIe.
/// </summary>
public sealed unsafe class OrtPreparedRun : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtHandle _session;
    private readonly OrtNative.Utf8String[] _inputNames;
    private readonly OrtNative.Utf8String[] _outputNames;
    private readonly nint[] _inputNamePointers;
    private readonly nint[] _inputValues;
    private readonly nint[] _outputNamePointers;
    private readonly nint[] _outputValues;
    private readonly string[] _outputs;
    private readonly IReadOnlyList<OrtTensor> _tensors;
    private readonly OrtHandle? _deviceMemory;
    private readonly OrtHandle? _deviceAllocator;
    private readonly List<OrtHandle> _deviceValues = [];
    private readonly OrtHandle? _binding;
    private bool _sessionRef;

    internal OrtPreparedRun(OrtRuntime runtime, OrtHandle session, IReadOnlyList<(string Name, OrtTensor Tensor)> inputs, IReadOnlyList<string> outputs, int? deviceId)
    {
        _runtime = runtime;
        _session = session;
        _session.DangerousAddRef(ref _sessionRef);
        _inputNames = inputs.Select(i => new OrtNative.Utf8String(i.Name)).ToArray();
        _inputNamePointers = _inputNames.Select(n => n.Pointer).ToArray();
        _tensors = inputs.Select(i => i.Tensor).ToList();
        foreach (OrtTensor t in _tensors)
        {
            t.Acquire();
        }
        _inputValues = _tensors.Select(t => t.Value.Pointer).ToArray();
        _outputs = [.. outputs];
        _outputNames = _outputs.Select(n => new OrtNative.Utf8String(n)).ToArray();
        _outputNamePointers = _outputNames.Select(n => n.Pointer).ToArray();
        _outputValues = new nint[_outputs.Length];
        if (deviceId is int device)
        {
            try
            {
                OrtNative native = runtime.Native;
                _deviceMemory = native.CreateCudaMemoryInfo(device);
                _deviceAllocator = native.CreateAllocator(session, _deviceMemory);
                _binding = native.CreateIoBinding(session);
                foreach ((string name, OrtTensor tensor) in inputs)
                {
                    OrtHandle value = native.CreateTensor(_deviceAllocator, [.. tensor.Shape], tensor.ElementType);
                    _deviceValues.Add(value);
                    native.BindInput(_binding, name, value);
                }
                foreach (string name in _outputs)
                {
                    native.BindOutputToDevice(_binding, name, _deviceMemory);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    /// <summary>Runs once and returns the wall time of the native call in seconds; outputs are released afterwards.</summary>
    public double RunSeconds()
    {
        long start = Stopwatch.GetTimestamp();
        nint status = Invoke();
        long end = Stopwatch.GetTimestamp();
        ReleaseOutputs();
        _runtime.Native.Check(status, "running the model");
        return (end - start) / (double)Stopwatch.Frequency;
    }

    /// <summary>Runs once and hands the outputs to the caller (CPU provider only: on a GPU the outputs stay on the device).</summary>
    public IReadOnlyList<OrtOutput> RunAndKeepOutputs()
    {
        if (_binding is not null)
        {
            throw new InvalidOperationException("outputs stay on the GPU when a GPU provider is timed; read outputs with the CPU provider");
        }
        nint status = Invoke();
        if (status != 0)
        {
            ReleaseOutputs();
            _runtime.Native.Check(status, "running the model");
        }
        var result = new List<OrtOutput>(_outputs.Length);
        for (int i = 0; i < _outputs.Length; i++)
        {
            result.Add(new OrtOutput(_runtime, _runtime.Native.OwnValue(_outputValues[i]), _outputs[i]));
            _outputValues[i] = 0;
        }
        return result;
    }

    private nint Invoke()
    {
        ObjectDisposedException.ThrowIf(!_sessionRef, this);
        if (_binding is not null)
        {
            return _runtime.Native.RunWithBindingRaw(_session.DangerousGetHandle(), _binding.Pointer);
        }
        Array.Clear(_outputValues);
        fixed (nint* inNames = _inputNamePointers)
        fixed (nint* inValues = _inputValues)
        fixed (nint* outNames = _outputNamePointers)
        fixed (nint* outValues = _outputValues)
        {
            return _runtime.Native.RunRaw(_session.DangerousGetHandle(), inNames, inValues, _inputValues.Length, outNames, _outputValues.Length, outValues);
        }
    }

    private void ReleaseOutputs()
    {
        for (int i = 0; i < _outputValues.Length; i++)
        {
            if (_outputValues[i] != 0)
            {
                _runtime.Native.ReleaseValue(_outputValues[i]);
                _outputValues[i] = 0;
            }
        }
    }

    public void Dispose()
    {
        if (!_sessionRef)
        {
            return;
        }
        ReleaseOutputs();
        // The binding refers to the device values, and they to the allocator: release in that order.
        _binding?.Dispose();
        _deviceValues.ForEach(v => v.Dispose());
        _deviceAllocator?.Dispose();
        _deviceMemory?.Dispose();
        foreach (OrtNative.Utf8String s in _inputNames.Concat(_outputNames))
        {
            s.Dispose();
        }
        foreach (OrtTensor t in _tensors)
        {
            t.ReleaseReference();
        }
        _session.DangerousRelease();
        _sessionRef = false;
    }
}
