using Microsoft.ML.OnnxRuntime.Tensors;
using System.Runtime.InteropServices;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Models;

/// <summary>How one weight's values are made: uniform in ±<see cref="Bound"/> from the model seed, or all ones (norm scales).</summary>
internal sealed record WeightRecipe(string Name, TensorElementType ElementType, long[] Shape, float Bound, bool Ones)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Fills managed memory (small, inline weights).</summary>
    public void Fill(Span<byte> destination, ulong seed)
    {
        if (ElementType == TensorElementType.Float16)
        {
            Span<Half> halves = MemoryMarshal.Cast<byte, Half>(destination);
            if (Ones)
            {
                halves.Fill(Half.One);
            }
            else
            {
                WeightGenerator.FillUniform(halves, seed, Name, Bound);
            }
            return;
        }
        Span<float> floats = MemoryMarshal.Cast<byte, float>(destination);
        if (Ones)
        {
            floats.Fill(1f);
        }
        else
        {
            WeightGenerator.FillUniform(floats, seed, Name, Bound);
        }
    }

    /// <summary>Fills native memory (a mapped weights file), in parallel (weights of gigabytes); the values equal those of <see cref="Fill(Span{byte}, ulong)"/>.</summary>
    public unsafe void Fill(byte* p, ulong seed)
    {
        if (Ones)
        {
            Fill(new Span<byte>(p, checked((int)(ElementCount * HostTensor.ElementSize(ElementType)))), seed);
            return;
        }
        if (ElementType == TensorElementType.Float16)
        {
            WeightGenerator.FillUniformParallel((Half*)p, ElementCount, seed, Name, Bound);
        }
        else
        {
            WeightGenerator.FillUniformParallel((float*)p, ElementCount, seed, Name, Bound);
        }
    }
}
