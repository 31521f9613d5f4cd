using System.Diagnostics;
using Planner.Core.FineTuning;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Decision;

/// <summary>
/// Monte Carlo and one-at-a-time sensitivity over a scenario's uncertain inputs, evaluated through
/// response surfaces instead of re-simulating every sample. Prices and fixed costs only change the
/// bill, so they are applied exactly; volume and growth move each month along the simulated grid of
/// daily volumes; inputs that change the system itself (token lengths, engine limits...) are
/// simulated at their 5th, 50th and 95th percentiles and enter as additive corrections,
/// piecewise linear in the input (interactions between such inputs are neglected; see
/// <see cref="CheckAgainstSimulation"/> for the measured error).
/// </summary>
public sealed class DecisionAnalysis
{
    /// <summary>Neighbouring daily volumes of the central surface differ by at most this factor.</summary>
    public const double CentralGridRatio = 1.3;

    /// <summary>Grid ratio of the surfaces that carry the corrections of system inputs.</summary>
    public const double CorrectionGridRatio = 1.3;

    /// <summary>
    /// Draws of an input with unbounded tails (normal, lognormal) are confined to these quantiles
    /// (the scenario reader validates the inputs there); bounded ones are drawn over their whole
    /// range, so that a discrete outcome of weight 0.001 is drawn once in a thousand samples (the
    /// confinement never drew it, and drew three equal outcomes 100, 101 and 99 times in 300).
    /// </summary>
    public const double LowestQuantile = 0.001;

    public const double LowCorrectionQuantile = 0.05;
    public const double HighCorrectionQuantile = 0.95;

    private readonly IScenarioVariantFactory _variants;
    private readonly Func<SelfHostedOptionSpec, IPerformanceProfile>? _profiles;
    private readonly IReadOnlyList<UncertainInputSpec> _inputs;
    private readonly string _baselineName;
    private readonly ScenarioSpec _base;

    /// <param name="variants">Builds the scenario for given input values.</param>
    /// <param name="baselineName">The option others are compared with (the deterministic run's baseline).</param>
    /// <param name="profiles">Performance profile per self-hosted option; null uses each option's own.</param>
    public DecisionAnalysis(IScenarioVariantFactory variants, string baselineName, Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null)
    {
        _variants = variants ?? throw new ArgumentNullException(nameof(variants));
        _base = variants.Base;
        _inputs = _base.Uncertainty.Inputs;
        _baselineName = baselineName ?? throw new ArgumentNullException(nameof(baselineName));
        _profiles = profiles;
    }

    /// <summary>The uncertain inputs analysed.</summary>
    public IReadOnlyList<UncertainInputSpec> Inputs => _inputs;

    /// <summary>
    /// The values of <paramref name="samples"/> samples, a Latin hypercube: each input's range of
    /// quantiles is cut into <paramref name="samples"/> equally likely strata and every stratum is
    /// drawn exactly once, at a uniform point within it, in an order shuffled for each input (a
    /// permutation derived from the seed, the input's index and the sample count); the point comes
    /// from a stream derived from the seed and the sample index. Each input's values are then spread
    /// over its distribution as evenly as <paramref name="samples"/> draws allow, so a percentile of
    /// a figure that one input drives is not moved by how that input happened to be drawn: with
    /// independent uniform draws, chat-seed-stage's 1,000 samples drew a median monthly growth of
    /// 0.1485 against the distribution's 0.15, and its month-36 API cost's P50 came out 6.5% under
    /// the cost at the median inputs. Deterministic, and independent of the core count.
    /// </summary>
    public double[][] SampleSet(ulong seed, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        var strata = new int[_inputs.Count][];
        for (int i = 0; i < strata.Length; i++)
        {
            strata[i] = Permutation(SeedSequence.Derive(seed, 0x4C48_5321, (ulong)i, (ulong)samples), samples);
        }
        var sets = new double[samples][];
        for (int s = 0; s < samples; s++)
        {
            var random = new RandomStream(SeedSequence.Derive(seed, 0x4D4F_4E54, (ulong)s));
            var values = new double[_inputs.Count];
            for (int i = 0; i < values.Length; i++)
            {
                double u = (strata[i][s] + random.NextDouble()) / samples;
                DistributionSpec d = _inputs[i].Distribution;
                values[i] = d.Quantile(d.HasTails ? LowestQuantile + (1 - 2 * LowestQuantile) * u : u);
            }
            sets[s] = values;
        }
        return sets;
    }

    /// <summary>Sample <paramref name="sample"/> of <see cref="SampleSet"/>'s <paramref name="samples"/>.</summary>
    public double[] SampleValues(ulong seed, int sample, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, samples);
        return SampleSet(seed, samples)[sample];
    }

    /// <summary>A uniformly random permutation of 0 … n − 1 (Fisher–Yates) from a stream seeded with <paramref name="seed"/>.</summary>
    private static int[] Permutation(ulong seed, int n)
    {
        var random = new RandomStream(seed);
        int[] order = [.. Enumerable.Range(0, n)];
        for (int k = n - 1; k > 0; k--)
        {
            int j = random.NextInt(k + 1);
            (order[k], order[j]) = (order[j], order[k]);
        }
        return order;
    }

    /// <summary>Every input at its median.</summary>
    public double[] MedianValues() => [.. _inputs.Select(i => i.Distribution.Quantile(0.5))];

    /// <summary>Runs <paramref name="samples"/> samples, deterministic for <paramref name="seed"/>.</summary>
    public MonteCarloResult RunMonteCarlo(int samples, ulong seed, IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null) =>
        Analyse(samples, seed, null, progress, maxParallelism).MonteCarlo!;

    /// <summary>
    /// Moves each input from its 10th to its 90th percentile with the others at their medians and
    /// records the savings at the horizon and break-even month of <paramref name="option"/> against
    /// the baseline; bars are ranked by the swing of the savings, then of the break-even month.
    /// </summary>
    public TornadoResult Tornado(string option, IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null) =>
        Analyse(0, 0, option ?? throw new ArgumentNullException(nameof(option)), progress, maxParallelism).Tornado!;

    /// <summary>The Monte Carlo and the tornado of the run's <see cref="BestAlternative"/>: the pair's cheaper-per-month option at the horizon against the other.</summary>
    public (MonteCarloResult? MonteCarlo, TornadoResult? Tornado) Analyse(int samples, ulong seed, BestAlternative? decision,
        IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null) =>
        Analyse(samples, seed, decision?.CheaperAtHorizon, progress, maxParallelism, decision?.MoreExpensiveAtHorizon);

    /// <summary>
    /// The Monte Carlo (when <paramref name="samples"/> &gt; 0) and the tornado of
    /// <paramref name="tornadoOption"/> (when given) against <paramref name="tornadoAgainst"/> (null: the baseline),
    /// evaluated on one shared set of response surfaces.
    /// </summary>
    public (MonteCarloResult? MonteCarlo, TornadoResult? Tornado) Analyse(int samples, ulong seed, string? tornadoOption,
        IProgress<(int Done, int Total)>? progress = null, int? maxParallelism = null, string? tornadoAgainst = null)
    {
        SurrogateRun run = RunSurrogate(samples, seed, tornadoOption, progress, maxParallelism);
        if (samples > 0)
        {
            _published = (seed, samples, run.Evaluator);
        }
        MonteCarloResult? monteCarlo = samples > 0 ? Summarise(samples, seed, run.Sets, run.Results[..samples], run.Evaluator, run.BuildSeconds, run.EvaluateSeconds) : null;
        TornadoResult? tornado = tornadoOption is null ? null : TornadoOf(tornadoOption, tornadoAgainst ?? _baselineName, run.Evaluator.Center, run.Sets, run.Results, run.TornadoStart);
        return (monteCarlo, tornado);
    }

    /// <summary>
    /// The Monte Carlo with every sample simulated in full by <paramref name="simulator"/> (on this
    /// machine or a cluster): its bands, probabilities and break-even months come from full
    /// simulations, not from the surrogate. The surrogate is still built and evaluated on every
    /// sample, and its error against the full simulation is reported for each sample and option
    /// (<see cref="MonteCarloResult.Checks"/>); the first <paramref name="seedChecks"/> samples are
    /// simulated a second time with another seed, so that the error can be read against the
    /// simulation's own noise. The tornado of <paramref name="decision"/> stays on the surrogate.
    /// </summary>
    public (MonteCarloResult MonteCarlo, TornadoResult? Tornado) AnalyseExact(int samples, ulong seed, BestAlternative? decision, ISampleSimulator simulator,
        int seedChecks = 0, IProgress<(int Done, int Total)>? surfaceProgress = null, IProgress<(int Done, int Total)>? sampleProgress = null, int? maxParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentOutOfRangeException.ThrowIfNegative(seedChecks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seedChecks, samples);
        SurrogateRun run = RunSurrogate(samples, seed, decision?.CheaperAtHorizon, surfaceProgress, maxParallelism);
        var requests = new List<MonteCarloSample>(samples + seedChecks);
        for (int s = 0; s < samples; s++)
        {
            requests.Add(new MonteCarloSample(s, run.Sets[s], _variants.Create(run.Sets[s])));
        }
        for (int s = 0; s < seedChecks; s++)
        {
            requests.Add(requests[s] with { Scenario = requests[s].Scenario with { Seed = ReseedOf(requests[s].Scenario.Seed, s) } });
        }
        IReadOnlyList<ProjectionResult> full = simulator.SimulateAll(requests, sampleProgress);
        if (full.Count != requests.Count)
        {
            throw new InvalidOperationException($"the sample simulator returned {full.Count} projections for {requests.Count} samples");
        }
        var exact = new Evaluation[samples];
        var checks = new List<SurrogateCheck>();
        for (int s = 0; s < samples; s++)
        {
            exact[s] = EvaluationOf(full[s]);
            checks.AddRange(CheckRows(s, run.Results[s], full[s], s < seedChecks ? full[samples + s] : null));
        }
        MonteCarloResult monteCarlo = Summarise(samples, seed, run.Sets, exact, run.Evaluator, run.BuildSeconds, run.EvaluateSeconds) with
        {
            FullySimulated = true,
            Checks = checks,
        };
        TornadoResult? tornado = decision is null ? null
            : TornadoOf(decision.CheaperAtHorizon, decision.MoreExpensiveAtHorizon, run.Evaluator.Center, run.Sets, run.Results, run.TornadoStart);
        return (monteCarlo, tornado);
    }

    /// <summary>The value sets (samples, then the tornado's), the surfaces built for all of them, and the surrogate's evaluation of each.</summary>
    private sealed record SurrogateRun(List<double[]> Sets, Evaluator Evaluator, Evaluation[] Results, int TornadoStart, double BuildSeconds, double EvaluateSeconds);

    private SurrogateRun RunSurrogate(int samples, ulong seed, string? tornadoOption, IProgress<(int Done, int Total)>? progress, int? maxParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        var sets = new List<double[]>(SampleSet(seed, samples));
        int tornadoStart = sets.Count;
        double[] median = MedianValues();
        if (tornadoOption is not null)
        {
            sets.Add(median);
            for (int i = 0; i < _inputs.Count; i++)
            {
                foreach (double q in (double[])[0.1, 0.9])
                {
                    double[] v = [.. median];
                    v[i] = _inputs[i].Distribution.Quantile(q);
                    sets.Add(v);
                }
            }
        }
        var clock = Stopwatch.StartNew();
        Evaluator evaluator = Prepare([.. sets], progress, maxParallelism);
        double build = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var results = new Evaluation[sets.Count];
        Parallel.For(0, sets.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount },
            s => results[s] = evaluator.Evaluate(sets[s]));
        return new SurrogateRun(sets, evaluator, results, tornadoStart, build, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A full projection in the terms the surrogate's evaluations use: break-even and present cost against the analysis' baseline.</summary>
    private Evaluation EvaluationOf(ProjectionResult projection)
    {
        IReadOnlyList<OptionProjection> options = projection.Options;
        int baseline = IndexOf(projection.Scenario, _baselineName);
        var breakEven = new BreakEvenResult?[options.Count];
        var npv = new double[options.Count];
        for (int o = 0; o < options.Count; o++)
        {
            breakEven[o] = o == baseline ? null : BreakEvenAnalysis.Compare(options[o], options[baseline]);
            npv[o] = PresentValue(MonthlySpendUsd(options[o]), projection.Scenario.Finance.DiscountRatePerYear);
        }
        return new Evaluation { Options = options, BreakEven = breakEven, NpvCostUsd = npv };
    }

    /// <summary>
    /// The other seed sample <paramref name="sample"/> is simulated with to measure the simulation's
    /// own noise beside the surrogate's error: one of its own, so that the checks' seed-to-seed
    /// differences are independent of each other (one seed shared by every check moved them all
    /// the same way: chat-seed-stage's API had eight seed differences of one sign).
    /// </summary>
    private static ulong ReseedOf(ulong seed, int sample) => SeedSequence.Derive(seed, 0x5EED, (ulong)sample);

    /// <summary>One row per option: the surrogate against the full simulation, and, when given, the full simulation against itself with another seed (else NaN).</summary>
    private static IEnumerable<SurrogateCheck> CheckRows(int sample, Evaluation surrogate, ProjectionResult full, ProjectionResult? reseeded)
    {
        for (int o = 0; o < full.Options.Count; o++)
        {
            OptionProjection exact = full.Options[o];
            OptionProjection? other = reseeded?.Options[o];
            yield return new SurrogateCheck
            {
                Sample = sample,
                Option = exact.Name,
                SurrogateTotalCostUsd = surrogate.Options[o].TotalCostUsd,
                SimulatedTotalCostUsd = exact.TotalCostUsd,
                MaxMonthlyCogsError = MaxMonthlyError(surrogate.Options[o], exact),
                SeedMaxMonthlyCogsError = other is null ? double.NaN : MaxMonthlyError(other, exact),
                SeedTotalCostError = other is null ? double.NaN : exact.TotalCostUsd != 0 ? (other.TotalCostUsd - exact.TotalCostUsd) / exact.TotalCostUsd : 0,
                SloVerdictMismatches = exact.Months.Select((x, m) => x.SloMet != surrogate.Options[o].Months[m].SloMet).Count(d => d),
            };
        }
    }

    private TornadoResult TornadoOf(string option, string against, ScenarioSpec center, List<double[]> sets, Evaluation[] results, int start)
    {
        int index = IndexOf(center, option);
        int other = IndexOf(center, against);
        if (other == index)
        {
            throw new ArgumentException($"'{option}' is the option it would be compared with; a tornado compares two options", nameof(option));
        }
        BreakEvenResult Compare(Evaluation e) => other == IndexOf(center, _baselineName) && e.BreakEven[index] is { } b
            ? b
            : BreakEvenAnalysis.Compare(e.Options[index], e.Options[other]);
        var bars = new List<TornadoBar>();
        for (int i = 0; i < _inputs.Count; i++)
        {
            BreakEvenResult low = Compare(results[start + 1 + 2 * i]), high = Compare(results[start + 2 + 2 * i]);
            bars.Add(new TornadoBar
            {
                Label = _inputs[i].Label,
                Path = _inputs[i].Path,
                LowValue = sets[start + 1 + 2 * i][i],
                HighValue = sets[start + 2 + 2 * i][i],
                SavingsAtLowUsd = low.SavingsAtHorizonUsd,
                SavingsAtHighUsd = high.SavingsAtHorizonUsd,
                BreakEvenAtLow = low.Month,
                BreakEvenAtHigh = high.Month,
            });
        }
        int horizon = _base.HorizonMonths;
        BreakEvenResult central = Compare(results[start]);
        return new TornadoResult
        {
            Option = option,
            Baseline = against,
            BaseSavingsUsd = central.SavingsAtHorizonUsd,
            BaseBreakEvenMonth = central.Month,
            Bars = [.. bars.OrderByDescending(b => b.SwingUsd).ThenByDescending(b => b.BreakEvenSwingMonths(horizon)).ThenBy(b => b.Path, StringComparer.Ordinal)],
        };
    }

    /// <summary>The surfaces of the last Monte Carlo this analysis ran: the surrogate whose figures a report shows.</summary>
    private (ulong Seed, int Samples, Evaluator Evaluator)? _published;

    /// <summary>
    /// Simulates the first <paramref name="count"/> Monte Carlo samples in full and compares each
    /// option's monthly costs and SLO verdicts with the surrogate's; each sample is simulated a
    /// second time with another seed, so the surrogate's error can be read against the
    /// simulation's own seed-to-seed noise. The surrogate checked is the one the last
    /// <see cref="Analyse(int, ulong, string?, IProgress{ValueTuple{int, int}}?, int?, string?)"/>
    /// of the same seed evaluated its samples on, so the error quoted is that of the figures
    /// reported; without one, surfaces built for these samples alone (whose grid of volumes
    /// spans only them).
    /// </summary>
    public IReadOnlyList<SurrogateCheck> CheckAgainstSimulation(int count, ulong seed, int? maxParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The first samples of the published run's set where there is one, so the check is of its figures.
        bool published = _published is { } p && p.Seed == seed && count <= p.Samples;
        double[][] values = published ? SampleSet(seed, _published!.Value.Samples)[..count] : SampleSet(seed, count);
        Evaluator evaluator = published ? _published!.Value.Evaluator : Prepare(values, null, maxParallelism);
        var checks = new List<SurrogateCheck>();
        for (int s = 0; s < count; s++)
        {
            Evaluation surrogate = evaluator.Evaluate(values[s]);
            ScenarioSpec spec = _variants.Create(values[s]);
            ProjectionResult full = new Projector(_profiles).Run(spec, null, maxParallelism);
            ProjectionResult reseeded = new Projector(_profiles).Run(spec with { Seed = ReseedOf(spec.Seed, s) }, null, maxParallelism);
            checks.AddRange(CheckRows(s, surrogate, full, reseeded));
        }
        return checks;
    }

    private static double MaxMonthlyError(OptionProjection candidate, OptionProjection exact)
    {
        double max = 0;
        for (int m = 0; m < exact.Months.Count; m++)
        {
            double a = exact.Months[m].Cost.CogsUsd, b = candidate.Months[m].Cost.CogsUsd;
            max = Math.Max(max, a != 0 ? Math.Abs(b - a) / Math.Abs(a) : 0);
        }
        return max;
    }

    /// <summary>Present value of monthly amounts paid at the end of months 1..n at a yearly rate.</summary>
    public static double PresentValue(IReadOnlyList<double> monthlyUsd, double discountRatePerYear)
    {
        ArgumentNullException.ThrowIfNull(monthlyUsd);
        double sum = 0;
        for (int m = 0; m < monthlyUsd.Count; m++)
        {
            sum += monthlyUsd[m] / Math.Pow(1 + discountRatePerYear, (m + 1) / 12.0);
        }
        return sum;
    }

    /// <summary>Everything an option pays in each month (COGS, one-time, fine-tuning).</summary>
    public static double[] MonthlySpendUsd(OptionProjection option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return [.. option.Months.Select(m => m.Cost.CogsUsd + m.Cost.OneTimeUsd + m.Cost.FineTuningUsd)];
    }

    private static int IndexOf(ScenarioSpec scenario, string option)
    {
        for (int o = 0; o < scenario.Options.Count; o++)
        {
            if (scenario.Options[o].Name == option)
            {
                return o;
            }
        }
        throw new ArgumentException($"no option named '{option}'", nameof(option));
    }

    /// <summary>Builds the scenarios of every value set, then the surfaces spanning all their months' volumes.</summary>
    private Evaluator Prepare(double[][] valueSets, IProgress<(int Done, int Total)>? progress, int? maxParallelism)
    {
        var specs = new ScenarioSpec[valueSets.Length];
        Parallel.For(0, valueSets.Length, s => specs[s] = _variants.Create(valueSets[s]));
        double min = double.PositiveInfinity, max = 0;
        foreach (ScenarioSpec spec in specs)
        {
            for (int m = 0; m < spec.HorizonMonths; m++)
            {
                (double weekday, double weekend) = MonthWindowPlanner.DayVolumes(spec.Workload, spec.Workload.Volume.RequestsPerDay(m));
                min = Math.Min(min, Math.Min(weekday, weekend));
                max = Math.Max(max, Math.Max(weekday, weekend));
            }
        }
        double[] median = MedianValues();
        ScenarioSpec center = _variants.Create(median);
        int[] physics = [.. Enumerable.Range(0, _inputs.Count).Where(i => _inputs[i].Effect == InputEffect.Physics)];
        var corrections = new List<ScenarioSpec> { center };
        var points = new List<(double Low, double Center, double High)>();
        foreach (int i in physics)
        {
            double[] low = [.. median], high = [.. median];
            low[i] = _inputs[i].Distribution.Quantile(LowCorrectionQuantile);
            high[i] = _inputs[i].Distribution.Quantile(HighCorrectionQuantile);
            corrections.Add(_variants.Create(low));
            corrections.Add(_variants.Create(high));
            points.Add((low[i], median[i], high[i]));
        }
        // One lattice, anchored at the median inputs' first weekday: the same points whatever was sampled.
        double anchor = MonthWindowPlanner.DayVolumes(center.Workload, center.Workload.Volume.RequestsPerDay(0)).Weekday;
        (double[] centralGrid, int[] centralKeys) = ResponseSurface.AnchoredGrid(min, Math.Max(max, min * 1.0001), CentralGridRatio, anchor);
        (double[] correctionGrid, int[] correctionKeys) = ResponseSurface.AnchoredGrid(min, Math.Max(max, min * 1.0001), CorrectionGridRatio, anchor);
        int centralJobs = centralGrid.Length * center.Options.Count;
        int total = centralJobs + (physics.Length > 0 ? correctionGrid.Length * center.Options.Count * corrections.Count : 0);
        ResponseSurface central = ResponseSurface.Build([center], centralGrid, _profiles,
            progress is null ? null : new Progress<(int Done, int Total)>(p => progress.Report((p.Done, total))), maxParallelism, centralKeys)[0];
        IReadOnlyList<ResponseSurface> correctionSurfaces = physics.Length == 0 ? [] : ResponseSurface.Build(corrections, correctionGrid, _profiles,
            progress is null ? null : new Progress<(int Done, int Total)>(p => progress.Report((centralJobs + p.Done, total))), maxParallelism, correctionKeys);
        long simulated = central.SimulatedRequests + (correctionSurfaces.Count > 0 ? correctionSurfaces[0].SimulatedRequests : 0);
        return new Evaluator(this, center, central, correctionSurfaces, physics, points, simulated, centralGrid);
    }

    /// <summary>The bands and shares over the samples' <paramref name="outcomes"/>; <paramref name="values"/> holds each sample's input values first (then the tornado's).</summary>
    private MonteCarloResult Summarise(int samples, ulong seed, IReadOnlyList<double[]> values, Evaluation[] outcomes, Evaluator evaluator, double build, double evaluate)
    {
        ScenarioSpec center = evaluator.Center;
        int horizon = center.HorizonMonths;
        int optionCount = center.Options.Count;
        int baseline = IndexOf(center, _baselineName);
        var perSample = new SampleOutcome[samples];
        for (int s = 0; s < samples; s++)
        {
            Evaluation e = outcomes[s];
            // The lowest present cost; the first option listed wins a tie.
            int best = 0;
            for (int o = 1; o < optionCount; o++)
            {
                best = e.NpvCostUsd[o] < e.NpvCostUsd[best] ? o : best;
            }
            perSample[s] = new SampleOutcome(s, [.. values[s]], [.. Enumerable.Range(0, optionCount).Select(o => new SampleOptionOutcome(
                e.Options[o].TotalCostUsd,
                e.NpvCostUsd[o],
                o == baseline ? null : e.NpvCostUsd[baseline] - e.NpvCostUsd[o],
                o == baseline ? null : e.BreakEven[o]!.Month,
                e.Options[o].MeetsSloThroughout,
                o == best))]);
        }
        // The horizon's bands and the shares are counted from the samples' outcomes, as samples.csv gives them.
        var options = new List<OptionUncertainty>();
        for (int o = 0; o < optionCount; o++)
        {
            SampleOptionOutcome[] mine = [.. perSample.Select(x => x.Options[o])];
            var monthly = new List<Band>(horizon);
            for (int m = 0; m < horizon; m++)
            {
                monthly.Add(Band.Of([.. outcomes.Select(e => e.Options[o].Months[m].Cost.CogsUsd)]));
            }
            Band? savings = null;
            var paidOff = new List<double>();
            double never = 0;
            int? medianMonth = null;
            if (o != baseline)
            {
                savings = Band.Of([.. mine.Select(x => x.NpvSavingsUsd!.Value)]);
                int?[] months = [.. mine.Select(x => x.BreakEvenMonth)];
                for (int m = 1; m <= horizon; m++)
                {
                    paidOff.Add(months.Count(x => x is int b && b <= m) / (double)samples);
                }
                never = months.Count(x => x is null) / (double)samples;
                if (never < 0.5)
                {
                    double[] sorted = [.. months.Select(x => (double)(x ?? horizon + 1))];
                    Array.Sort(sorted);
                    medianMonth = (int)Math.Ceiling(Band.Percentile(sorted, 0.5));
                }
            }
            options.Add(new OptionUncertainty
            {
                Name = center.Options[o].Name,
                MonthlyCogsUsd = monthly,
                TotalCostUsd = Band.Of([.. mine.Select(x => x.TotalCostUsd)]),
                NpvCostUsd = Band.Of([.. mine.Select(x => x.NpvCostUsd)]),
                NpvSavingsUsd = savings,
                PaidOffByMonth = paidOff,
                ProbabilityNeverPaysOff = never,
                MedianBreakEvenMonth = medianMonth,
                ProbabilityMeetsSlo = mine.Count(x => x.MeetsSloEveryMonth) / (double)samples,
                ProbabilityCheapest = mine.Count(x => x.LowestNpvCost) / (double)samples,
            });
        }
        return new MonteCarloResult
        {
            Samples = samples,
            Seed = seed,
            DiscountRatePerYear = _base.Finance.DiscountRatePerYear,
            BaselineName = _baselineName,
            Inputs = _inputs,
            Options = options,
            SampleOutcomes = perSample,
            Surrogate = new SurrogateInfo
            {
                DayVolumes = evaluator.Grid,
                PhysicsInputs = [.. evaluator.Physics.Select(i => _inputs[i].Path)],
                SimulatedRequests = evaluator.SimulatedRequests,
                BuildSeconds = build,
                EvaluateSeconds = evaluate,
            },
        };
    }

    /// <summary>The projection of one set of input values.</summary>
    private sealed class Evaluation
    {
        public required IReadOnlyList<OptionProjection> Options { get; init; }
        /// <summary>Per option against the baseline; null at the baseline's index.</summary>
        public required BreakEvenResult?[] BreakEven { get; init; }
        public required double[] NpvCostUsd { get; init; }
    }

    /// <summary>Evaluates value sets against prepared surfaces.</summary>
    private sealed class Evaluator(
        DecisionAnalysis owner, ScenarioSpec center, ResponseSurface central, IReadOnlyList<ResponseSurface> corrections,
        int[] physics, List<(double Low, double Center, double High)> points, long simulated, double[] grid)
    {
        private readonly Dictionary<string, IReadOnlyList<FineTuningJobResult>> _baseFineTuning =
            center.Options.ToDictionary(o => o.Name, o => FineTuningPlan.Run(center, o));

        public ScenarioSpec Center { get; } = center;
        public int[] Physics => physics;
        public long SimulatedRequests { get; } = simulated;
        public IReadOnlyList<double> Grid { get; } = grid;

        public Evaluation Evaluate(double[] values)
        {
            ScenarioSpec spec = owner._variants.Create(values);
            bool fineTuningVaries = owner._inputs.Any(i => i.Path.Contains("fine_tuning", StringComparison.Ordinal));
            int horizon = spec.HorizonMonths;
            var options = new List<OptionProjection>(spec.Options.Count);
            for (int o = 0; o < spec.Options.Count; o++)
            {
                OptionSpec option = spec.Options[o];
                IReadOnlyList<FineTuningJobResult> fineTuning = fineTuningVaries ? FineTuningPlan.Run(spec, option) : _baseFineTuning[option.Name];
                var months = new List<MonthlyOutcome>(horizon);
                for (int m = 0; m < horizon; m++)
                {
                    DateOnly month = spec.StartMonth.AddMonths(m);
                    (int weekdays, int weekendDays) = MonthWindowPlanner.CountDays(month);
                    (double wd, double we) = MonthWindowPlanner.DayVolumes(spec.Workload, spec.Workload.Volume.RequestsPerDay(m));
                    MonthStats stats = central.Month(o, weekdays, wd, weekendDays, we);
                    if (physics.Length > 0)
                    {
                        Correct(stats, o, values, weekdays, wd, weekendDays, we);
                    }
                    months.Add(Projector.Outcome(spec, option, m, stats, fineTuning));
                }
                options.Add(new OptionProjection { Option = option, PerformanceSource = "response surface", Months = months, FineTuning = fineTuning });
            }
            int baseline = IndexOf(spec, owner._baselineName);
            var breakEven = new BreakEvenResult?[options.Count];
            var npv = new double[options.Count];
            for (int o = 0; o < options.Count; o++)
            {
                breakEven[o] = o == baseline ? null : BreakEvenAnalysis.Compare(options[o], options[baseline]);
                npv[o] = PresentValue(MonthlySpendUsd(options[o]), spec.Finance.DiscountRatePerYear);
            }
            return new Evaluation { Options = options, BreakEven = breakEven, NpvCostUsd = npv };
        }

        /// <summary>Adds <paramref name="weight"/> times the difference between a side surface and the centre.</summary>
        private static void AddCorrection(MonthStats stats, MonthStats reference, MonthStats moved, double weight)
        {
            if (weight == 0)
            {
                return;
            }
            for (int v = 0; v < MonthStats.Count; v++)
            {
                double delta = moved.Values[v] - reference.Values[v];
                if (double.IsFinite(delta))
                {
                    stats.Values[v] += weight * delta;
                }
            }
            for (int c = 0; c < stats.GpuSecondsAboveCommitted.Length; c++)
            {
                stats.GpuSecondsAboveCommitted[c] += weight * (moved.GpuSecondsAboveCommitted[c] - reference.GpuSecondsAboveCommitted[c]);
            }
        }

        /// <summary>Adds each system input's effect, read off its own surfaces relative to their centre.</summary>
        private void Correct(MonthStats stats, int option, double[] values, int weekdays, double wd, int weekendDays, double we)
        {
            MonthStats reference = corrections[0].Month(option, weekdays, wd, weekendDays, we);
            for (int p = 0; p < physics.Length; p++)
            {
                (double low, double mid, double high) = points[p];
                double x = values[physics[p]];
                if (x == mid || !(low < mid && mid < high))
                {
                    continue;
                }
                // Between the 5th and 95th percentiles, the parabola through the three simulated
                // points (a system input's effect is seldom a straight line: a fleet's cost bends
                // with answer length); beyond them, the straight line of the nearer side.
                double wLow, wHigh;
                if (x >= low && x <= high)
                {
                    wLow = (x - mid) * (x - high) / ((low - mid) * (low - high));
                    wHigh = (x - low) * (x - mid) / ((high - low) * (high - mid));
                }
                else if (x < low)
                {
                    wLow = (mid - x) / (mid - low);
                    wHigh = 0;
                }
                else
                {
                    wLow = 0;
                    wHigh = (x - mid) / (high - mid);
                }
                AddCorrection(stats, reference, corrections[1 + 2 * p].Month(option, weekdays, wd, weekendDays, we), wLow);
                AddCorrection(stats, reference, corrections[2 + 2 * p].Month(option, weekdays, wd, weekendDays, we), wHigh);
            }
            for (int v = 0; v < MonthStats.Count; v++)
            {
                stats.Values[v] = Math.Max(0, stats.Values[v]);
            }
            for (int c = 0; c < stats.GpuSecondsAboveCommitted.Length; c++)
            {
                stats.GpuSecondsAboveCommitted[c] = Math.Max(0, stats.GpuSecondsAboveCommitted[c]);
            }
        }
    }
}
