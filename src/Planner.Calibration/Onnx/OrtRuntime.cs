namespace Planner.Calibration.Onnx;

/// <summary>
/// ONNX Runtime loaded from its native library: version, build, execution providers, and sessions.
/// One per process is enough; ONNX Runtime shares one environment among them anyway.
/// </summary>
public sealed class OrtRuntime : IDisposable
{
    private readonly OrtHandle _env;

    private OrtRuntime(OrtNative native)
    {
        Native = native;
        _env = native.CreateEnv("planner");
        CpuMemory = native.CreateCpuMemoryInfo();
        AvailableProviders = native.AvailableProviders();
    }

    /// <summary>Finds (<see cref="OrtLibraryLocator"/>) and loads the library.</summary>
    /// <exception cref="OrtLibraryNotFoundException">No library, or not a usable ONNX Runtime; the message says how to install one.</exception>
    public static OrtRuntime Load(string? explicitLibraryPath = null) => LoadFrom(OrtLibraryLocator.Find(explicitLibraryPath));

    /// <summary>Loads the library at exactly this path.</summary>
    public static OrtRuntime LoadFrom(string libraryPath) => new(OrtNative.Load(libraryPath));

    internal OrtNative Native { get; }

    internal OrtHandle CpuMemory { get; }

    /// <summary>ONNX Runtime's version, for example <c>1.30.0</c>.</summary>
    public string Version => Native.Version;

    public string LibraryPath => Native.LibraryPath;

    /// <summary>ONNX Runtime's description of its build (git commit, build type).</summary>
    public string BuildInfo => Native.BuildInfo;

    /// <summary>Execution providers compiled into the library, ONNX Runtime's names (for example <c>CPUExecutionProvider</c>).</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>ONNX Runtime's name of a provider.</summary>
    public static string ProviderName(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cuda => "CUDAExecutionProvider",
        ExecutionProvider.TensorRt => "TensorrtExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    /// <summary>Planner's short name of a provider, as the CLI takes it.</summary>
    public static string ShortName(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cuda => "cuda",
        ExecutionProvider.TensorRt => "tensorrt",
        _ => "cpu",
    };

    /// <summary>True when the library has the provider.</summary>
    public bool Has(ExecutionProvider provider) => AvailableProviders.Contains(ProviderName(provider));

    /// <summary>The providers, as the CLI names them where it can.</summary>
    public string DescribeProviders() => string.Join(", ", AvailableProviders.Select(p =>
        Enum.GetValues<ExecutionProvider>().Where(e => ProviderName(e) == p).Select(e => $"{ShortName(e)} ({p})").FirstOrDefault() ?? p));

    /// <summary>Loads a serialized model; <paramref name="weights"/> supplies initializers the model marks as external data (ownership passes to the session).</summary>
    public OrtSession CreateSession(ReadOnlySpan<byte> model, OrtSessionSettings settings, IReadOnlyList<KeyValuePair<string, OrtTensor>>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<OrtTensor> owned = weights?.Select(w => w.Value).ToList() ?? [];
        try
        {
            using OrtHandle options = Options(settings);
            if (weights is { Count: > 0 })
            {
                Native.AddExternalInitializers(options, weights.Select(w => w.Key).ToList(), owned);
            }
            OrtHandle session = Native.CreateSession(_env, model, options);
            return new OrtSession(this, session, settings.Provider, settings.DeviceId, owned);
        }
        catch
        {
            foreach (OrtTensor t in owned)
            {
                t.Dispose();
            }
            throw;
        }
    }

    /// <summary>Loads a model file.</summary>
    public OrtSession CreateSession(string modelPath, OrtSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"model file '{modelPath}' does not exist", modelPath);
        }
        using OrtHandle options = Options(settings);
        OrtHandle session = Native.CreateSession(_env, modelPath, options);
        return new OrtSession(this, session, settings.Provider, settings.DeviceId, []);
    }

    private OrtHandle Options(OrtSessionSettings settings)
    {
        if (!Has(settings.Provider))
        {
            throw new ExecutionProviderUnavailableException(
                $"execution provider '{ShortName(settings.Provider)}' ({ProviderName(settings.Provider)}) is not in the ONNX Runtime library at {LibraryPath} (version {Version}); it has: {DescribeProviders()}. "
                + (settings.Provider == ExecutionProvider.Cpu ? "" : "Use a GPU build of ONNX Runtime (--ort-library) for CUDA or TensorRT."));
        }
        OrtHandle options = Native.CreateSessionOptions();
        try
        {
            Native.SetLogSeverity(options, 3);
            Native.SetGraphOptimizationLevel(options, settings.OptimizeGraph ? 99 : 0);
            if (settings.IntraOpThreads > 0)
            {
                Native.SetIntraOpThreads(options, settings.IntraOpThreads);
            }
            Native.SetInterOpThreads(options, 1);
            // Random weights can drive values into the subnormal range, where x86 arithmetic is many times slower.
            Native.AddSessionConfigEntry(options, "session.set_denormal_as_zero", "1");
            try
            {
                switch (settings.Provider)
                {
                    case ExecutionProvider.Cuda:
                        Native.AppendCuda(options, settings.DeviceId);
                        break;
                    case ExecutionProvider.TensorRt:
                        Native.AppendTensorRt(options, settings.DeviceId);
                        break;
                }
            }
            catch (OrtException e)
            {
                throw new ExecutionProviderUnavailableException(
                    $"execution provider '{ShortName(settings.Provider)}' is built into {LibraryPath} but could not start: {e.Message}\n"
                    + "It needs its provider libraries beside libonnxruntime (libonnxruntime_providers_shared.so, libonnxruntime_providers_cuda.so"
                    + (settings.Provider == ExecutionProvider.TensorRt ? ", libonnxruntime_providers_tensorrt.so" : "")
                    + ") and the CUDA and cuDNN runtime libraries on the library path; an ONNX Runtime GPU install (for example pip's onnxruntime-gpu) has them. "
                    + $"Providers in this library: {DescribeProviders()}.", e);
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        CpuMemory.Dispose();
        _env.Dispose();
    }
}
