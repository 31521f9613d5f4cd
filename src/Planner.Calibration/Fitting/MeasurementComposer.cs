using System.Globalization;
using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Turns a measurement file into whole-model step times. Built-in decoder measurements are
/// composed per point as <c>overhead + layers × (stack − overhead) / blocks + (head − overhead)</c>:
/// the cost of one run call counted once, each block's share scaled to the model's layer count,
/// plus embedding and LM head. Whole-model, external-model and imported rows are used as measured.
/// A point's time is its median run (its mean where no median is known): on a shared machine the
/// median ignores the runs other processes stretched, which are not the hardware's behaviour.
/// </summary>
public static class MeasurementComposer
{
    public static IReadOnlyList<FitPoint> Compose(MeasurementSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var points = new List<FitPoint>();
        foreach (MeasurementRow r in set.Rows.Where(r => r.Component is ModelComponent.Whole or ModelComponent.External))
        {
            points.Add(new FitPoint(Label(r), r.Work, Seconds(r)));
        }
        var stacks = set.Rows.Where(r => r.Component == ModelComponent.BlockStack).ToList();
        if (stacks.Count == 0)
        {
            return points;
        }
        int layers = set.Metadata.Layers
            ?? throw new MeasurementFormatException($"{set.CsvPath}: block-stack rows need the model's layer count (layers) in the metadata to be composed into whole-model times");
        double overhead = set.Rows.Where(r => r.Component == ModelComponent.Overhead).Select(Seconds).DefaultIfEmpty(0).Min();
        var heads = set.Rows.Where(r => r.Component == ModelComponent.Head).ToDictionary(Key);
        foreach (MeasurementRow stack in stacks)
        {
            if (!heads.TryGetValue(Key(stack), out MeasurementRow? head))
            {
                throw new MeasurementFormatException($"{set.CsvPath}: block-stack point {Label(stack)} has no head measurement of the same shape to compose with");
            }
            if (stack.Blocks < 1)
            {
                throw new MeasurementFormatException($"{set.CsvPath}: block-stack point {Label(stack)} has {stack.Blocks} blocks");
            }
            double perBlock = Math.Max(0, Seconds(stack) - overhead) / stack.Blocks;
            double seconds = overhead + layers * perBlock + Math.Max(0, Seconds(head) - overhead);
            points.Add(new FitPoint(Label(stack), stack.Work, seconds));
        }
        return points;
    }

    /// <summary>The time a row stands for: its median, else its mean.</summary>
    public static double Seconds(MeasurementRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Timing.P50Seconds > 0 ? r.Timing.P50Seconds : r.Timing.MeanSeconds;
    }

    /// <summary>A point as people read it: <c>prefill batch 4 × 128</c>, <c>decode batch 8 after 1024</c>.</summary>
    public static string Label(MeasurementRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Phase == BenchmarkPhase.Prefill
            ? string.Create(CultureInfo.InvariantCulture, $"prefill batch {r.Batch} × {r.NewTokens}{(r.PastTokens > 0 ? " after " + r.PastTokens.ToString(CultureInfo.InvariantCulture) : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"decode batch {r.Batch} after {r.PastTokens}");
    }

    private static (BenchmarkPhase, int, int, int) Key(MeasurementRow r) => (r.Phase, r.Batch, r.NewTokens, r.PastTokens);
}
