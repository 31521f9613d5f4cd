using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>Storage size of one element at each precision.</summary>
public static class PrecisionBytes
{
    public static double Of(Precision precision) => precision switch
    {
        Precision.Fp32 => 4,
        Precision.Bf16 or Precision.Fp16 => 2,
        Precision.Fp8 => 1,
        Precision.Int4 => 0.5,
        // NVFP4: 4-bit values and one 8-bit scale per block of 16.
        Precision.Fp4 => 0.5 + 1.0 / 16,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };
}
