using Microsoft.ML.OnnxRuntime;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Runtime;

/// <summary>User mistakes and missing providers come back as exceptions whose messages say what is wrong and what to do.</summary>
[Collection(OrtCollection.Name)]
public sealed class BindingErrorTests
{
    [Fact]
    public void A_corrupt_model_fails_with_onnx_runtimes_own_message()
    {
        byte[] garbage = Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray();
        var e = Assert.Throws<ModelLoadException>(() => ModelSession.Create(garbage, new SessionSettings()));
        Assert.StartsWith("loading the model: ", e.Message);
        Assert.Contains("protobuf", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<OnnxRuntimeException>(e.InnerException);
    }

    [Fact]
    public void A_truncated_model_file_fails_to_load_naming_the_file()
    {
        byte[] model = DecoderModelBuilder.BlockStack(SmallModels.Tiny, 1).Bytes;
        string path = Path.Combine(Path.GetTempPath(), $"planner-truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model[..(model.Length / 2)]);
        try
        {
            var e = Assert.Throws<ModelLoadException>(() => ModelSession.Open(path, new SessionSettings()));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_wrong_input_shape_names_the_input_and_the_expected_shape()
    {
        BuiltModel model = DecoderModelBuilder.BlockStack(SmallModels.Tiny, 1);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, 1, 2, 0);
        inputs["hidden_states"].Dispose();
        inputs["hidden_states"] = HostTensor.FromFloats([1, 2, 3], new float[6]);
        try
        {
            var e = Assert.Throws<ArgumentException>(() => session.Prepare(inputs));
            Assert.Contains("input 'hidden_states': expected float32 [batch, seq, 16], got float32 [1, 2, 3]", e.Message);
        }
        finally
        {
            Dispose(inputs);
        }
    }

    [Fact]
    public void Shapes_only_onnx_runtime_can_check_fail_with_its_message()
    {
        BuiltModel model = DecoderModelBuilder.BlockStack(SmallModels.Tiny, 1);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, 1, 2, 0);
        // The rotary table for 3 positions does not broadcast against 2 new tokens.
        inputs["rope_cos"].Dispose();
        inputs["rope_cos"] = HostTensor.FromFloats([3, 4], new float[12]);
        try
        {
            using PreparedRun run = session.Prepare(inputs);
            var e = Assert.Throws<OnnxRuntimeException>(() => run.RunSeconds());
            Assert.Contains("Mul", e.Message);
        }
        finally
        {
            Dispose(inputs);
        }
    }

    [Fact]
    public void A_provider_without_its_cuda_libraries_names_the_missing_library_and_how_to_install_it()
    {
        BuiltModel model = DecoderModelBuilder.Overhead();
        if (ProviderCheck.Check(ExecutionProvider.Cuda).CanRun)
        {
            // A GPU machine with CUDA 13: the same call loads the model.
            using ModelSession session = model.CreateSession(new SessionSettings { Provider = ExecutionProvider.Cuda });
            Assert.Equal(ExecutionProvider.Cuda, session.Provider);
            return;
        }
        // Without CUDA the GPU package's provider library is there, the CUDA libraries it links against are not.
        var e = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            model.CreateSession(new SessionSettings { Provider = ExecutionProvider.Cuda }));
        Assert.StartsWith("execution provider 'cuda' cannot start: lib", e.Message);
        Assert.Matches(@"lib[a-zA-Z]+\.so\.\d+ \(.+\) is missing\. Install it: ", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.NotNull(e.MissingLibrary);
    }

    [Fact]
    public void Every_provider_is_listed_with_whether_it_runs_and_why_not()
    {
        IReadOnlyList<ProviderStatus> all = ProviderCheck.All();
        Assert.Equal([ExecutionProvider.Cpu, ExecutionProvider.Cuda, ExecutionProvider.TensorRt], all.Select(s => s.Provider));
        ProviderStatus cpu = all[0];
        Assert.True(cpu.CanRun);
        Assert.All(all, s => Assert.True(s.CompiledIn, $"{s.Provider}: the GPU package builds every provider in"));
        Assert.All(all.Where(s => !s.CanRun), s => Assert.Contains("cannot start", s.Reason));
    }

    [Fact]
    public void The_library_reports_its_version_and_the_cpu_provider()
    {
        Assert.Equal("1.32.0", OnnxRuntimeEnvironment.Version);
        Assert.True(OnnxRuntimeEnvironment.Has(ExecutionProvider.Cpu));
        Assert.Contains("CPUExecutionProvider", OnnxRuntimeEnvironment.AvailableProviders);
        Assert.Contains("libonnxruntime.so", OnnxRuntimeEnvironment.LibraryPath);
    }

    [Theory]
    [InlineData("Failed to load library /x/libonnxruntime_providers_cuda.so with error: libcudnn.so.9: cannot open shared object file: No such file or directory", "libcudnn.so.9", "cuDNN 9")]
    [InlineData("... with error: libcuda.so.1: cannot open shared object file", "libcuda.so.1", "NVIDIA driver")]
    [InlineData("with error: libnvinfer.so.10: cannot open shared object file", "libnvinfer.so.10", "TensorRT 10")]
    public void The_missing_library_is_read_from_the_native_log(string message, string library, string what)
    {
        Assert.Equal(library, ProviderFailure.MissingLibrary(["unrelated warning", message]));
        Assert.Contains(what, ProviderFailure.Describe(library).What);
    }

    private static void Dispose(Dictionary<string, HostTensor> inputs)
    {
        foreach (HostTensor t in inputs.Values)
        {
            t.Dispose();
        }
    }
}
