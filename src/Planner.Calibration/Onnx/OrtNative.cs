using System.Runtime.InteropServices;
using System.Text;

namespace Planner.Calibration.Onnx;

/// <summary>
/// ONNX Runtime's C API reached through its function-pointer table: <c>OrtGetApiBase()</c> gives
/// <c>GetApi(version)</c>, which gives the <c>OrtApi</c> table; each method below calls one entry
/// (position from <see cref="OrtFunction"/>, signature from <c>onnxruntime_c_api.h</c>) and turns a
/// returned <c>OrtStatus</c> into an <see cref="OrtException"/> carrying ONNX Runtime's message.
/// </summary>
internal sealed unsafe class OrtNative
{
    /// <summary>
    /// The C API version requested. Every function Planner calls exists from this version on
    /// (ONNX Runtime 1.16); newer libraries serve older versions of the table unchanged.
    /// </summary>
    public const uint ApiVersion = 16;

    private readonly nint* _table;

    private OrtNative(nint* table, string version, string libraryPath)
    {
        _table = table;
        Version = version;
        LibraryPath = libraryPath;
    }

    public string Version { get; }

    public string LibraryPath { get; }

    /// <summary>Loads the library at <paramref name="path"/> and fetches its API table.</summary>
    public static OrtNative Load(string path)
    {
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or ArgumentException)
        {
            throw new OrtLibraryNotFoundException(
                $"could not load the ONNX Runtime library '{path}': {e.Message}\n{OrtLibraryLocator.InstallHint}", e);
        }
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out nint getApiBase))
        {
            throw new OrtLibraryNotFoundException(
                $"'{path}' is not an ONNX Runtime library (it has no OrtGetApiBase function)\n{OrtLibraryLocator.InstallHint}");
        }
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        nint* apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        string version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)apiBase[1])()) ?? "unknown";
        nint* table = ((delegate* unmanaged<uint, nint*>)apiBase[0])(ApiVersion);
        if (table is null)
        {
            throw new OrtLibraryNotFoundException(
                $"the ONNX Runtime library '{path}' is version {version}, which does not serve C API version {ApiVersion}; Planner needs ONNX Runtime 1.16 or later\n{OrtLibraryLocator.InstallHint}");
        }
        return new OrtNative(table, version, path);
    }

    private nint Fn(OrtFunction f) => _table[(int)f];

    /// <summary>Throws an <see cref="OrtException"/> for a non-null status, after releasing it.</summary>
    public void Check(nint status, string doing)
    {
        if (status == 0)
        {
            return;
        }
        var code = (OrtErrorCode)((delegate* unmanaged<nint, int>)Fn(OrtFunction.GetErrorCode))(status);
        string message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)Fn(OrtFunction.GetErrorMessage))(status)) ?? "(no message)";
        ((delegate* unmanaged<nint, void>)Fn(OrtFunction.ReleaseStatus))(status);
        throw new OrtException(code, $"{doing}: {message}");
    }

    private OrtHandle Own(nint pointer, OrtFunction release) => new(pointer, Fn(release));

    public string BuildInfo => Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)Fn(OrtFunction.GetBuildInfoString))()) ?? "";

    public OrtHandle CreateEnv(string logId)
    {
        nint env;
        using var id = new Utf8String(logId);
        // ORT_LOGGING_LEVEL_ERROR: warnings about unused initializers and the like are noise here.
        Check(((delegate* unmanaged<int, nint, nint*, nint>)Fn(OrtFunction.CreateEnv))(3, id.Pointer, &env), "creating the ONNX Runtime environment");
        OrtHandle handle = Own(env, OrtFunction.ReleaseEnv);
        Check(((delegate* unmanaged<nint, nint>)Fn(OrtFunction.DisableTelemetryEvents))(env), "disabling telemetry");
        return handle;
    }

    public IReadOnlyList<string> AvailableProviders()
    {
        nint* names;
        int count;
        Check(((delegate* unmanaged<nint**, int*, nint>)Fn(OrtFunction.GetAvailableProviders))(&names, &count), "listing execution providers");
        var result = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(Marshal.PtrToStringUTF8(names[i]) ?? "");
        }
        Check(((delegate* unmanaged<nint*, int, nint>)Fn(OrtFunction.ReleaseAvailableProviders))(names, count), "releasing the provider list");
        return result;
    }

    public OrtHandle CreateCpuMemoryInfo()
    {
        nint info;
        // OrtArenaAllocator = 1, OrtMemTypeDefault = 0.
        Check(((delegate* unmanaged<int, int, nint*, nint>)Fn(OrtFunction.CreateCpuMemoryInfo))(1, 0, &info), "creating CPU memory info");
        return Own(info, OrtFunction.ReleaseMemoryInfo);
    }

    /// <summary>Memory info of a CUDA device (arena allocator, default memory), for inputs and outputs that stay on the GPU.</summary>
    public OrtHandle CreateCudaMemoryInfo(int deviceId)
    {
        nint info;
        using var name = new Utf8String("Cuda");
        Check(((delegate* unmanaged<nint, int, int, int, nint*, nint>)Fn(OrtFunction.CreateMemoryInfo))(name.Pointer, 1, deviceId, 0, &info), $"creating CUDA memory info for device {deviceId}");
        return Own(info, OrtFunction.ReleaseMemoryInfo);
    }

    public OrtHandle CreateAllocator(OrtHandle session, OrtHandle memoryInfo)
    {
        nint allocator;
        Check(((delegate* unmanaged<nint, nint, nint*, nint>)Fn(OrtFunction.CreateAllocator))(session.Pointer, memoryInfo.Pointer, &allocator), "creating a device allocator");
        return Own(allocator, OrtFunction.ReleaseAllocator);
    }

    /// <summary>A tensor allocated by <paramref name="allocator"/> (on its device); its contents are whatever the memory held.</summary>
    public OrtHandle CreateTensor(OrtHandle allocator, ReadOnlySpan<long> shape, TensorElementType type)
    {
        nint value;
        fixed (long* s = shape)
        {
            Check(((delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)Fn(OrtFunction.CreateTensorAsOrtValue))(allocator.Pointer, s, (nuint)shape.Length, (int)type, &value),
                "allocating a device tensor");
        }
        return Own(value, OrtFunction.ReleaseValue);
    }

    public OrtHandle CreateIoBinding(OrtHandle session)
    {
        nint binding;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtFunction.CreateIoBinding))(session.Pointer, &binding), "creating an I/O binding");
        return Own(binding, OrtFunction.ReleaseIoBinding);
    }

    public void BindInput(OrtHandle binding, string name, OrtHandle value)
    {
        using var n = new Utf8String(name);
        Check(((delegate* unmanaged<nint, nint, nint, nint>)Fn(OrtFunction.BindInput))(binding.Pointer, n.Pointer, value.Pointer), $"binding input '{name}'");
    }

    public void BindOutputToDevice(OrtHandle binding, string name, OrtHandle memoryInfo)
    {
        using var n = new Utf8String(name);
        Check(((delegate* unmanaged<nint, nint, nint, nint>)Fn(OrtFunction.BindOutputToDevice))(binding.Pointer, n.Pointer, memoryInfo.Pointer), $"binding output '{name}' to the device");
    }

    /// <summary>Runs with bound inputs and outputs; returns the status for the caller to check after timing.</summary>
    public nint RunWithBindingRaw(nint session, nint binding) =>
        ((delegate* unmanaged<nint, nint, nint, nint>)Fn(OrtFunction.RunWithBinding))(session, 0, binding);

    public OrtHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Fn(OrtFunction.CreateSessionOptions))(&options), "creating session options");
        return Own(options, OrtFunction.ReleaseSessionOptions);
    }

    public void SetIntraOpThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)Fn(OrtFunction.SetIntraOpNumThreads))(options.Pointer, threads), "setting intra-op threads");

    public void SetInterOpThreads(OrtHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)Fn(OrtFunction.SetInterOpNumThreads))(options.Pointer, threads), "setting inter-op threads");

    public void SetGraphOptimizationLevel(OrtHandle options, int level) =>
        Check(((delegate* unmanaged<nint, int, nint>)Fn(OrtFunction.SetSessionGraphOptimizationLevel))(options.Pointer, level), "setting the graph optimization level");

    public void SetLogSeverity(OrtHandle options, int level) =>
        Check(((delegate* unmanaged<nint, int, nint>)Fn(OrtFunction.SetSessionLogSeverityLevel))(options.Pointer, level), "setting the log level");

    public void AddSessionConfigEntry(OrtHandle options, string key, string value)
    {
        using var k = new Utf8String(key);
        using var v = new Utf8String(value);
        Check(((delegate* unmanaged<nint, nint, nint, nint>)Fn(OrtFunction.AddSessionConfigEntry))(options.Pointer, k.Pointer, v.Pointer), $"setting session option {key}");
    }

    public void AppendCuda(OrtHandle options, int deviceId) =>
        AppendProvider(options, deviceId, OrtFunction.CreateCUDAProviderOptions, OrtFunction.UpdateCUDAProviderOptions,
            OrtFunction.SessionOptionsAppendExecutionProvider_CUDA_V2, OrtFunction.ReleaseCUDAProviderOptions, "CUDA");

    public void AppendTensorRt(OrtHandle options, int deviceId) =>
        AppendProvider(options, deviceId, OrtFunction.CreateTensorRTProviderOptions, OrtFunction.UpdateTensorRTProviderOptions,
            OrtFunction.SessionOptionsAppendExecutionProvider_TensorRT_V2, OrtFunction.ReleaseTensorRTProviderOptions, "TensorRT");

    private void AppendProvider(OrtHandle options, int deviceId, OrtFunction create, OrtFunction update, OrtFunction append, OrtFunction release, string name)
    {
        nint providerOptions;
        Check(((delegate* unmanaged<nint*, nint>)Fn(create))(&providerOptions), $"creating {name} provider options");
        using OrtHandle owned = Own(providerOptions, release);
        using var key = new Utf8String("device_id");
        using var value = new Utf8String(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        nint k = key.Pointer;
        nint v = value.Pointer;
        Check(((delegate* unmanaged<nint, nint*, nint*, nuint, nint>)Fn(update))(owned.Pointer, &k, &v, 1), $"setting {name} device_id {deviceId}");
        Check(((delegate* unmanaged<nint, nint, nint>)Fn(append))(options.Pointer, owned.Pointer), $"adding the {name} execution provider (device {deviceId})");
    }

    public void AddExternalInitializers(OrtHandle options, IReadOnlyList<string> names, IReadOnlyList<OrtTensor> values)
    {
        int n = names.Count;
        var strings = new Utf8String[n];
        try
        {
            nint* namePointers = stackalloc nint[Math.Max(1, n)];
            nint* valuePointers = stackalloc nint[Math.Max(1, n)];
            for (int i = 0; i < n; i++)
            {
                strings[i] = new Utf8String(names[i]);
                namePointers[i] = strings[i].Pointer;
                valuePointers[i] = values[i].Value.Pointer;
            }
            Check(((delegate* unmanaged<nint, nint*, nint*, nuint, nint>)Fn(OrtFunction.AddExternalInitializers))(options.Pointer, namePointers, valuePointers, (nuint)n),
                "adding the model's weights");
        }
        finally
        {
            foreach (Utf8String? s in strings)
            {
                s?.Dispose();
            }
        }
    }

    public OrtHandle CreateSession(OrtHandle env, ReadOnlySpan<byte> model, OrtHandle options)
    {
        nint session;
        fixed (byte* data = model)
        {
            Check(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)Fn(OrtFunction.CreateSessionFromArray))(env.Pointer, data, (nuint)model.Length, options.Pointer, &session),
                "loading the model");
        }
        return Own(session, OrtFunction.ReleaseSession);
    }

    public OrtHandle CreateSession(OrtHandle env, string path, OrtHandle options)
    {
        nint session;
        // ORTCHAR_T is wchar_t on Windows and char (UTF-8) elsewhere.
        nint native = OperatingSystem.IsWindows() ? Marshal.StringToHGlobalUni(path) : Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            Check(((delegate* unmanaged<nint, nint, nint, nint*, nint>)Fn(OrtFunction.CreateSession))(env.Pointer, native, options.Pointer, &session),
                $"loading the model '{path}'");
        }
        finally
        {
            if (OperatingSystem.IsWindows())
            {
                Marshal.FreeHGlobal(native);
            }
            else
            {
                Marshal.FreeCoTaskMem(native);
            }
        }
        return Own(session, OrtFunction.ReleaseSession);
    }

    public int InputCount(OrtHandle session)
    {
        nuint n;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtFunction.SessionGetInputCount))(session.Pointer, &n), "counting inputs");
        return (int)n;
    }

    public int OutputCount(OrtHandle session)
    {
        nuint n;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtFunction.SessionGetOutputCount))(session.Pointer, &n), "counting outputs");
        return (int)n;
    }

    public string InputName(OrtHandle session, int index) => Name(session, index, OrtFunction.SessionGetInputName, "input");

    public string OutputName(OrtHandle session, int index) => Name(session, index, OrtFunction.SessionGetOutputName, "output");

    private string Name(OrtHandle session, int index, OrtFunction f, string what)
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)Fn(OrtFunction.GetAllocatorWithDefaultOptions))(&allocator), "getting the default allocator");
        nint name;
        Check(((delegate* unmanaged<nint, nuint, nint, nint*, nint>)Fn(f))(session.Pointer, (nuint)index, allocator, &name), $"reading the name of {what} {index}");
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? "";
        }
        finally
        {
            Check(((delegate* unmanaged<nint, nint, nint>)Fn(OrtFunction.AllocatorFree))(allocator, name), "freeing a name");
        }
    }

    public OrtTensorInfo InputInfo(OrtHandle session, int index, string name) =>
        TypeInfo(session, index, name, OrtFunction.SessionGetInputTypeInfo);

    public OrtTensorInfo OutputInfo(OrtHandle session, int index, string name) =>
        TypeInfo(session, index, name, OrtFunction.SessionGetOutputTypeInfo);

    private OrtTensorInfo TypeInfo(OrtHandle session, int index, string name, OrtFunction f)
    {
        nint typeInfo;
        Check(((delegate* unmanaged<nint, nuint, nint*, nint>)Fn(f))(session.Pointer, (nuint)index, &typeInfo), $"reading the type of '{name}'");
        using OrtHandle owned = Own(typeInfo, OrtFunction.ReleaseTypeInfo);
        int onnxType;
        Check(((delegate* unmanaged<nint, int*, nint>)Fn(OrtFunction.GetOnnxTypeFromTypeInfo))(typeInfo, &onnxType), $"reading the kind of '{name}'");
        const int OnnxTypeTensor = 1;
        if (onnxType != OnnxTypeTensor)
        {
            return new OrtTensorInfo { Name = name, IsTensor = false, ElementType = TensorElementType.Undefined, Dimensions = [], SymbolicDimensions = [] };
        }
        nint tensorInfo;
        // Borrowed from the type info: not released separately.
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtFunction.CastTypeInfoToTensorInfo))(typeInfo, &tensorInfo), $"reading the tensor type of '{name}'");
        return Shape(tensorInfo, name);
    }

    private OrtTensorInfo Shape(nint tensorInfo, string name)
    {
        int elementType;
        Check(((delegate* unmanaged<nint, int*, nint>)Fn(OrtFunction.GetTensorElementType))(tensorInfo, &elementType), $"reading the element type of '{name}'");
        nuint rank;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtFunction.GetDimensionsCount))(tensorInfo, &rank), $"reading the rank of '{name}'");
        var dims = new long[(int)rank];
        var symbols = new nint[(int)rank];
        fixed (long* d = dims)
        fixed (nint* s = symbols)
        {
            Check(((delegate* unmanaged<nint, long*, nuint, nint>)Fn(OrtFunction.GetDimensions))(tensorInfo, d, rank), $"reading the shape of '{name}'");
            Check(((delegate* unmanaged<nint, nint*, nuint, nint>)Fn(OrtFunction.GetSymbolicDimensions))(tensorInfo, s, rank), $"reading the dimension names of '{name}'");
        }
        return new OrtTensorInfo
        {
            Name = name,
            IsTensor = true,
            ElementType = (TensorElementType)elementType,
            Dimensions = dims,
            SymbolicDimensions = symbols.Select(p => p == 0 ? "" : Marshal.PtrToStringUTF8(p) ?? "").ToArray(),
        };
    }

    public OrtHandle CreateTensor(OrtHandle memoryInfo, NativeBuffer data, ReadOnlySpan<long> shape, TensorElementType type)
    {
        nint value;
        fixed (long* s = shape)
        {
            Check(((delegate* unmanaged<nint, nint, nuint, long*, nuint, int, nint*, nint>)Fn(OrtFunction.CreateTensorWithDataAsOrtValue))(
                memoryInfo.Pointer, data.Pointer, (nuint)data.Length, s, (nuint)shape.Length, (int)type, &value), "creating a tensor");
        }
        return Own(value, OrtFunction.ReleaseValue);
    }

    public OrtHandle OwnValue(nint value) => Own(value, OrtFunction.ReleaseValue);

    public nint TensorData(OrtHandle value)
    {
        nint data;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtFunction.GetTensorMutableData))(value.Pointer, &data), "reading tensor data");
        return data;
    }

    public OrtTensorInfo ValueInfo(OrtHandle value, string name)
    {
        int isTensor;
        Check(((delegate* unmanaged<nint, int*, nint>)Fn(OrtFunction.IsTensor))(value.Pointer, &isTensor), $"reading the kind of '{name}'");
        if (isTensor == 0)
        {
            return new OrtTensorInfo { Name = name, IsTensor = false, ElementType = TensorElementType.Undefined, Dimensions = [], SymbolicDimensions = [] };
        }
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtFunction.GetTensorTypeAndShape))(value.Pointer, &info), $"reading the shape of '{name}'");
        using OrtHandle owned = Own(info, OrtFunction.ReleaseTensorTypeAndShapeInfo);
        return Shape(info, name);
    }

    /// <summary>Runs the session; <paramref name="outputs"/> receives new values the caller must release.</summary>
    public nint RunRaw(nint session, nint* inputNames, nint* inputs, int inputCount, nint* outputNames, int outputCount, nint* outputs) =>
        ((delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Fn(OrtFunction.Run))(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs);

    public void ReleaseValue(nint value) => ((delegate* unmanaged<nint, void>)Fn(OrtFunction.ReleaseValue))(value);

    /// <summary>A NUL-terminated UTF-8 copy of a string in native memory.</summary>
    internal sealed class Utf8String : IDisposable
    {
        public Utf8String(string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            Pointer = Marshal.AllocHGlobal(bytes.Length + 1);
            Marshal.Copy(bytes, 0, Pointer, bytes.Length);
            ((byte*)Pointer)[bytes.Length] = 0;
        }

        public nint Pointer { get; private set; }

        public void Dispose()
        {
            if (Pointer != 0)
            {
                Marshal.FreeHGlobal(Pointer);
                Pointer = 0;
            }
        }
    }
}
