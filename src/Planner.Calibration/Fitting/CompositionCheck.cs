using Planner.Calibration.Benchmarking;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Fitting;

/// <summary>
/// Checks the composition <c>whole ≈ overhead + layers × (stack − overhead) / blocks + (head − overhead)</c>
/// on a model small enough to run whole. The four models run in turn, round after round, at each
/// point, so a machine that gets busier or quieter meanwhile slows all of them alike; each is
/// represented by its median.
/// </summary>
public static class CompositionCheck
{
    /// <summary>
    /// Rows with the whole model's time as "measured" and the composition as "predicted", one per
    /// point of the plan. <c>representative</c> sums up each model's runs at a point in one time: the
    /// median by default; the minimum (the least disturbed run) suits a machine other jobs load in bursts.
    /// </summary>
    public static IReadOnlyList<ProfileCheckRow> Run(SessionSettings settings, DecoderDimensions model, int blocksMeasured,
        BenchmarkPlan plan, IProgress<BenchmarkProgress>? progress = null, Func<TimingStatistics, double>? representative = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        BuiltModel[] models =
        [
            DecoderModelBuilder.Overhead(),
            DecoderModelBuilder.Head(model),
            DecoderModelBuilder.BlockStack(model, blocksMeasured),
            DecoderModelBuilder.Whole(model),
        ];
        var sessions = new List<ModelSession>();
        try
        {
            foreach (BuiltModel m in models)
            {
                progress?.Report(new BenchmarkProgress(0, plan.Points().Count, $"loading {m.Name}"));
                sessions.Add(m.CreateSession(settings));
            }
            var rows = new List<ProfileCheckRow>();
            var points = plan.Validated().Points();
            for (int i = 0; i < points.Count; i++)
            {
                (BenchmarkPhase phase, int batch, int length) = points[i];
                (int newTokens, int past) = BenchmarkRunner.Step(phase, length);
                progress?.Report(new BenchmarkProgress(i, points.Count, $"composition: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}"));
                double[] times = Interleaved(models, sessions, batch, newTokens, past, plan, representative ?? (t => t.P50Seconds));
                double overhead = times[0];
                double composed = overhead + model.Layers * Math.Max(0, times[2] - overhead) / blocksMeasured + Math.Max(0, times[1] - overhead);
                var row = new MeasurementRow
                {
                    Component = ModelComponent.Whole,
                    Blocks = model.Layers,
                    Phase = phase,
                    Batch = batch,
                    NewTokens = newTokens,
                    PastTokens = past,
                    Timing = TimingStatistics.Of([times[3]]),
                    Converged = false,
                };
                rows.Add(new ProfileCheckRow(MeasurementComposer.Label(row), times[3], composed));
            }
            progress?.Report(new BenchmarkProgress(points.Count, points.Count, "done"));
            return rows;
        }
        finally
        {
            foreach (ModelSession s in sessions)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>The representative run time of each model, running them in turn for the plan's time per point (at least its minimum runs).</summary>
    private static double[] Interleaved(BuiltModel[] models, List<ModelSession> sessions, int batch, int newTokens, int past, BenchmarkPlan plan,
        Func<TimingStatistics, double> representative)
    {
        var inputs = new List<Dictionary<string, HostTensor>>();
        var runs = new List<PreparedRun>();
        try
        {
            for (int m = 0; m < models.Length; m++)
            {
                inputs.Add(DecoderInputs.Create(models[m], batch, m == 0 ? 1 : newTokens, m == 0 ? 0 : past));
                runs.Add(sessions[m].Prepare(inputs[m]));
            }
            return BenchmarkRunner.RepeatTogether(runs.Select(r => (Func<double>)r.RunSeconds).ToList(), plan, out _)
                .Select(representative).ToArray();
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
            foreach (HostTensor t in inputs.SelectMany(i => i.Values))
            {
                t.Dispose();
            }
        }
    }
}
