using System.Globalization;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Step time composed from measured operator timings (<see cref="OperatorTimingTable"/>): the
/// layers' measured operators at the step's token count (interpolated linearly between measured
/// points, and extended with the last points' per-token slope beyond them) plus the embedding
/// lookup; the terms the table does not hold come from the roofline, at the ceilings the
/// measurements show this GPU reaching rather than the engine's default shares of the datasheet:
/// <list type="bullet">
/// <item>the attention kernel: its FLOPs at the throughput the table's largest step reached, or
/// its KV-cache reads at the bandwidth the table's one-token step reached, whichever is longer;</item>
/// <item>the LM head: its weights read once and its logits for each sequence that produces a
/// token;</item>
/// <item>tensor parallelism's all-reduces (<see cref="TensorParallelCost"/>) and the engine's
/// fixed per-step overhead, as in <see cref="RooflinePerformanceProfile"/>.</item>
/// </list>
/// </summary>
public sealed class OperatorPerformanceProfile : IPerformanceProfile
{
    private readonly OperatorTimingTable _table;
    private readonly double[] _tokens;
    private readonly TensorParallelCost _allReduce;
    private readonly int _layers;
    private readonly double _attentionFlopsPerPair;
    private readonly double _kvBytesPerToken;
    private readonly double _lmHeadBytes;
    private readonly double _lmHeadFlopsPerToken;
    private readonly double _overheadSeconds;

    public OperatorPerformanceProfile(ModelArchitectureSpec model, GpuSpec gpu, int gpusPerReplica, ServingEngineSpec engine, OperatorTimingTable table)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(table);
        if (!table.Fits(model, gpusPerReplica) || !IsSixteenBit(engine.WeightPrecision))
        {
            throw new ArgumentException($"the operator table ({table.Source}) was not measured on {model.Name} layers at {gpusPerReplica} GPUs with 16-bit weights", nameof(table));
        }
        _table = table;
        _tokens = [.. table.Tokens.Select(t => (double)t)];
        _allReduce = new TensorParallelCost(model, gpu, gpusPerReplica, engine.PcieAllReduceEfficiency);
        _layers = model.Layers;
        // One GPU of the tensor-parallel group does 1/TP of the attention and holds 1/TP of the KV cache and LM head.
        _attentionFlopsPerPair = 4.0 * model.Layers * model.AttentionHeads * model.HeadDim / gpusPerReplica;
        _kvBytesPerToken = 2.0 * model.Layers * model.KvHeads * model.HeadDim * PrecisionBytes.Of(engine.KvCachePrecision) / gpusPerReplica;
        double lmHeadParams = (double)model.VocabSize * model.HiddenSize / gpusPerReplica;
        _lmHeadBytes = lmHeadParams * PrecisionBytes.Of(engine.WeightPrecision);
        _lmHeadFlopsPerToken = 2 * lmHeadParams;
        _overheadSeconds = engine.StepOverheadMs / 1000;

        // What the measurements show the GPU reaching: the one-token step reads the layer's weights
        // (bandwidth); the largest step is bound by its matrix multiplies (throughput).
        double layerParams = LayerParams(model) / gpusPerReplica;
        double weightBytes = layerParams * PrecisionBytes.Of(engine.WeightPrecision);
        BytesPerSecond = Math.Min(weightBytes / Math.Max(1e-12, table.LayerSeconds[0]), gpu.HbmBandwidthGbPerSecond * 1e9);
        int last = table.Tokens.Count - 1;
        FlopsPerSecond = Math.Min(2 * layerParams * table.Tokens[last] / Math.Max(1e-12, table.LayerSeconds[last]), gpu.Bf16DenseTflops * 1e12);
        Description = string.Create(CultureInfo.InvariantCulture,
            $"measured operator timings for {model.Name} layers on {gpusPerReplica} × {gpu.Name} ({table.Source}); attention and LM head at the measured {FlopsPerSecond / 1e12:0} TFLOPS and {BytesPerSecond / 1e9:0} GB/s per GPU; overhead {engine.StepOverheadMs:0.##} ms{_allReduce.Describe()}") + PerformanceValidationSpec.Clause(gpu, gpusPerReplica);
    }

    /// <summary>Memory bandwidth per GPU the measurements show (the one-token layer's weight reads), bytes/s.</summary>
    public double BytesPerSecond { get; }

    /// <summary>Matrix throughput per GPU the measurements show (the largest measured step), FLOP/s.</summary>
    public double FlopsPerSecond { get; }

    public string Description { get; }

    /// <summary>The table of <paramref name="gpu"/> measured on <paramref name="model"/>'s layers at <paramref name="gpusPerReplica"/> GPUs, if the engine runs 16-bit weights.</summary>
    public static OperatorTimingTable? TableFor(ModelArchitectureSpec model, GpuSpec gpu, int gpusPerReplica, ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(engine);
        return IsSixteenBit(engine.WeightPrecision) ? gpu.OperatorTimings.FirstOrDefault(t => t.Fits(model, gpusPerReplica)) : null;
    }

    /// <summary>Parameters of one decoder layer: the QKV and output projections and the gated MLP.</summary>
    public static double LayerParams(ModelArchitectureSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double h = model.HiddenSize;
        double q = (double)model.AttentionHeads * model.HeadDim;
        double kv = (double)model.KvHeads * model.HeadDim;
        return h * (q + 2 * kv) + q * h + 3 * h * model.IntermediateSize;
    }

    public double StepSeconds(in StepShape step)
    {
        int tokens = step.PrefillTokens + step.DecodeSequences;
        if (tokens == 0)
        {
            return 0;
        }
        double layers = _layers * Interpolate(_table.LayerSeconds, tokens) + Interpolate(_table.EmbeddingSeconds, tokens);
        double attention = Math.Max(
            _attentionFlopsPerPair * (step.PrefillAttentionPairs + step.DecodeContextTokens) / FlopsPerSecond,
            (step.DecodeContextTokens + tokens) * _kvBytesPerToken / BytesPerSecond);
        int logits = step.DecodeSequences + (step.PrefillTokens > 0 ? 1 : 0);
        double lmHead = Math.Max(_lmHeadFlopsPerToken * logits / FlopsPerSecond, _lmHeadBytes / BytesPerSecond);
        return layers + attention + lmHead + _overheadSeconds + _allReduce.StepSeconds(tokens);
    }

    private double Interpolate(IReadOnlyList<double> values, int tokens) => PiecewiseLinear.At(_tokens, values, tokens);

    private static bool IsSixteenBit(Precision p) => p is Precision.Bf16 or Precision.Fp16;
}
