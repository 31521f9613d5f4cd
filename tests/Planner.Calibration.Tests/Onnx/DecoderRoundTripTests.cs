using Planner.Calibration.Models;
using Planner.Calibration.Onnx;
using Planner.Calibration.Tests.Support;

namespace Planner.Calibration.Tests.Onnx;

/// <summary>Models built by Planner's own ONNX writer, run through Planner's own binding, give what the same computation gives in C#.</summary>
[Collection(OrtCollection.Name)]
public sealed class DecoderRoundTripTests(OrtFixture ort)
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
        using OrtSession session = model.CreateSession(ort.Runtime, new OrtSessionSettings { IntraOpThreads = 1 });
        Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(ort.Runtime, model, batch, seq, past);
        try
        {
            IReadOnlyList<OrtOutput> outputs = session.Run(inputs);
            var byName = outputs.ToDictionary(o => o.Info.Name);
            float[] hidden = inputs["hidden_states"].Span<float>().ToArray();
            ReferenceDecoder.BlockResult first = ReferenceDecoder.Block(model, 0, hidden,
                inputs["past_key.0"].Span<float>().ToArray(), inputs["past_value.0"].Span<float>().ToArray(), batch, seq, past);
            ReferenceDecoder.BlockResult second = ReferenceDecoder.Block(model, 1, first.Hidden.Select(v => (float)v).ToArray(),
                inputs["past_key.1"].Span<float>().ToArray(), inputs["past_value.1"].Span<float>().ToArray(), batch, seq, past);

            AssertClose(first.PresentKey, byName["present_key.0"].ToFloats());
            AssertClose(first.PresentValue, byName["present_value.0"].ToFloats());
            AssertClose(second.PresentKey, byName["present_key.1"].ToFloats());
            AssertClose(second.Hidden, byName["hidden_out"].ToFloats());
            Assert.Equal([batch, dims.KvHeads, past + seq, dims.HeadDim], byName["present_key.1"].Info.Dimensions);
            foreach (OrtOutput o in outputs)
            {
                o.Dispose();
            }
        }
        finally
        {
            foreach (OrtTensor t in inputs.Values)
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
        using OrtSession session = model.CreateSession(ort.Runtime, new OrtSessionSettings { IntraOpThreads = 1 });
        Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(ort.Runtime, model, batch: 2, seq: 3, past: 0);
        try
        {
            IReadOnlyList<OrtOutput> outputs = session.Run(inputs);
            (double[] embeddings, double[] logits) = ReferenceDecoder.Head(model, inputs["input_ids"].Span<long>().ToArray(), 2, 3);
            AssertClose(embeddings, outputs.Single(o => o.Info.Name == "embeddings").ToFloats());
            AssertClose(logits, outputs.Single(o => o.Info.Name == "logits").ToFloats());
            foreach (OrtOutput o in outputs)
            {
                o.Dispose();
            }
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
    public void A_half_precision_head_matches_the_reference_to_half_precision()
    {
        BuiltModel model = DecoderModelBuilder.Head(SmallModels.Tiny, ModelPrecision.Fp16);
        using OrtSession session = model.CreateSession(ort.Runtime, new OrtSessionSettings { IntraOpThreads = 1 });
        Assert.Equal(TensorElementType.Float16, session.Outputs.Single(o => o.Name == "logits").ElementType);
        Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(ort.Runtime, model, batch: 2, seq: 3, past: 0);
        try
        {
            IReadOnlyList<OrtOutput> outputs = session.Run(inputs);
            (_, double[] logits) = ReferenceDecoder.Head(model, inputs["input_ids"].Span<long>().ToArray(), 2, 3);
            float[] actual = outputs.Single(o => o.Info.Name == "logits").ToFloats();
            for (int i = 0; i < logits.Length; i++)
            {
                Assert.True(Math.Abs(logits[i] - actual[i]) <= 2e-2 + 1e-2 * Math.Abs(logits[i]), $"logit {i}: expected {logits[i]}, got {actual[i]}");
            }
            foreach (OrtOutput o in outputs)
            {
                o.Dispose();
            }
        }
        finally
        {
            foreach (OrtTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
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
