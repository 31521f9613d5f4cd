using System.Diagnostics;
using System.Globalization;
using Planner.Calibration.Models;
using Planner.Calibration.Runtime;

namespace Planner.Calibration.Benchmarking;

/// <summary>
/// Times models point by point: warm-up runs, then timed runs until the mean is known to the
/// plan's precision or a cap is hit. For a built-in decoder it measures the run overhead once, then
/// the head and the block stack at every point of the plan — what composing a whole model needs.
/// </summary>
public sealed class BenchmarkRunner
{
    private readonly SessionSettings _settings;
    private readonly BenchmarkPlan _plan;
    private readonly IProgress<BenchmarkProgress>? _progress;
    private int _done;
    private int _total;

    public BenchmarkRunner(SessionSettings settings, BenchmarkPlan plan, IProgress<BenchmarkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        _settings = settings;
        _plan = plan.Validated();
        _progress = progress;
    }

    /// <summary>
    /// Overhead once, then the head and a stack of <paramref name="blocks"/> blocks at every point,
    /// run in turn round after round, so both parts of a composed point see the same machine
    /// (a load that comes and goes slows both alike). Then, when the plan asks for it, the operator
    /// breakdown of both at every point, from sessions with the profiler on (loaded after the timed
    /// ones are released, so memory holds one copy of the weights).
    /// </summary>
    public BenchmarkResult RunDecoder(DecoderDimensions dimensions, int blocks, ModelPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var points = _plan.Points();
        _done = 0;
        _total = 1 + points.Count * (_plan.OperatorProfileRuns > 0 ? 2 : 1);
        var rows = new List<MeasurementRow>();
        rows.AddRange(RunPoints(DecoderModelBuilder.Overhead(), [(BenchmarkPhase.Decode, 1, 1)]));
        BuiltModel head = DecoderModelBuilder.Head(dimensions, precision);
        BuiltModel stack = DecoderModelBuilder.BlockStack(dimensions, blocks, precision);
        rows.AddRange(TimeHeadAndStack(head, stack, blocks, points));
        var operators = new List<OperatorTime>();
        if (_plan.OperatorProfileRuns > 0)
        {
            operators.AddRange(ProfileOperators(settings => head.CreateSession(settings), head.Name, ModelComponent.Head, 0, points,
                (_, _, batch, newTokens, past) => DecoderInputs.Create(head, batch, newTokens, past)));
            operators.AddRange(ProfileOperators(settings => stack.CreateSession(settings), stack.Name, ModelComponent.BlockStack, blocks, points,
                (_, _, batch, newTokens, past) => DecoderInputs.Create(stack, batch, newTokens, past)));
        }
        Report("done");
        return new BenchmarkResult(rows, operators);
    }

    private List<MeasurementRow> TimeHeadAndStack(BuiltModel head, BuiltModel stack, int blocks, IReadOnlyList<(BenchmarkPhase Phase, int Batch, int Length)> points)
    {
        Report(Loading(head));
        using ModelSession headSession = head.CreateSession(_settings);
        Report(Loading(stack));
        using ModelSession stackSession = stack.CreateSession(_settings);
        var headRows = new List<MeasurementRow>();
        var stackRows = new List<MeasurementRow>();
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = Step(phase, length);
            Report($"head + {blocks} blocks: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, HostTensor> headInputs = DecoderInputs.Create(head, batch, newTokens, past);
            Dictionary<string, HostTensor> stackInputs = DecoderInputs.Create(stack, batch, newTokens, past);
            try
            {
                using PreparedRun headRun = headSession.Prepare(headInputs);
                using PreparedRun stackRun = stackSession.Prepare(stackInputs);
                IReadOnlyList<TimingStatistics> stats = RepeatTogether([headRun.RunSeconds, stackRun.RunSeconds], _plan, out bool[] converged);
                headRows.Add(Row(ModelComponent.Head, 0, phase, batch, newTokens, past, stats[0], converged[0]));
                stackRows.Add(Row(ModelComponent.BlockStack, blocks, phase, batch, newTokens, past, stats[1], converged[1]));
            }
            finally
            {
                foreach (HostTensor t in headInputs.Values.Concat(stackInputs.Values))
                {
                    t.Dispose();
                }
            }
            _done++;
        }
        return [.. headRows, .. stackRows];
    }

    /// <summary>
    /// One warm-up and <see cref="BenchmarkPlan.OperatorProfileRuns"/> profiled runs per point in a
    /// session with ONNX Runtime's profiler on; the trace is read, summed per operator type and
    /// deleted.
    /// </summary>
    private List<OperatorTime> ProfileOperators(Func<SessionSettings, ModelSession> open, string name, ModelComponent component, int blocks,
        IReadOnlyList<(BenchmarkPhase Phase, int Batch, int Length)> points, Func<ModelSession, BenchmarkPhase, int, int, int, Dictionary<string, HostTensor>> inputsFor)
    {
        string directory = Path.Combine(Path.GetTempPath(), "planner-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Report($"loading {name} with the profiler on");
            string trace;
            using (ModelSession session = open(_settings with { ProfilePathPrefix = Path.Combine(directory, EnvironmentProbe.Slug(name)) }))
            {
                foreach ((BenchmarkPhase phase, int batch, int length) in points)
                {
                    (int newTokens, int past) = Step(phase, length);
                    Report($"operators of {Label(component)}: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
                    Dictionary<string, HostTensor> inputs = inputsFor(session, phase, batch, newTokens, past);
                    try
                    {
                        using PreparedRun run = session.Prepare(inputs);
                        for (int i = 0; i < 1 + _plan.OperatorProfileRuns; i++)
                        {
                            run.RunSeconds();
                        }
                    }
                    finally
                    {
                        foreach (HostTensor t in inputs.Values)
                        {
                            t.Dispose();
                        }
                    }
                    if (component != ModelComponent.Head)
                    {
                        _done++;
                    }
                }
                trace = session.EndProfiling();
            }
            var runs = OperatorProfile.ReadRuns(trace);
            int perPoint = 1 + _plan.OperatorProfileRuns;
            if (runs.Count != perPoint * points.Count)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"ONNX Runtime's profile of {name} has {runs.Count} runs, expected {perPoint * points.Count} ({points.Count} points × {perPoint})"));
            }
            var operators = new List<OperatorTime>();
            for (int p = 0; p < points.Count; p++)
            {
                (BenchmarkPhase phase, int batch, int length) = points[p];
                (int newTokens, int past) = Step(phase, length);
                // The first run of each point is its warm-up (new shapes: new memory plan).
                operators.AddRange(OperatorProfile.Summarize(runs.Skip(p * perPoint + 1).Take(_plan.OperatorProfileRuns).ToList(),
                    ComponentName(component), blocks, phase, batch, newTokens, past));
            }
            return operators;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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

    /// <summary>
    /// Every point of the plan on the user's own model, inputs bound by <paramref name="binder"/>;
    /// with <paramref name="modelPath"/>, the operator breakdown too (the file is loaded a second time
    /// with the profiler on).
    /// </summary>
    public BenchmarkResult RunExternal(ModelSession session, ExternalModelBinder binder, string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(binder);
        var points = _plan.Points();
        bool profile = modelPath is not null && _plan.OperatorProfileRuns > 0;
        _done = 0;
        _total = points.Count * (profile ? 2 : 1);
        var rows = new List<MeasurementRow>();
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = Step(phase, length);
            Report($"model: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, HostTensor> inputs = binder.Create(session, phase, batch, newTokens, past);
            rows.Add(MeasureWith(session, inputs, ModelComponent.External, 0, phase, batch, newTokens, past));
            _done++;
        }
        IReadOnlyList<OperatorTime> operators = profile
            ? ProfileOperators(settings => ModelSession.Open(modelPath!, settings), Path.GetFileNameWithoutExtension(modelPath!), ModelComponent.External, 0, points,
                binder.Create)
            : [];
        Report("done");
        return new BenchmarkResult(rows, operators);
    }

    private List<MeasurementRow> RunPoints(BuiltModel model, IReadOnlyList<(BenchmarkPhase Phase, int Batch, int Length)> points)
    {
        Report(Loading(model));
        var rows = new List<MeasurementRow>();
        using ModelSession session = model.CreateSession(_settings);
        foreach ((BenchmarkPhase phase, int batch, int length) in points)
        {
            (int newTokens, int past) = model.Component == ModelComponent.Overhead ? (1, 0) : Step(phase, length);
            Report($"{Label(model.Component)}: {phase.ToString().ToLowerInvariant()} {DecoderInputs.Describe(batch, newTokens, past)}");
            Dictionary<string, HostTensor> inputs = DecoderInputs.Create(model, batch, newTokens, past);
            rows.Add(MeasureWith(session, inputs, model.Component, model.Blocks, phase, batch, newTokens, past));
            _done++;
        }
        Report("done");
        return rows;
    }

    private MeasurementRow MeasureWith(ModelSession session, Dictionary<string, HostTensor> inputs, ModelComponent component, int blocks,
        BenchmarkPhase phase, int batch, int newTokens, int past)
    {
        try
        {
            using PreparedRun run = session.Prepare(inputs);
            TimingStatistics timing = Repeat(run.RunSeconds, _plan, out bool converged);
            return Row(component, blocks, phase, batch, newTokens, past, timing, converged);
        }
        finally
        {
            foreach (HostTensor t in inputs.Values)
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
