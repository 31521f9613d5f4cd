using Planner.Calibration.Models;
using Planner.Calibration.Onnx;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Onnx;

/// <summary>User mistakes come back as exceptions whose messages say what is wrong and what to do.</summary>
[Collection(OrtCollection.Name)]
public sealed class BindingErrorTests(OrtFixture ort)
{
    [Fact]
    public void A_library_path_that_does_not_exist_says_how_to_install_one()
    {
        var e = Assert.Throws<OrtLibraryNotFoundException>(() => OrtLibraryLocator.Find("/nonexistent/libonnxruntime.so.1"));
        Assert.Contains("'/nonexistent/libonnxruntime.so.1' does not exist", e.Message);
        Assert.Contains("npm pack onnxruntime-node@1.30.0", e.Message);
        Assert.Contains("tests/setup/onnxruntime.sh", e.Message);
    }

    [Fact]
    public void The_environment_variable_is_used_when_no_path_is_given()
    {
        var e = Assert.Throws<OrtLibraryNotFoundException>(() => OrtLibraryLocator.Find(null, "/missing/lib.so", []));
        Assert.Contains("PLANNER_ORT_LIBRARY", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_runtime_is_refused_with_the_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"planner-not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "this is text, not a shared library");
        try
        {
            var e = Assert.Throws<OrtLibraryNotFoundException>(() => OrtRuntime.LoadFrom(path));
            Assert.Contains("could not load the ONNX Runtime library", e.Message);
            Assert.Contains("npm pack", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_corrupt_model_fails_with_onnx_runtimes_own_message()
    {
        byte[] garbage = Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray();
        var e = Assert.Throws<OrtException>(() => ort.Runtime.CreateSession(garbage, new OrtSessionSettings()));
        Assert.StartsWith("loading the model: ", e.Message);
        Assert.Contains("protobuf", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OrtErrorCode.InvalidProtobuf, e.Code);
    }

    [Fact]
    public void A_truncated_model_file_fails_to_load()
    {
        byte[] model = DecoderModelBuilder.BlockStack(SmallModels.Tiny, 1).Bytes;
        string path = Path.Combine(Path.GetTempPath(), $"planner-truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model[..(model.Length / 2)]);
        try
        {
            var e = Assert.Throws<OrtException>(() => ort.Runtime.CreateSession(path, new OrtSessionSettings()));
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
        using OrtSession session = model.CreateSession(ort.Runtime, new OrtSessionSettings { IntraOpThreads = 1 });
        Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(ort.Runtime, model, 1, 2, 0);
        inputs["hidden_states"].Dispose();
        inputs["hidden_states"] = OrtTensor.FromFloats(ort.Runtime, [1, 2, 3], new float[6]);
        try
        {
            var e = Assert.Throws<ArgumentException>(() => session.Prepare(inputs));
            Assert.Contains("input 'hidden_states': expected float32 [batch, seq, 16], got float32 [1, 2, 3]", e.Message);
        }
        finally
        {
            foreach (OrtTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void Shapes_only_onnx_runtime_can_check_fail_with_its_message()
    {
        BuiltModel model = DecoderModelBuilder.BlockStack(SmallModels.Tiny, 1);
        using OrtSession session = model.CreateSession(ort.Runtime, new OrtSessionSettings { IntraOpThreads = 1 });
        Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(ort.Runtime, model, 1, 2, 0);
        // The rotary table for 3 positions does not broadcast against 2 new tokens.
        inputs["rope_cos"].Dispose();
        inputs["rope_cos"] = OrtTensor.FromFloats(ort.Runtime, [3, 4], new float[12]);
        try
        {
            using OrtPreparedRun run = session.Prepare(inputs);
            var e = Assert.Throws<OrtException>(() => run.RunSeconds());
            Assert.StartsWith("running the model: ", e.Message);
        }
        finally
        {
            foreach (OrtTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void A_provider_that_cannot_run_lists_the_available_ones()
    {
        BuiltModel model = DecoderModelBuilder.Overhead();
        var e = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            model.CreateSession(ort.Runtime, new OrtSessionSettings { Provider = ExecutionProvider.TensorRt }));
        Assert.Contains("cpu (CPUExecutionProvider)", e.Message);
        Assert.Contains("tensorrt", e.Message);
    }

    [Fact]
    public void The_library_reports_its_version_and_the_cpu_provider()
    {
        Assert.StartsWith("1.", ort.Runtime.Version);
        Assert.True(ort.Runtime.Has(ExecutionProvider.Cpu));
        Assert.Contains("CPUExecutionProvider", ort.Runtime.AvailableProviders);
    }
}
