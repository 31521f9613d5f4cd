using Microsoft.ML.OnnxRuntime.Tensors;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Runtime;

/// <summary>Models built by Planner's own ONNX writer, run by ONNX Runtime, give what the same computation gives in C#; bound runs give what plain runs give.</summary>
[Collection(OrtCollection.Name)]
public sealed class DecoderRoundTripTests
{
    [Theory]
    [InlineData("tiny", 2, 3, 2)]
    [InlineData("tiny", 1, 4, 0)]
    [InlineData("tiny", 3, 1, 5)]
    [InlineData("wide", 2, 2, 3)]
    public void Two_block_stack_matches_the_reference_computation(string shape, int batch, int seq, int past)
    {
        DecoderDimensions dims = shape == "tiny" ? SmallModels.Tiny : SmallModels.Wide;
        BuiltModel model = DecoderModelBuilder.BlockStack(dims, blocks: 2);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, batch, seq, past);
        try
        {
            IReadOnlyList<RunOutput> outputs = session.Run(inputs);
            var byName = outputs.ToDictionary(o => o.Name);
            float[] hidden = inputs["hidden_states"].Span<float>().ToArray();
            ReferenceDecoder.BlockResult first = ReferenceDecoder.Block(model, 0, hidden,
                inputs["past_key.0"].Span<float>().ToArray(), inputs["past_value.0"].Span<float>().ToArray(), batch, seq, past);
            ReferenceDecoder.BlockResult second = ReferenceDecoder.Block(model, 1, first.Hidden.Select(v => (float)v).ToArray(),
                inputs["past_key.1"].Span<float>().ToArray(), inputs["past_value.1"].Span<float>().ToArray(), batch, seq, past);

            AssertClose(first.PresentKey, byName["present_key.0"].Values);
            AssertClose(first.PresentValue, byName["present_value.0"].Values);
            AssertClose(second.PresentKey, byName["present_key.1"].Values);
            AssertClose(second.Hidden, byName["hidden_out"].Values);
            Assert.Equal([batch, dims.KvHeads, past + seq, dims.HeadDim], byName["present_key.1"].Dimensions);
        }
        finally
        {
            foreach (HostTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("wide")]
    public void Head_gathers_embeddings_and_projects_the_last_position(string shape)
    {
        BuiltModel model = DecoderModelBuilder.Head(shape == "tiny" ? SmallModels.Tiny : SmallModels.Wide);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, batch: 2, seq: 3, past: 0);
        try
        {
            IReadOnlyList<RunOutput> outputs = session.Run(inputs);
            (double[] embeddings, double[] logits) = ReferenceDecoder.Head(model, inputs["input_ids"].Span<long>().ToArray(), 2, 3);
            AssertClose(embeddings, outputs.Single(o => o.Name == "embeddings").Values);
            AssertClose(logits, outputs.Single(o => o.Name == "logits").Values);
        }
        finally
        {
            foreach (HostTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void A_half_precision_head_matches_the_reference_to_half_precision()
    {
        BuiltModel model = DecoderModelBuilder.Head(SmallModels.Tiny, ModelPrecision.Fp16);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Assert.Equal(TensorElementType.Float16, session.Outputs.Single(o => o.Name == "logits").ElementType);
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, batch: 2, seq: 3, past: 0);
        try
        {
            IReadOnlyList<RunOutput> outputs = session.Run(inputs);
            (_, double[] logits) = ReferenceDecoder.Head(model, inputs["input_ids"].Span<long>().ToArray(), 2, 3);
            float[] actual = outputs.Single(o => o.Name == "logits").Values;
            for (int i = 0; i < logits.Length; i++)
            {
                Assert.True(Math.Abs(logits[i] - actual[i]) <= 2e-2 + 1e-2 * Math.Abs(logits[i]), $"logit {i}: expected {logits[i]}, got {actual[i]}");
            }
        }
        finally
        {
            foreach (HostTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>
    /// A prepared run binds every input from its host values (ONNX Runtime copies them to the
    /// provider's device when bound): token ids feeding Gather, the causal mask, the rotary tables
    /// and the caches must reach the model, so its outputs equal a plain run's bit for bit.
    /// </summary>
    [Theory]
    [InlineData("head", 2, 3, 0)]
    [InlineData("stack", 2, 3, 2)]
    [InlineData("stack", 1, 1, 5)]
    public void A_bound_run_gives_the_outputs_of_a_plain_run(string part, int batch, int seq, int past)
    {
        BuiltModel model = part == "head" ? DecoderModelBuilder.Head(SmallModels.Tiny) : DecoderModelBuilder.BlockStack(SmallModels.Tiny, blocks: 2);
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, batch, seq, past);
        try
        {
            IReadOnlyList<RunOutput> plain = session.Run(inputs);
            using PreparedRun run = session.Prepare(inputs, outputsOnHost: true);
            IReadOnlyList<RunOutput> bound = run.RunAndReadOutputs();
            Assert.Equal(plain.Select(o => o.Name), bound.Select(o => o.Name));
            for (int i = 0; i < plain.Count; i++)
            {
                Assert.Equal(plain[i].Dimensions, bound[i].Dimensions);
                Assert.True(plain[i].Values.AsSpan().SequenceEqual(bound[i].Values), $"output {plain[i].Name} differs between the bound and the plain run");
            }
            // Different inputs must give different outputs, or the comparison above proves nothing.
            Dictionary<string, HostTensor> other = DecoderInputs.Create(model, batch, seq, past, seed: 8);
            try
            {
                IReadOnlyList<RunOutput> changed = session.Run(other);
                Assert.False(changed[0].Values.AsSpan().SequenceEqual(plain[0].Values), "outputs do not depend on the inputs");
            }
            finally
            {
                foreach (HostTensor t in other.Values)
                {
                    t.Dispose();
                }
            }
        }
        finally
        {
            foreach (HostTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void The_one_operator_model_runs_timed_and_read_back()
    {
        BuiltModel model = DecoderModelBuilder.Overhead();
        using ModelSession session = model.CreateSession(new SessionSettings { IntraOpThreads = 1 });
        using HostTensor x = HostTensor.FromFloats([1], [2.5f]);
        using PreparedRun timed = session.Prepare(new Dictionary<string, HostTensor> { ["x"] = x }, outputsOnHost: false);
        Assert.True(timed.RunSeconds() >= 0);
        using PreparedRun read = session.Prepare(new Dictionary<string, HostTensor> { ["x"] = x }, outputsOnHost: true);
        Assert.Equal([2.5f], read.RunAndReadOutputs().Single().Values);
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-4 + 2e-4 * Math.Abs(expected[i]),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
