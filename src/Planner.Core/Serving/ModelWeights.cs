using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// What a model's weights weigh in GPU memory and in its checkpoint. The decoder layers take the
/// weight precision; the vocabulary matrices (the input embedding and the LM head, vocab × hidden
/// each, one matrix where they are tied) stay at 16 bits whatever the layers' precision, as
/// quantized checkpoints keep them: FP8 and NVFP4 checkpoints leave the LM head unquantized, AWQ
/// and GPTQ 4-bit ones both matrices, and an embedding table is looked up, never multiplied.
/// Llama 3.1 8B in FP8 so weighs 9.08 GB, not 8.03; Llama 3.1 70B 72.65 GB, not 70.55; Llama 3.1
/// 8B in 4 bits 5.59 GB, not 4.02.
/// <para>
/// Memory only: the roofline's step times still charge every parameter at the weight precision
/// (<see cref="RooflinePerformanceProfile"/>; calibration/VALIDATION.md, "The vocabulary
/// matrices", says why that was not changed with this). The correction is there as a screen,
/// off by default (<see cref="ServingEngineSpec.VocabularyInStepTime"/>).
/// </para>
/// </summary>
public static class ModelWeights
{
    /// <summary>
    /// Parameters of the input embedding and the LM head (one matrix where tied); 0 where the
    /// model's total is not larger (an inline model whose total leaves them out is taken as all layers).
    /// </summary>
    public static double VocabularyParams(ModelArchitectureSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double total = model.ParamsBillion * 1e9;
        double vocabulary = (double)model.VocabSize * model.HiddenSize * (model.TiedEmbeddings ? 1 : 2);
        return vocabulary < total ? vocabulary : 0;
    }

    /// <summary>Bytes a vocabulary parameter takes: 16 bits, or 32 where the whole model is fp32.</summary>
    public static double VocabularyBytesPerParam(Precision weights) => Math.Max(2, PrecisionBytes.Of(weights));

    /// <summary>Bytes of the model's weights at <paramref name="weights"/>: the layers at that precision, the vocabulary at 16 bits.</summary>
    public static double Bytes(ModelArchitectureSpec model, Precision weights)
    {
        double vocabulary = VocabularyParams(model);
        return (model.ParamsBillion * 1e9 - vocabulary) * PrecisionBytes.Of(weights) + vocabulary * VocabularyBytesPerParam(weights);
    }
}
