using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace Planner.Calibration.Runtime;

/// <summary>
/// ONNX Runtime's process-wide environment, created once with a logger of Planner's: the native
/// side's messages (a provider library that failed to load, names the library it missed) are kept
/// for error messages instead of being printed to the terminal in colour.
/// </summary>
public static class OnnxRuntimeEnvironment
{
    private static readonly Lazy<OrtEnv> Env = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    // The delegate is handed to native code: keep it reachable for the life of the process.
    private static readonly DOrtLoggingFunction Logger = Log;

    /// <summary>The environment (created on first use).</summary>
    public static OrtEnv Instance => Env.Value;

    /// <summary>ONNX Runtime's version, for example <c>1.32.0</c>.</summary>
    public static string Version => Instance.GetVersionString();

    /// <summary>The managed package's assembly version and the native library's path, for the environment record.</summary>
    public static string Build =>
        $"Microsoft.ML.OnnxRuntime {typeof(OrtEnv).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? Version}";

    /// <summary>Where the native library that was loaded lives (from the process's memory map), or its name when that cannot be read.</summary>
    public static string LibraryPath
    {
        get
        {
            _ = Instance;
            try
            {
                if (File.Exists("/proc/self/maps"))
                {
                    string? line = File.ReadLines("/proc/self/maps").FirstOrDefault(l => l.EndsWith("/libonnxruntime.so", StringComparison.Ordinal)
                        || l.Contains("/libonnxruntime.so.", StringComparison.Ordinal));
                    if (line is not null && line.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0)
                    {
                        return line[slash..].Trim();
                    }
                }
            }
            catch (IOException)
            {
            }
            return "libonnxruntime.so";
        }
    }

    /// <summary>Execution providers compiled into the library, ONNX Runtime's names (for example <c>CPUExecutionProvider</c>).</summary>
    public static IReadOnlyList<string> AvailableProviders => Instance.GetAvailableProviders();

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

    /// <summary>True when the library was built with the provider (whether it can start is <see cref="ProviderCheck"/>'s question).</summary>
    public static bool Has(ExecutionProvider provider) => AvailableProviders.Contains(ProviderName(provider));

    /// <summary>The compiled-in providers, as the CLI names them where it can.</summary>
    public static string DescribeProviders() => string.Join(", ", AvailableProviders.Select(p =>
        Enum.GetValues<ExecutionProvider>().Where(e => ProviderName(e) == p).Select(e => $"{ShortName(e)} ({p})").FirstOrDefault() ?? p));

    /// <summary>Hardware devices ONNX Runtime found, in words (for example <c>CPU (AMD)</c>).</summary>
    public static IReadOnlyList<string> Devices() =>
        Instance.GetEpDevices().Select(d => $"{d.HardwareDevice.Type} ({d.HardwareDevice.Vendor}) via {d.EpName}").Distinct().ToList();

    /// <summary>Native messages logged from now on are returned by <see cref="MessagesSince"/> with this mark.</summary>
    public static long Mark()
    {
        _ = Instance;
        return NativeLog.Mark();
    }

    /// <summary>Native warnings and errors logged since <paramref name="mark"/>.</summary>
    public static IReadOnlyList<string> MessagesSince(long mark) => NativeLog.Since(mark);

    private static OrtEnv Create()
    {
        if (OrtEnv.IsCreated)
        {
            return OrtEnv.Instance();
        }
        var options = new EnvironmentCreationOptions
        {
            logId = "planner",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = Logger,
        };
        return OrtEnv.CreateInstanceWithOptions(ref options);
    }

    private static void Log(nint param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message) =>
        NativeLog.Add(message);
}
