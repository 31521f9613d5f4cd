using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Planner.Calibration.Runtime;

/// <summary>
/// A session with its inputs bound (ONNX Runtime's I/O binding), for running many times with as
/// little managed work around the native call as possible. Every input is bound from its host
/// values: ONNX Runtime copies them to the provider's device when they are bound, once, so a GPU
/// run reads the same token ids, masks and rotary tables a CPU run reads, and no timed run copies the
/// inputs (the KV cache among them) across PCIe — as a serving engine would not. Outputs go to the
/// memory given (the device when timing, so none is copied back).
/// </summary>
public sealed class PreparedRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions;
    private readonly IReadOnlyList<string> _outputs;
    private readonly bool _outputsOnHost;

    internal PreparedRun(InferenceSession session, IReadOnlyList<(string Name, HostTensor Tensor)> inputs, IReadOnlyList<string> outputs, OrtMemoryInfo outputMemory)
    {
        _session = session;
        _outputs = outputs;
        _outputsOnHost = outputMemory.Name == OrtMemoryInfo.DefaultInstance.Name;
        _binding = session.CreateIoBinding();
        _runOptions = new RunOptions();
        try
        {
            foreach ((string name, HostTensor tensor) in inputs)
            {
                _binding.BindInput(name, tensor.Value);
            }
            _binding.SynchronizeBoundInputs();
            foreach (string name in outputs)
            {
                _binding.BindOutputToDevice(name, outputMemory);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Runs once and returns the wall time of the run in seconds (ONNX Runtime returns when the device has finished).</summary>
    public double RunSeconds()
    {
        long start = Stopwatch.GetTimestamp();
        _session.RunWithBinding(_runOptions, _binding);
        _binding.SynchronizeBoundOutputs();
        long end = Stopwatch.GetTimestamp();
        return (end - start) / (double)Stopwatch.Frequency;
    }

    /// <summary>Runs once and copies every output out (prepared with outputs on the host).</summary>
    public IReadOnlyList<RunOutput> RunAndReadOutputs()
    {
        if (!_outputsOnHost)
        {
            throw new InvalidOperationException("the outputs of this run stay on the device; prepare it with outputs on the host to read them");
        }
        _session.RunWithBinding(_runOptions, _binding);
        _binding.SynchronizeBoundOutputs();
        using IDisposableReadOnlyCollection<OrtValue> values = _binding.GetOutputValues();
        string[] names = _binding.GetOutputNames();
        return values.Select((v, i) => ModelSession.Copy(i < names.Length ? names[i] : _outputs[i], v)).ToList();
    }

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
    }
}
