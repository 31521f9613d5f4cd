using System.Globalization;
using System.Runtime.CompilerServices;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// Step time from the GPU's datasheet, as two phases that run one after the other: the weight
/// matrices, their multiplies (2 × active parameters per token at peak × compute efficiency) and
/// their read (the weights once per step at HBM bandwidth × memory efficiency; for
/// mixture-of-experts, only the experts the step's tokens are expected to touch) on a roofline
/// rounded at its corner (<see cref="GemmSeconds"/>);
/// then attention, its multiplies (4 × layers × heads × head dim per token pair, at the KV cache's
/// precision: FP8 where the cache is FP8 and the GPU has FP8 tensor cores, else 16-bit) plus the KV
/// cache it reads and writes, a decode step's part spread over a tensor-parallel group by Amdahl's
/// law (<see cref="DecodeAttentionSpread"/>). Then tensor-parallel all-reduces (<see cref="TensorParallelCost"/>:
/// a ring fitted to the GPU's measured all-reduces where the catalog has them, else over the
/// datasheet interconnect) and a fixed per-step overhead. Attention used to sit inside one larger
/// of compute and memory for the whole step, which let a large decode batch hide its KV reads
/// behind the weight multiplies; held-out errors fell from 9.0% to 7.7% (by source) and from
/// 16.7% to 13.7% (by GPU) when it got its own term (calibration/VALIDATION.md).
/// </summary>
public sealed class RooflinePerformanceProfile : IPerformanceProfile
{
    private readonly double _activeParams;
    private readonly double _sharedParams;
    private readonly double _expertParams;
    private readonly int _experts;
    private readonly int _expertsPerToken;
    private readonly double _bytesPerWeight;
    private readonly double _kvBytesPerToken;
    private readonly double _attentionFlopsPerPair;
    private readonly double _peakFlopsPerSecond;
    private readonly double _bytesPerSecond;
    private readonly double _overheadSeconds;
    private readonly TensorParallelCost _allReduce;
    private readonly double _attentionFlopsPerSecond;
    private readonly double _decodeAttentionSpread;
    private readonly double _lmHeadParams;
    private readonly double _lmHeadBytesPerParam;
    private readonly double _lmHeadFlopsPerSecond;
    private readonly double _activationBytesPerToken;
    private readonly bool _screened;

    public RooflinePerformanceProfile(ModelArchitectureSpec model, GpuSpec gpu, int gpusPerReplica, ServingEngineSpec engine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(engine);
        _activeParams = model.ActiveParamsBillion * 1e9;
        _experts = Math.Max(1, model.Experts);
        _expertsPerToken = Math.Clamp(model.ExpertsPerToken, 1, _experts);
        if (_experts > _expertsPerToken)
        {
            // total = shared + E·e and active = shared + k·e give the size of one expert.
            _expertParams = (model.ParamsBillion - model.ActiveParamsBillion) * 1e9 / (_experts - _expertsPerToken);
            _sharedParams = model.ParamsBillion * 1e9 - _experts * _expertParams;
        }
        else
        {
            _sharedParams = model.ParamsBillion * 1e9;
        }
        if (engine.VocabularyInStepTime && ModelWeights.VocabularyParams(model) is > 0 and double vocabulary)
        {
            // The layers alone per token; the LM head its own term in StepSeconds.
            _lmHeadParams = (double)model.VocabSize * model.HiddenSize;
            _activeParams -= vocabulary;
            _sharedParams -= vocabulary;
        }
        if (!(engine.ActivationPasses >= 0 && engine.ActivationPasses <= MaxActivationPasses))
        {
            throw new ArgumentOutOfRangeException(nameof(engine), engine.ActivationPasses, $"activation passes must be from 0 to {MaxActivationPasses}");
        }
        _activationBytesPerToken = ActivationBytesPerToken(model, gpusPerReplica, engine.ActivationPasses);
        _lmHeadBytesPerParam = ModelWeights.VocabularyBytesPerParam(engine.WeightPrecision);
        _screened = _lmHeadParams > 0 || _activationBytesPerToken > 0;
        _bytesPerWeight = PrecisionBytes.Of(engine.WeightPrecision);
        _kvBytesPerToken = 2.0 * model.Layers * model.KvHeads * model.HeadDim * PrecisionBytes.Of(engine.KvCachePrecision);
        _attentionFlopsPerPair = 4.0 * model.Layers * model.AttentionHeads * model.HeadDim;
        double tflops = engine.WeightPrecision switch
        {
            Precision.Fp8 => gpu.Fp8DenseTflops ?? gpu.Bf16DenseTflops,
            // Without FP4 tensor cores, FP4 weights are read as such and multiplied at 16 bits.
            // With them, at no more than the FP8 rate: see Fp4MultiplyTflops.
            Precision.Fp4 => Fp4MultiplyTflops(gpu),
            Precision.Fp32 => gpu.Bf16DenseTflops / 2,
            _ => gpu.Bf16DenseTflops,
        };
        _allReduce = new TensorParallelCost(model, gpu, gpusPerReplica, engine.PcieAllReduceEfficiency);
        _peakFlopsPerSecond = tflops * 1e12 * gpusPerReplica * engine.ComputeEfficiency;
        double attentionTflops = engine.KvCachePrecision == Precision.Fp8 ? gpu.Fp8DenseTflops ?? gpu.Bf16DenseTflops : gpu.Bf16DenseTflops;
        _lmHeadFlopsPerSecond = gpu.Bf16DenseTflops * 1e12 * gpusPerReplica * engine.ComputeEfficiency;
        _attentionFlopsPerSecond = attentionTflops * 1e12 * gpusPerReplica * engine.ComputeEfficiency;
        _bytesPerSecond = gpu.HbmBandwidthGbPerSecond * 1e9 * gpusPerReplica * engine.MemoryEfficiency;
        _overheadSeconds = engine.StepOverheadMs / 1000;
        _decodeAttentionSpread = DecodeAttentionSpread(engine.TensorParallelAttentionSerialShare, gpusPerReplica);
        Description = string.Create(CultureInfo.InvariantCulture,
            $"roofline estimate for {model.Name} on {gpusPerReplica} × {gpu.Name} ({engine.WeightPrecision.ToString().ToLowerInvariant()}; compute efficiency {engine.ComputeEfficiency:0.##}, memory efficiency {engine.MemoryEfficiency:0.##}, overhead {engine.StepOverheadMs:0.##} ms{(gpusPerReplica > 1 ? $", decode attention's serial share {engine.TensorParallelAttentionSerialShare:0.##}" : "")}{(engine.ActivationPasses > 0 ? $", {engine.ActivationPasses:0.##} activation passes" : "")}{(_lmHeadParams > 0 ? ", the LM head once per logit" : "")}), not a measurement{_allReduce.Describe()}") + PerformanceValidationSpec.Clause(gpu, gpusPerReplica);
    }

    public string Description { get; }

    /// <summary>The most activation passes a profile accepts.</summary>
    public const double MaxActivationPasses = 100;

    /// <summary>
    /// Bytes of activation traffic per token over a whole group of <paramref name="gpus"/> GPUs:
    /// passes × layers × 2 bytes × (hidden × n + intermediate × experts per token), each GPU
    /// holding the hidden state whole and its share of the MLP's (<see cref="ServingEngineSpec.ActivationPasses"/>).
    /// </summary>
    public static double ActivationBytesPerToken(ModelArchitectureSpec model, int gpus, double passes)
    {
        ArgumentNullException.ThrowIfNull(model);
        int expertsPerToken = Math.Clamp(model.ExpertsPerToken, 1, Math.Max(1, model.Experts));
        return passes * model.Layers * 2.0 * ((double)model.HiddenSize * gpus + (double)model.IntermediateSize * expertsPerToken);
    }

    /// <summary>
    /// Dense TFLOPS at which the roofline multiplies NVFP4 (block-scaled 4-bit) weights: the GPU's
    /// FP4 peak, but no more than its FP8 peak; its 16-bit peak where it has no FP4 tensor cores.
    /// FP4 weights still take 4.5 bits each to store and to read (<see cref="PrecisionBytes"/>);
    /// only the multiply is capped. The datasheet's FP4 figure, twice FP8's, is the packed FP4
    /// MMA's rate; the NVFP4 GEMMs that serving engines ran in 2025 reached about FP8's: vLLM's
    /// CUTLASS NVFP4 GEMM on a Blackwell GPU at most 2.2× its BF16 GEMM of the same shape with the
    /// activations' quantization, 2.9× without, and slower than BF16 at 256 rows (FP8 is 2×;
    /// vllm-project/vllm pull request 20646, 2025-07-08, its table before its own tuning);
    /// FlashInfer's NVFP4 GEMM on a B200 short of the
    /// hardware in both the compute- and the memory-bound regime (flashinfer-ai/flashinfer issue
    /// 1732, 2025-09-19). Nothing was fitted: FP4 buys memory (a smaller replica, a larger KV
    /// cache) and, where the step is bound by reading the weights, speed; not faster multiplies
    /// than FP8 (calibration/VALIDATION.md, "FP4 multiplies at the FP8 rate").
    /// </summary>
    public static double Fp4MultiplyTflops(GpuSpec gpu)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        return gpu.Fp4DenseTflops is double fp4 ? Math.Min(fp4, gpu.Fp8DenseTflops ?? fp4) : gpu.Bf16DenseTflops;
    }

    public double StepSeconds(in StepShape step)
    {
        if (_screened)
        {
            return ScreenedStepSeconds(step);
        }
        int tokens = step.PrefillTokens + step.DecodeSequences;
        if (tokens == 0)
        {
            return 0;
        }
        // The weight matrices: their multiply and their read, on a rounded roofline (see GemmSeconds).
        double gemm = GemmSeconds(2 * _activeParams * tokens / _peakFlopsPerSecond, WeightParamsRead(tokens) * _bytesPerWeight / _bytesPerSecond);
        return gemm + AttentionSeconds(step, tokens) + _overheadSeconds + _allReduce.StepSeconds(tokens);
    }

    /// <summary>
    /// <see cref="StepSeconds"/> with the screened terms (<see cref="ServingEngineSpec.VocabularyInStepTime"/>,
    /// <see cref="ServingEngineSpec.ActivationPasses"/>), apart so that the default step pays nothing for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double ScreenedStepSeconds(in StepShape step)
    {
        int tokens = step.PrefillTokens + step.DecodeSequences;
        if (tokens == 0)
        {
            return 0;
        }
        // The LM head (with VocabularyInStepTime): read at 16 bits, multiplied once per logit, each
        // decoding sequence's and one for a step that prefills.
        int logits = step.DecodeSequences + (step.PrefillTokens > 0 ? 1 : 0);
        double gemm = GemmSeconds(
            2 * _activeParams * tokens / _peakFlopsPerSecond + 2 * _lmHeadParams * logits / _lmHeadFlopsPerSecond,
            (WeightParamsRead(tokens) * _bytesPerWeight + _lmHeadParams * _lmHeadBytesPerParam) / _bytesPerSecond);
        return gemm + AttentionSeconds(step, tokens) + tokens * _activationBytesPerToken / _bytesPerSecond + _overheadSeconds + _allReduce.StepSeconds(tokens);
    }

    /// <summary>Weight parameters a step of <paramref name="tokens"/> reads: the shared ones, and for mixture-of-experts the experts its tokens are expected to touch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double WeightParamsRead(int tokens)
    {
        double weightParams = _sharedParams;
        if (_expertParams > 0)
        {
            double untouched = Math.Pow(1 - (double)_expertsPerToken / _experts, tokens);
            weightParams += _experts * (1 - untouched) * _expertParams;
        }
        return weightParams;
    }

    /// <summary>
    /// Attention, after the weight matrices and at its own precision: its multiplies (prefill
    /// pairs and each decoding sequence's context) and the KV cache it reads and writes; the
    /// decoding sequences' part spread over a tensor-parallel group by Amdahl's law.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double AttentionSeconds(in StepShape step, int tokens) =>
        _attentionFlopsPerPair * step.PrefillAttentionPairs / _attentionFlopsPerSecond
        + tokens * _kvBytesPerToken / _bytesPerSecond
        + _decodeAttentionSpread * step.DecodeContextTokens * (_attentionFlopsPerPair / _attentionFlopsPerSecond + _kvBytesPerToken / _bytesPerSecond);

    /// <summary>
    /// Seconds of a weight multiply that needs <paramref name="computeSeconds"/> at the compute
    /// ceiling and <paramref name="readSeconds"/> at the memory ceiling: √(compute² + read²), a
    /// roofline rounded at its corner, where neither ceiling is reached. Far from the corner it is
    /// the larger of the two within 1% (where one is 8 times the other or more); at the corner it is √2 × either.
    /// The six GEMMs measured on one H200 whose compute and read are within 2× of each other
    /// (calibration/measurements/h200-pytorch/gemm.csv) took 1.12–1.28 × the larger and 0.92–1.07 ×
    /// this; with it the held-out error fell (calibration/VALIDATION.md, "A rounded roofline").
    /// </summary>
    public static double GemmSeconds(double computeSeconds, double readSeconds) => Math.Sqrt(computeSeconds * computeSeconds + readSeconds * readSeconds);

    /// <summary>
    /// What a decode step's attention takes on <paramref name="gpus"/> GPUs of a tensor-parallel
    /// group, as a multiple of the roofline's even split (its time on one GPU ÷ n): n·s + 1 − s,
    /// that is (s + (1 − s)/n) of the time on one GPU, for a serial share s
    /// (<see cref="ServingEngineSpec.TensorParallelAttentionSerialShare"/>); 1 on one GPU.
    /// </summary>
    public static double DecodeAttentionSpread(double serialShare, int gpus)
    {
        if (!(serialShare >= 0 && serialShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(serialShare), serialShare, "the tensor-parallel attention serial share must be at least 0 and below 1");
        }
        return gpus <= 1 ? 1 : serialShare * gpus + 1 - serialShare;
    }
}
