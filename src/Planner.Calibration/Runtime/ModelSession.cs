using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Planner.Calibration.Runtime;

/// <summary>
/// A model loaded into ONNX Runtime (an <see cref="InferenceSession"/>) with the settings Planner
/// times it under: its inputs and outputs, input checks that name every mistake at once, plain runs,
/// and prepared runs for timing.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;

    private ModelSession(InferenceSession session, SessionSettings settings)
    {
        _session = session;
        Settings = settings;
        Inputs = session.InputNames.Select(n => TensorInfo.Of(n, session.InputMetadata[n])).ToList();
        Outputs = session.OutputNames.Select(n => TensorInfo.Of(n, session.OutputMetadata[n])).ToList();
    }

    public SessionSettings Settings { get; }

    public ExecutionProvider Provider => Settings.Provider;

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>
    /// Loads a serialized model; initializers it marks as external data are read from files in
    /// <paramref name="externalDataFolder"/> (ONNX Runtime has read them when this returns).
    /// </summary>
    /// <exception cref="ExecutionProviderUnavailableException">The provider cannot start here; the message says why.</exception>
    /// <exception cref="ModelLoadException">ONNX Runtime refused the model.</exception>
    public static ModelSession Create(byte[] model, SessionSettings settings, string? externalDataFolder = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        using SessionOptions options = Options(settings);
        if (externalDataFolder is not null)
        {
            options.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", externalDataFolder);
        }
        return new ModelSession(Load(() => new InferenceSession(model, options), "the model"), settings);
    }

    /// <summary>Loads a model file.</summary>
    public static ModelSession Open(string modelPath, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"model file '{modelPath}' does not exist", modelPath);
        }
        using SessionOptions options = Options(settings);
        return new ModelSession(Load(() => new InferenceSession(modelPath, options), modelPath), settings);
    }

    /// <summary>Runs once without binding (ONNX Runtime allocates and returns the outputs on the host) and copies every output out.</summary>
    public IReadOnlyList<RunOutput> Run(IReadOnlyDictionary<string, HostTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Validate(inputs);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> values = _session.Run(runOptions,
            Inputs.Select(i => i.Name).ToList(), Inputs.Select(i => inputs[i.Name].Value).ToList(), Outputs.Select(o => o.Name).ToList());
        return values.Select((v, i) => Copy(Outputs[i].Name, v)).ToList();
    }

    /// <summary>
    /// Checks the inputs against the model and binds them for repeated runs (<see cref="PreparedRun"/>):
    /// every input's host values are handed to ONNX Runtime, which copies them to the provider's
    /// device once, so timed runs read real token ids, masks and rotary tables and copy nothing across
    /// PCIe. Outputs stay on the device unless <paramref name="outputsOnHost"/> (for reading them).
    /// </summary>
    /// <exception cref="ArgumentException">An input is missing, unknown, or of the wrong type or shape; the message says which and what the model expects.</exception>
    public PreparedRun Prepare(IReadOnlyDictionary<string, HostTensor> inputs, bool outputsOnHost = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Validate(inputs);
        return new PreparedRun(_session, Inputs.Select(i => (i.Name, inputs[i.Name])).ToList(), Outputs.Select(o => o.Name).ToList(),
            outputsOnHost ? OrtMemoryInfo.DefaultInstance : DeviceMemory());
    }

    /// <summary>Stops the profiler and returns the path of its Chrome-trace JSON (sessions created with <see cref="SessionSettings.ProfilePathPrefix"/>).</summary>
    public string EndProfiling()
    {
        if (Settings.ProfilePathPrefix is null)
        {
            throw new InvalidOperationException("the session was created without profiling (set SessionSettings.ProfilePathPrefix)");
        }
        return _session.EndProfiling();
    }

    /// <summary>Copies an output to the host as float32 (float32 and float16 outputs).</summary>
    internal static RunOutput Copy(string name, OrtValue value)
    {
        OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        float[] values = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Float16 => ToFloats(value.GetTensorDataAsSpan<Float16>()),
            _ => [],
        };
        return new RunOutput(name, info.ElementDataType, info.Shape, values);
    }

    private static float[] ToFloats(ReadOnlySpan<Float16> halves)
    {
        var result = new float[halves.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = halves[i].ToFloat();
        }
        return result;
    }

    private OrtMemoryInfo DeviceMemory() => Provider == ExecutionProvider.Cpu
        ? OrtMemoryInfo.DefaultInstance
        : new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, Settings.DeviceId, OrtMemType.Default);

    private static SessionOptions Options(SessionSettings settings)
    {
        if (!OnnxRuntimeEnvironment.Has(settings.Provider))
        {
            throw new ExecutionProviderUnavailableException(
                $"execution provider '{OnnxRuntimeEnvironment.ShortName(settings.Provider)}' is not in this ONNX Runtime build ({OnnxRuntimeEnvironment.Version}); it has: {OnnxRuntimeEnvironment.DescribeProviders()}");
        }
        _ = OnnxRuntimeEnvironment.Instance;
        var options = new SessionOptions();
        try
        {
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            options.GraphOptimizationLevel = settings.OptimizeGraph ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL;
            if (settings.IntraOpThreads > 0)
            {
                options.IntraOpNumThreads = settings.IntraOpThreads;
            }
            options.InterOpNumThreads = 1;
            // Random weights can drive values into the subnormal range, where x86 arithmetic is many times slower.
            options.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
            if (settings.ProfilePathPrefix is string prefix)
            {
                // ONNX Runtime reads the prefix when profiling starts, so it must be set first.
                options.ProfileOutputPathPrefix = prefix;
                options.EnableProfiling = true;
            }
            long mark = OnnxRuntimeEnvironment.Mark();
            try
            {
                switch (settings.Provider)
                {
                    case ExecutionProvider.Cuda:
                        options.AppendExecutionProvider_CUDA(settings.DeviceId);
                        break;
                    case ExecutionProvider.TensorRt:
                        options.AppendExecutionProvider_Tensorrt(settings.DeviceId);
                        break;
                }
            }
            catch (OnnxRuntimeException e)
            {
                throw ProviderFailure.Explain(settings.Provider, e, OnnxRuntimeEnvironment.MessagesSince(mark));
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static InferenceSession Load(Func<InferenceSession> load, string what)
    {
        try
        {
            return load();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"loading {what}: {e.Message}", e);
        }
    }

    private void Validate(IReadOnlyDictionary<string, HostTensor> inputs)
    {
        var problems = new List<string>();
        foreach (string name in inputs.Keys.Where(k => Inputs.All(i => i.Name != k)))
        {
            problems.Add($"the model has no input '{name}' (its inputs: {string.Join(", ", Inputs.Select(i => i.Name))})");
        }
        foreach (TensorInfo expected in Inputs)
        {
            if (!inputs.TryGetValue(expected.Name, out HostTensor? given))
            {
                problems.Add($"input '{expected.Name}' is missing (expected {TensorInfo.ElementTypeName(expected.ElementType)} {expected.ShapeText})");
                continue;
            }
            bool typeOk = given.ElementType == expected.ElementType;
            bool rankOk = given.Shape.Count == expected.Dimensions.Count;
            bool dimsOk = rankOk && expected.Dimensions.Select((d, i) => d < 0 || d == given.Shape[i]).All(ok => ok);
            if (!typeOk || !dimsOk)
            {
                problems.Add($"input '{expected.Name}': expected {TensorInfo.ElementTypeName(expected.ElementType)} {expected.ShapeText}, got {TensorInfo.ElementTypeName(given.ElementType)} [{string.Join(", ", given.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]");
            }
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("wrong model inputs: " + string.Join("; ", problems));
        }
    }

    public void Dispose() => _session.Dispose();
}
