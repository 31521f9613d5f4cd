using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Benchmarking;

/// <summary>Per-operator times from ONNX Runtime's profiler: read from its Chrome-trace JSON and attached to every measured point.</summary>
[Collection(OrtCollection.Name)]
public sealed class OperatorProfileTests
{
    [Fact]
    public void Node_events_are_assigned_to_the_run_they_fall_in()
    {
        string path = Path.Combine(Path.GetTempPath(), $"planner-trace-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            [
              {"cat":"Session","name":"session_initialization","ts":0,"dur":50,"args":{}},
              {"cat":"Session","name":"model_run","ts":100,"dur":100,"args":{}},
              {"cat":"Node","name":"mm_1_kernel_time","ts":110,"dur":40,"args":{"op_name":"MatMul","provider":"CPUExecutionProvider"}},
              {"cat":"Node","name":"mm_1_fence_before","ts":109,"dur":0,"args":{"op_name":"MatMul"}},
              {"cat":"Node","name":"sm_kernel_time","ts":160,"dur":10,"args":{"op_name":"Softmax","provider":"CPUExecutionProvider"}},
              {"cat":"Session","name":"model_run","ts":300,"dur":100,"args":{}},
              {"cat":"Node","name":"mm_1_kernel_time","ts":310,"dur":60,"args":{"op_name":"MatMul","provider":"CPUExecutionProvider"}},
              {"cat":"Node","name":"mm_2_kernel_time","ts":380,"dur":20,"args":{"op_name":"MatMul","provider":"CPUExecutionProvider"}},
              {"cat":"Node","name":"sm_kernel_time","ts":390,"dur":10,"args":{"op_name":"Softmax","provider":"CPUExecutionProvider"}}
            ]
            """);
        try
        {
            var runs = OperatorProfile.ReadRuns(path);
            Assert.Equal(2, runs.Count);
            Assert.Equal(2, runs[0].Count);
            Assert.Equal(3, runs[1].Count);
            IReadOnlyList<OperatorTime> ops = OperatorProfile.Summarize(runs, "block_stack", 2, BenchmarkPhase.Decode, 1, 1, 16);
            OperatorTime matMul = ops[0];
            Assert.Equal(("MatMul", 2, 2), (matMul.OpType, matMul.Nodes, matMul.Runs));
            Assert.Equal(60e-6, matMul.KernelSecondsPerRun, 12);
            Assert.Equal(120.0 / 140.0, matMul.Share, 9);
            Assert.Equal(1.0, ops.Sum(o => o.Share), 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_profiled_sweep_gives_a_breakdown_of_every_point_of_head_and_stack()
    {
        var plan = new BenchmarkPlan
        {
            Batches = [1, 2],
            SequenceLengths = [4],
            WarmupRuns = 1,
            MinRuns = 2,
            MaxRuns = 3,
            MaxSecondsPerPoint = 0.2,
            OperatorProfileRuns = 2,
        };
        BenchmarkResult result = new BenchmarkRunner(new SessionSettings { IntraOpThreads = 1 }, plan).RunDecoder(SmallModels.Tiny, 2, ModelPrecision.Fp32);
        Assert.Equal(1 + 2 * 4, result.Rows.Count);
        var points = result.Operators.GroupBy(o => (o.Component, o.Phase, o.Batch, o.NewTokens, o.PastTokens)).ToList();
        Assert.Equal(2 * 4, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal(1.0, p.Sum(o => o.Share), 6);
            Assert.All(p, o => Assert.Equal(2, o.Runs));
        });
        Assert.Contains(result.Operators, o => o.Component == "block_stack" && o.OpType == "MatMul" && o.Provider == "CPUExecutionProvider");
        Assert.Contains(result.Operators, o => o.Component == "head" && o.OpType == "Gather");
    }
}
