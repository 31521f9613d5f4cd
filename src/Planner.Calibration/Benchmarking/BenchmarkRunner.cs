using System.Diagnostics;
using System.Globalization;
using Planner.Calibration.Models;
using Planner.Calibration.Onnx;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// Times models point by point: warm-up runs, then timed runs until the mean is known to the
/// plan's precision or a cap is hit. For a built-in decoder it measures the run overhead once, then
/// the head and the block stack at every point of the plan — what composing a whole model needs.
/// </summary>
public sealed class BenchmarkRunner
{
    private readonly OrtRuntime _runtime;
    private readonly OrtSessionSettings _settings;
    private readonly BenchmarkPlan _plan;
    private readonly IProgress<BenchmarkProgress>? _progress;
    private int _done;
    private int _total;

    public BenchmarkRunner(OrtRuntime runtime, OrtSessionSettings settings, BenchmarkPlan plan, IProgress<BenchmarkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        _runtime = runtime;
        _settings = settings;
        _plan = plan.Validated();
        _progress = progress;
    }

    /// <summary>
    /// Overhead once, then the head and a stack of <paramref name="blocks"/> blocks at every point,
    /// run in turn round after round, so both parts of a composed point see the same machine
    /// (a load that comes and goes slows both alike).
    /// </summary>
    public IReadOnlyList<MeasurementRow> RunDecoder(DecoderDimensions dimensions, int blocks, ModelPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var points = _plan.Points();
        _done = 0;
        _total = 1 + points.Count;
        var rows = new List<MeasurementRow>();
        rows.AddRange(RunPoints(DecoderModelBuilder.Overhead(), [(BenchmarkPhase.Decode, 1, 1)]));
        BuiltModel head = DecoderModelBuilder.Head(dimensions, precision);
        BuiltModel stack = DecoderModelBuilder.BlockStack(dimensions, blocks, precision);
        Report(Loading(head));
        using OrtSession headSession = head.CreateSession(_runtime, _settings);
        Report(Loading(stack));
        using OrtSession stackSession = stack.CreateSession(_runtime, _settings);
        var headRows = new List<MeasurementRow>();
        var stackRows = new List<MeasurementRow>();
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = Step(phase, length);
            Report($"head + {blocks} blocks: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, OrtTensor> headInputs = DecoderInputs.Create(_runtime, head, batch, newTokens, past);
            Dictionary<string, OrtTensor> stackInputs = DecoderInputs.Create(_runtime, stack, batch, newTokens, past);
            try
            {
                using OrtPreparedRun headRun = headSession.Prepare(headInputs);
                using OrtPreparedRun stackRun = stackSession.Prepare(stackInputs);
                IReadOnlyList<TimingStatistics> stats = RepeatTogether([headRun.RunSeconds, stackRun.RunSeconds], _plan, out bool[] converged);
                headRows.Add(Row(ModelComponent.Head, 0, phase, batch, newTokens, past, stats[0], converged[0]));
                stackRows.Add(Row(ModelComponent.BlockStack, blocks, phase, batch, newTokens, past, stats[1], converged[1]));
            }
            finally
            {
                foreach (OrtTensor t in headInputs.Values.Concat(stackInputs.Values))
                {
                    t.Dispose();
                }
            }
            _done++;
        }
        Report("done");
        rows.AddRange(headRows);
        rows.AddRange(stackRows);
        return rows;
    }

    /// <summary>Every point of the plan on one built model.</summary>
    public IReadOnlyList<MeasurementRow> RunModel(BuiltModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var points = _plan.Points();
        _done = 0;
        _total = points.Count;
        return RunPoints(model, points);
    }

    /// <summary>Every point of the plan on the user's own model, inputs bound by <paramref name="binder"/>.</summary>
    public IReadOnlyList<MeasurementRow> RunExternal(OrtSession session, ExternalModelBinder binder)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(binder);
        var points = _plan.Points();
        _done = 0;
        _total = points.Count;
        var rows = new List<MeasurementRow>();
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = Step(phase, length);
            Report($"model: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, OrtTensor> inputs = binder.Create(_runtime, session, phase, batch, newTokens, past);
            rows.Add(MeasureWith(session, inputs, ModelComponent.External, 0, phase, batch, newTokens, past));
            _done++;
        }
        Report("done");
        return rows;
    }

    private List<MeasurementRow> RunPoints(BuiltModel model, IReadOnlyList<(BenchmarkPhase Phase, int Batch, int Length)> points)
    {
        Report(Loading(model));
        var rows = new List<MeasurementRow>();
        using OrtSession session = model.CreateSession(_runtime, _settings);
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = model.Component == ModelComponent.Overhead ? (1, 0) : Step(phase, length);
            Report($"{Label(model.Component)}: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, OrtTensor> inputs = DecoderInputs.Create(_runtime, model, batch, newTokens, past);
            rows.Add(MeasureWith(session, inputs, model.Component, model.Blocks, phase, batch, newTokens, past));
            _done++;
        }
        Report("done");
        return rows;
    }

    private MeasurementRow MeasureWith(OrtSession session, Dictionary<string, OrtTensor> inputs, ModelComponent component, int blocks,
        BenchmarkPhase phase, int batch, int newTokens, int past)
    {
        try
        {
            using OrtPreparedRun run = session.Prepare(inputs);
            TimingStatistics timing = Repeat(run.RunSeconds, _plan, out bool converged);
            return Row(component, blocks, phase, batch, newTokens, past, timing, converged);
        }
        finally
        {
            foreach (OrtTensor t in inputs.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Prefill: the length is the prompt; decode: one new token after that many cached ones.</summary>
    public static (int NewTokens, int Past) Step(BenchmarkPhase phase, int length) =>
        phase == BenchmarkPhase.Prefill ? (length, 0) : (1, length);

    private static MeasurementRow Row(ModelComponent component, int blocks, BenchmarkPhase phase, int batch, int newTokens, int past, TimingStatistics timing, bool converged) => new()
    {
        Component = component,
        Blocks = blocks,
        Phase = phase,
        Batch = batch,
        NewTokens = newTokens,
        PastTokens = past,
        Timing = timing,
        Converged = converged,
    };

    /// <summary>Warm-up, then timed runs until the 95% CI half-width is within the target, or a cap.</summary>
    public static TimingStatistics Repeat(Func<double> run, BenchmarkPlan plan, out bool converged)
    {
        IReadOnlyList<TimingStatistics> stats = RepeatTogether([run], plan, out bool[] each);
        converged = each[0];
        return stats[0];
    }

    /// <summary>
    /// Several runs measured in turn, one of each per round: warm-up rounds, then rounds until every
    /// mean's 95% CI half-width is within the target, or the run or time cap is reached.
    /// </summary>
    public static IReadOnlyList<TimingStatistics> RepeatTogether(IReadOnlyList<Func<double>> runs, BenchmarkPlan plan, out bool[] converged)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(plan);
        for (int i = 0; i < plan.WarmupRuns; i++)
        {
            foreach (Func<double> run in runs)
            {
                run();
            }
        }
        var samples = runs.Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            for (int r = 0; r < runs.Count; r++)
            {
                samples[r].Add(runs[r]());
            }
            if (samples[0].Count < plan.MinRuns)
            {
                continue;
            }
            TimingStatistics[] stats = samples.Select(TimingStatistics.Of).ToArray();
            bool[] done = stats.Select(s => s.RelativeHalfWidth <= plan.TargetRelativeHalfWidth).ToArray();
            if (done.All(d => d) || samples[0].Count >= plan.MaxRuns || clock.Elapsed.TotalSeconds >= plan.MaxSecondsPerPoint)
            {
                converged = done;
                return stats;
            }
        }
    }

    private static string Loading(BuiltModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"loading {model.Name} ({model.WeightBytes / 1e6:0.#} MB of weights)");

    private void Report(string current) => _progress?.Report(new BenchmarkProgress(_done, _total, current));

    private static string Label(ModelComponent c) => c switch
    {
        ModelComponent.BlockStack => "blocks",
        ModelComponent.Head => "head",
        ModelComponent.Overhead => "overhead",
        ModelComponent.Whole => "whole model",
        _ => "model",
    };

    /// <summary>Name of a component in measurement files.</summary>
    public static string ComponentName(ModelComponent c) => c switch
    {
        ModelComponent.BlockStack => "block_stack",
        ModelComponent.Head => "head",
        ModelComponent.Whole => "whole",
        ModelComponent.Overhead => "overhead",
        _ => "external",
    };

    /// <summary>The component a measurement file names.</summary>
    public static ModelComponent? ParseComponent(string name) => name switch
    {
        "block_stack" => ModelComponent.BlockStack,
        "head" => ModelComponent.Head,
        "whole" => ModelComponent.Whole,
        "overhead" => ModelComponent.Overhead,
        "external" => ModelComponent.External,
        _ => null,
    };
}
