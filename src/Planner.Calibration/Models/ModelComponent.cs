namespace Planner.Calibration.Models;

/// <summary>Which part of a model a benchmark ran.</summary>
public enum ModelComponent
{
    /// <summary>A stack of decoder blocks (hidden states and KV cache in, hidden states and KV cache out).</summary>
    BlockStack,

    /// <summary>Token embedding, final norm and LM head.</summary>
    Head,

    /// <summary>Embedding, every layer, final norm and LM head: the whole model.</summary>
    Whole,

    /// <summary>A model that does nothing (one Identity): the fixed cost of a run call.</summary>
    Overhead,

    /// <summary>The user's own ONNX file.</summary>
    External,
}
