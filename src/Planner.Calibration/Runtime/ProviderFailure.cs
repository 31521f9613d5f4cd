using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Planner.Calibration.Runtime;

/// <summary>
/// Turns ONNX Runtime's "Failed to load shared library" (its managed message names no library; the
/// native side logs which one dlopen missed) into one line that names the library and how to
/// install it.
/// </summary>
public static partial class ProviderFailure
{
    /// <summary>What each library the CUDA and TensorRT providers of ONNX Runtime 1.32 load belongs to, and how to get it.</summary>
    private static readonly (string Prefix, string What, string Install)[] Libraries =
    [
        ("libcublasLt.so", "cuBLASLt of CUDA 13", "apt-get install libcublas-13-0 (NVIDIA's CUDA repository) or pip install nvidia-cublas"),
        ("libcublas.so", "cuBLAS of CUDA 13", "apt-get install libcublas-13-0 (NVIDIA's CUDA repository) or pip install nvidia-cublas"),
        ("libcudart.so", "the CUDA 13 runtime", "apt-get install cuda-cudart-13-0 (NVIDIA's CUDA repository) or pip install nvidia-cuda-runtime"),
        ("libcurand.so", "cuRAND 10 of CUDA 13", "apt-get install libcurand-13-0 (NVIDIA's CUDA repository) or pip install nvidia-curand"),
        ("libcufft.so", "cuFFT of CUDA 13", "apt-get install libcufft-13-0 (NVIDIA's CUDA repository) or pip install nvidia-cufft"),
        ("libcudnn", "cuDNN 9 for CUDA 13", "apt-get install libcudnn9-cuda-13 (NVIDIA's CUDA repository) or pip install nvidia-cudnn-cu13"),
        ("libnvrtc.so", "NVRTC of CUDA 13", "apt-get install cuda-nvrtc-13-0 (NVIDIA's CUDA repository) or pip install nvidia-cuda-nvrtc"),
        ("libcuda.so", "the NVIDIA driver", "install the NVIDIA driver for the GPU (it brings libcuda.so.1); no GPU, no CUDA"),
        ("libnvinfer", "TensorRT 10", "apt-get install libnvinfer10 libnvinfer-plugin10 (NVIDIA's CUDA repository; TensorRT 10 built for CUDA 13)"),
        ("libnvonnxparser", "TensorRT 10's ONNX parser", "apt-get install libnvonnxparsers10 (NVIDIA's CUDA repository)"),
    ];

    /// <summary>
    /// Why <paramref name="provider"/> could not start, as one line, from the exception and the
    /// native messages logged meanwhile.
    /// </summary>
    public static ExecutionProviderUnavailableException Explain(ExecutionProvider provider, OnnxRuntimeException error, IReadOnlyList<string> nativeMessages)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(nativeMessages);
        string name = OnnxRuntimeEnvironment.ShortName(provider);
        string? missing = MissingLibrary(nativeMessages) ?? (error.Message.Contains("Failed to load shared library", StringComparison.Ordinal) ? ProbeProviderLibrary(provider) : null);
        if (missing is not null)
        {
            (string what, string install) = Describe(missing);
            return new ExecutionProviderUnavailableException(
                $"execution provider '{name}' cannot start: {missing} ({what}) is missing. Install it: {install}; put its folder on LD_LIBRARY_PATH, then check with 'planner bench --list-providers'",
                missing);
        }
        string native = nativeMessages.LastOrDefault(m => m.Contains("CUDA", StringComparison.Ordinal) || m.Contains("TensorRT", StringComparison.Ordinal)) ?? "";
        string reason = FirstLine(native.Length > 0 ? native : error.Message);
        return new ExecutionProviderUnavailableException($"execution provider '{name}' cannot start: {reason}");
    }

    /// <summary>The library dlopen reported missing in ONNX Runtime's log (<c>… with error: libcublasLt.so.13: cannot open shared object file …</c>).</summary>
    public static string? MissingLibrary(IEnumerable<string> nativeMessages)
    {
        ArgumentNullException.ThrowIfNull(nativeMessages);
        foreach (string message in nativeMessages.Reverse())
        {
            Match m = CannotOpen().Match(message);
            if (m.Success)
            {
                return m.Groups["lib"].Value;
            }
        }
        return null;
    }

    /// <summary>What a library is and how to install it.</summary>
    public static (string What, string Install) Describe(string library)
    {
        ArgumentNullException.ThrowIfNull(library);
        foreach ((string prefix, string what, string install) in Libraries)
        {
            if (library.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (what, install);
            }
        }
        return ("a library the provider links against", "install the CUDA 13 toolkit and cuDNN 9 (or TensorRT 10 for tensorrt)");
    }

    /// <summary>
    /// When the native log did not say (another environment was created first), loading the provider
    /// library ourselves gets the loader's own reason.
    /// </summary>
    private static string? ProbeProviderLibrary(ExecutionProvider provider)
    {
        string file = provider == ExecutionProvider.TensorRt ? "libonnxruntime_providers_tensorrt.so" : "libonnxruntime_providers_cuda.so";
        string? directory = Path.GetDirectoryName(OnnxRuntimeEnvironment.LibraryPath);
        string path = directory is null ? file : Path.Combine(directory, file);
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return null;
        }
        catch (DllNotFoundException e)
        {
            Match m = CannotOpen().Match(e.Message);
            return m.Success ? m.Groups["lib"].Value : null;
        }
    }

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        return line.TrimEnd('.');
    }

    [GeneratedRegex(@"(?<lib>lib[A-Za-z0-9_+.-]*\.so[0-9.]*): cannot open shared object file")]
    private static partial Regex CannotOpen();
}
