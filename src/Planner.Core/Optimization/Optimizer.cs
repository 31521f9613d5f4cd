using System.Collections.Concurrent;
using System.Globalization;
using Planner.Core.Costs;
using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Optimization;

/// <summary>
/// Searches a <see cref="SearchSpace"/> for the cheapest self-hosted configuration that meets
/// the scenario's SLOs at every month's load, with the simulation engine of
/// <see cref="Projector"/>.
/// <list type="number">
/// <item>Months are grouped into geometric <see cref="LoadLevels"/>.</item>
/// <item>Candidates whose roofline latency bound misses the SLO are never simulated.</item>
/// <item>At each level the rest are ranked by the roofline lower bound on their monthly GPU cost
/// and simulated in that order until the bound reaches the cheapest cost that met the SLO
/// (branch and bound). A simulation stops after its first window when the month can no longer
/// meet the SLO, or when its cost so far plus the cost bound of the windows left already
/// reaches the best.</item>
/// <item>Mixes of two GPU types are built from each level's best configurations and searched
/// the same way; frontier months also simulate dearer configurations that may be faster.</item>
/// <item>A dynamic programme chooses the path through time; wherever it changes hardware, the
/// configuration it leaves is simulated at the following levels and the one it moves to at the
/// levels before (each with a few more on the same hardware, where not yet done), so the
/// decision to switch, and when, rests on what staying or moving earlier would cost; then the
/// path is planned again.</item>
/// <item>Every month's configuration is simulated at the month's own volume, beside the
/// scenario's own option; one that misses the SLO there is excluded at its level, the level's
/// search resumes and the path is planned again (a few rounds at most).</item>
/// </list>
/// Levels run in parallel, each on its own seeds and in a fixed order, so the result does not
/// depend on the number of cores.
/// </summary>
public sealed class Optimizer
{
    /// <summary>The search's random streams derive from the scenario seed and this key ("OPTIMIZE").</summary>
    public const ulong SeedKey = 0x4F5054494D495A45;

    /// <summary>Most rounds of planning the path and simulating what staying or moving earlier would cost.</summary>
    public const int MaxStayRounds = 8;

    /// <summary>Smallest share of a month's cost a hardware change must save, however quiet the measured noise.</summary>
    public const double MinNoiseShare = 0.005;

    /// <summary>The quantile of the levels' seed-to-seed spreads taken as the search's noise (nearest rank).</summary>
    public const double NoiseQuantile = 0.9;

    /// <summary>
    /// The <see cref="NoiseQuantile"/> quantile of relative cost spreads between two sets of draws,
    /// over those that moved at all; null where none did. A fleet held at its floor under both
    /// costs the same under both: it measures no noise, and counted as none it diluted the quantile
    /// (legal-summarisation at seed 9: 17 of 24 path months at one whole instance made 1.1% of
    /// months that moved by up to 10.3%, half the 2.2% seed 11 measured).
    /// </summary>
    internal static double? CostNoiseQuantile(IEnumerable<double> spreads)
    {
        double[] moved = [.. spreads.Where(s => double.IsFinite(s) && s > 0).Order()];
        return moved.Length == 0 ? null : moved[Math.Max(0, (int)Math.Ceiling(NoiseQuantile * moved.Length) - 1)];
    }

    /// <summary>
    /// Most rounds of replacing configurations that miss the SLO at a month's own volume (or
    /// oscillate there). Each round replaces one configuration per failing month, and the rounds are
    /// shared by all months: at 8, chat-seed-stage's path ended on a month-36 configuration at 22
    /// cold starts a day though steadier ones had been simulated at that level; at 16 no month of
    /// it oscillates, for 3 s more of a 62 s search.
    /// </summary>
    public const int MaxRepairRounds = 16;

    private readonly Func<SelfHostedOptionSpec, IPerformanceProfile> _profiles;
    private readonly IOptimizationRunner? _runner;

    /// <param name="profiles">Performance profile per configuration; null uses its calibrated profile, else the roofline estimate.</param>
    /// <param name="runner">
    /// Where the search's window simulations run; null simulates them here, one by one as the
    /// search reaches them. A runner is asked for batches of independent units and needs an
    /// exhaustive search (<see cref="OptimizerSettings.Prune"/> false): the pruned search decides
    /// after every window whether to simulate the next, which leaves nothing to batch.
    /// </param>
    public Optimizer(Func<SelfHostedOptionSpec, IPerformanceProfile>? profiles = null, IOptimizationRunner? runner = null)
    {
        _profiles = profiles ?? PerformanceProfiles.For;
        _runner = runner;
    }

    /// <summary>For tests: (0-based month, candidate id) pairs whose verification is made to miss the SLO.</summary>
    internal Func<int, string, bool>? MissInVerification { get; init; }

    /// <summary>For tests: (0-based month, candidate id) pairs whose verification is made to oscillate (its cold starts a hundred times the month's days more).</summary>
    internal Func<int, string, bool>? OscillateInVerification { get; init; }

    /// <summary>For tests: (0-based month, candidate id) pairs whose verification on the second set of draws is made to miss the SLO.</summary>
    internal Func<int, string, bool>? MissInSecondSeed { get; init; }

    /// <summary>For tests: (0-based month, candidate id) pairs whose verification on the second set of draws is made to oscillate.</summary>
    internal Func<int, string, bool>? OscillateInSecondSeed { get; init; }

    public OptimizationResult Run(ScenarioSpec scenario, SearchSpace space, OptimizerSettings? settings = null, IProgress<OptimizationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(space);
        settings ??= new OptimizerSettings();
        if (space.Candidates.Count == 0)
        {
            throw new ArgumentException("the search space has no candidates", nameof(space));
        }
        if (space.Candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != space.Candidates.Count)
        {
            throw new ArgumentException("candidate names must be unique: they identify candidates and seed their simulations", nameof(space));
        }
        if (space.Candidates.Any(c => c.Autoscaler is null))
        {
            throw new ArgumentException("every single-type candidate must be autoscaled", nameof(space));
        }
        if (_runner is not null && settings.Prune)
        {
            throw new ArgumentException("a runner simulates batches of independent units: it needs an exhaustive search (Prune = false)", nameof(settings));
        }
        return new Search(this, scenario, space, settings, progress).Execute();
    }

    /// <summary>A stable 64-bit key for a candidate id (FNV-1a), so its seeds do not depend on the rest of the search space.</summary>
    internal static ulong KeyOf(string id) => Projector.NameKey(id);

    /// <summary>
    /// Whether the month misses the SLO whatever the windows not yet simulated measure: even if
    /// every one of their requests (at most twice the expected number) met every target, too
    /// large a share of the month's requests would be above a target or rejected. The margin
    /// covers the histogram's bucket resolution.
    /// </summary>
    internal static bool SloCertainlyMissed(WindowMetrics measured, IEnumerable<SimulationWindow> remaining, SloSpec slo)
    {
        double rest = 0;
        foreach (SimulationWindow w in remaining)
        {
            foreach (LoadSegment s in w.Segments)
            {
                rest += s.ExpectedRequests * s.Weight;
            }
        }
        rest *= 2;
        bool Above(LatencyHistogram h, double? targetMs, double allowed)
        {
            if (targetMs is not double t || h.TotalWeight <= 0)
            {
                return false;
            }
            double above = h.TotalWeight - h.WeightAtOrBelow(t / 1000 * (1 + 2 * LatencyHistogram.RelativeAccuracy));
            return above > 1.1 * allowed * (h.TotalWeight + rest);
        }
        return measured.RequestsRejected > 1.1 * 0.01 * (measured.RequestsArrived + rest)
            || Above(measured.TimeToFirstToken, slo.TtftP95Ms, 0.05)
            || Above(measured.TimePerOutputToken, slo.TpotP95Ms, 0.05)
            || Above(measured.EndToEnd, slo.E2eP99Ms, 0.01);
    }

    /// <summary>The scenario a load level is simulated as: one month at the level's volume.</summary>
    internal static ScenarioSpec LevelScenario(ScenarioSpec scenario, LoadLevel level) => scenario with
    {
        StartMonth = level.CalendarMonth,
        HorizonMonths = 1,
        Workload = scenario.Workload with
        {
            Volume = new VolumeSpec { RequestsPerDayMonth1 = level.RequestsPerDay, MonthlyGrowthRates = [0.0] },
        },
    };

    /// <summary>A window with every segment's rate mapped by <paramref name="rate"/> (a mix pool's share of the traffic).</summary>
    internal static SimulationWindow RescaleWindow(SimulationWindow w, Func<double, double> rate) => w with
    {
        Segments = [.. w.Segments.Select(s => s with
        {
            RequestsPerSecond = rate(s.RequestsPerSecond),
            EndRequestsPerSecond = s.EndRequestsPerSecond is double end ? rate(end) : null,
        })],
    };

    /// <summary>A candidate with its performance profile and roofline bounds.</summary>
    private sealed record Prepared(DeploymentCandidate Candidate, IPerformanceProfile Profile, CandidateBound Bound, int Index);

    /// <summary>What the search knows at one load level; only one thread touches a level at a time.</summary>
    private sealed class LevelState(LoadLevel level, ScenarioSpec at, IReadOnlyList<SimulationWindow> windows)
    {
        public LoadLevel Level { get; } = level;
        public ScenarioSpec At { get; } = at;
        public IReadOnlyList<SimulationWindow> Windows { get; } = windows;
        public double Days { get; } = level.CalendarMonth.AddMonths(1).DayNumber - level.CalendarMonth.DayNumber;
        public List<CandidateEvaluation> Evaluations { get; } = [];
        public int Ranked { get; set; }
        public int StayChecks { get; set; }
        public int Repairs { get; set; }

        /// <summary>Single-type candidates by cost bound, and where the search stopped in that list.</summary>
        public List<(Prepared Prepared, double Bound)> RankedList { get; set; } = [];
        public int Next { get; set; }

        /// <summary>Candidates that met the SLO here but missed it in a month mapped here, at the month's own volume (or oscillated there).</summary>
        public HashSet<string> Excluded { get; } = new(StringComparer.Ordinal);

        /// <summary>Of <see cref="Excluded"/>, those that met the SLO in the month but oscillated there.</summary>
        public HashSet<string> Oscillating { get; } = new(StringComparer.Ordinal);

        /// <summary>Candidates stopped early for costing more than a best: the cost they reached (the best's then).</summary>
        public Dictionary<string, double> StoppedAbove { get; } = new(StringComparer.Ordinal);

        public IEnumerable<CandidateEvaluation> Usable => Evaluations.Where(e => e.SloMet && !Excluded.Contains(e.Candidate.Id));

        public CandidateEvaluation? Best => Usable
            .OrderBy(e => e.GpuUsd).ThenBy(e => e.Candidate.Id, StringComparer.Ordinal).FirstOrDefault();

        /// <summary>Whether the candidate's outcome here is known: fully simulated, or stopped because it misses the SLO.</summary>
        public bool Knows(string id) => Evaluations.Any(e => e.Candidate.Id == id && e.Outcome.Stopped != EarlyStop.CostAboveBest);
    }

    /// <summary>
    /// The fleet estimate planner run gives the search's reference (the scenario's option as
    /// configured): the same workload sample and profile, so its windows start and are planned alike.
    /// </summary>
    internal static FleetEstimate? ReferenceEstimate(ScenarioSpec scenario, SearchSpace space, Func<SelfHostedOptionSpec, IPerformanceProfile> profiles) =>
        FleetEstimate.For(space.BaseOption, profiles(space.BaseOption), FleetEstimate.SampleOf(scenario));

    /// <summary>One run's state: the prepared candidates, the levels and the counters.</summary>
    private sealed class Search(Optimizer owner, ScenarioSpec scenario, SearchSpace space, OptimizerSettings settings, IProgress<OptimizationProgress>? progress)
    {
        private readonly Dictionary<string, Prepared> _byId = new(StringComparer.Ordinal);

        /// <summary>The scenario option's fleet estimate, as planner run computes it, so that its verification simulates the run's own days.</summary>
        private readonly FleetEstimate? _referenceEstimate = ReferenceEstimate(scenario, space, owner._profiles);
        private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = settings.MaxParallelism ?? Environment.ProcessorCount };
        private long _simulations, _requests, _events;
        private double _noiseShare;
        private (double? Ttft, double? Tpot, double? E2e) _latencySpreads;

        public OptimizationResult Execute()
        {
            var sample = WorkloadSample.Draw(scenario.Workload, SeedSequence.Derive(scenario.Seed, SeedKey), settings.SampleRequests);
            var prepared = new List<Prepared>(space.Candidates.Count);
            for (int i = 0; i < space.Candidates.Count; i++)
            {
                SelfHostedOptionSpec option = space.Candidates[i];
                IPerformanceProfile profile = owner._profiles(option);
                var p = new Prepared(DeploymentCandidate.Single(option), profile, CandidateBounds.Compute(option, profile, sample), i);
                prepared.Add(p);
                _byId[option.Name] = p;
            }
            List<Prepared> usable = settings.Prune ? prepared.Where(p => p.Bound.CanMeet(scenario.Slo, settings.BoundSlack)).ToList() : prepared;

            IReadOnlyList<LoadLevel> levels = LoadLevels.Plan(scenario, settings.LevelStep);
            int[] levelOfMonth = new int[scenario.HorizonMonths];
            foreach (LoadLevel level in levels)
            {
                foreach (int month in level.Months)
                {
                    levelOfMonth[month - 1] = level.Index;
                }
            }
            IReadOnlyList<int> frontierMonths = FrontierMonths();
            var frontierLevels = frontierMonths.Select(m => levelOfMonth[m - 1]).ToHashSet();

            var states = levels.Select(NewState).ToArray();
            // Progress counts candidate evaluations: each level stands for as many as it has candidates,
            // and the ones pruning skips are counted when the level ends. Counting whole levels left the
            // bar at 0% while the heaviest level, searched first, took most of the time.
            _searchTotal = levels.Count * usable.Count;
            if (owner._runner is not null)
            {
                RunAllSingles(states, usable);
            }
            int[] heaviestFirst = [.. levels.OrderByDescending(l => l.RequestsPerDay).Select(l => l.Index)];
            Parallel.ForEach(Partitioner.Create(heaviestFirst, EnumerablePartitionerOptions.NoBuffering), _parallel, k =>
            {
                int counted = SearchLevel(states[k], usable, frontierLevels.Contains(k));
                SearchProgress(usable.Count - counted);
            });

            (_noiseShare, _latencySpreads) = MeasureNoise(states);
            (List<CandidateEvaluation>[] choices, int[] chosen) = PlanWithStayChecks(states, levelOfMonth, usable);
            IReadOnlyList<PathMonth> path = Verify(states, levelOfMonth, choices, chosen);

            LevelResult[] results = [.. states.Select(s => new LevelResult
            {
                Level = s.Level,
                Best = s.Best,
                Evaluations = [.. s.Evaluations],
                Ranked = s.Ranked,
                PrunedByCostBound = Math.Max(0, s.Ranked - (s.Evaluations.Count - s.StayChecks)),
                StayChecks = s.StayChecks,
                Excluded = [.. s.Excluded.Order(StringComparer.Ordinal)],
            })];
            var frontiers = frontierMonths.Select(m =>
            {
                LevelResult r = results[levelOfMonth[m - 1]];
                return new FrontierResult
                {
                    Month = m,
                    CalendarMonth = scenario.StartMonth.AddMonths(m - 1),
                    Level = r.Level.Index,
                    RequestsPerDay = r.Level.RequestsPerDay,
                    Points = r.Evaluations,
                    // The path's configuration that month first, then the level's cheapest, so that of
                    // configurations equal on cost and p95 TTFT (chat-seed-stage's month 1: an L4 at
                    // 32 sequences and target 8, or at 128 and 64) the frontier names the one the
                    // path runs, else the one the level table names.
                    Frontier = ParetoFrontier.Of(r.Evaluations.Where(e => e.SloMet && !r.Excluded.Contains(e.Candidate.Id))
                        .OrderBy(e => e.Candidate.Id == path[m - 1].Candidate?.Id ? 0 : r.Best is not null && e.Candidate.Id == r.Best.Candidate.Id ? 1 : 2),
                        e => e.GpuUsd, e => e.Outcome.TtftP95Ms),
                };
            }).ToList();

            return new OptimizationResult
            {
                Scenario = scenario,
                Space = space,
                Settings = settings,
                Levels = results,
                Frontiers = frontiers,
                Path = path,
                LatencyPruned = LatencyPruned(prepared.Except(usable)),
                Statistics = new OptimizationStatistics
                {
                    Candidates = space.Candidates.Count,
                    HardwareConfigurations = prepared.Select(p => p.Candidate.Hardware).Distinct(StringComparer.Ordinal).Count(),
                    PrunedByLatencyBound = prepared.Count - usable.Count,
                    Levels = levels.Count,
                    CandidateLevels = prepared.Count * levels.Count,
                    Evaluations = results.Sum(r => r.Evaluations.Count),
                    MixEvaluations = results.Sum(r => r.Evaluations.Count(e => e.Candidate.IsMix)),
                    StoppedEarly = results.Sum(r => r.Evaluations.Count(e => e.Outcome.Partial)),
                    StayChecks = results.Sum(r => r.StayChecks),
                    ReplacedForOscillation = states.Sum(s => s.Oscillating.Count),
                    ExcludedAfterVerification = results.Sum(r => r.Excluded.Count),
                    PrunedByCostBound = results.Sum(r => r.PrunedByCostBound),
                    Simulations = _simulations,
                    SimulatedRequests = _requests,
                    SimulatedEvents = _events,
                    NoiseShare = _noiseShare,
                    TtftP95Spread = _latencySpreads.Ttft,
                    TpotP95Spread = _latencySpreads.Tpot,
                    E2eP99Spread = _latencySpreads.E2e,
                },
            };
        }

        private LevelState NewState(LoadLevel level)
        {
            ScenarioSpec at = LevelScenario(scenario, level);
            return new LevelState(level, at, [.. MonthWindowPlanner.Plan(at, 0).Where(w => w.Replicate == 0)]);
        }

        private IReadOnlyList<int> FrontierMonths()
        {
            int h = scenario.HorizonMonths;
            IEnumerable<int> months = settings.FrontierMonths.Count > 0 ? settings.FrontierMonths : [1, (h + 1) / 2, h];
            return months.Where(m => m >= 1 && m <= h).Distinct().Order().ToList();
        }

        private IReadOnlyList<PrunedHardware> LatencyPruned(IEnumerable<Prepared> pruned)
        {
            SloSpec slo = scenario.Slo;
            return pruned.GroupBy(p => p.Candidate.Hardware, StringComparer.Ordinal).Select(g =>
            {
                CandidateBound b = g.First().Bound;
                string miss = b.Miss(slo, settings.BoundSlack) ?? "SLO";
                (double bound, double target) = miss switch
                {
                    "TTFT p95" => (b.TtftP95Ms, slo.TtftP95Ms ?? double.NaN),
                    "TPOT p95" => (b.TpotP95Ms, slo.TpotP95Ms ?? double.NaN),
                    _ => (b.E2eP99Ms, slo.E2eP99Ms ?? double.NaN),
                };
                return new PrunedHardware { Hardware = g.Key, Miss = miss, BoundMs = bound, TargetMs = target, Candidates = g.Count() };
            }).OrderBy(p => p.Hardware, StringComparer.Ordinal).ToList();
        }

        /// <summary>Whether a cost bound leaves room to beat the best; a bound equal to it (to rounding) cannot.</summary>
        private static bool MayBeCheaper(double bound, CandidateEvaluation best) => bound < best.GpuUsd * (1 - 1e-6);

        /// <summary>A configuration without its batch limit: hardware, autoscaler target and minimum.</summary>
        private static string Family(SelfHostedOptionSpec o) =>
            string.Create(CultureInfo.InvariantCulture, $"{DeploymentCandidate.HardwareOf(o)}|{o.Autoscaler?.TargetValue}|{o.Autoscaler?.MinReplicas}");

        // ---- one load level ------------------------------------------------------------------

        private int _searchDone;
        private int _searchTotal;

        private void SearchProgress(int evaluations)
        {
            int done = Interlocked.Add(ref _searchDone, evaluations);
            progress?.Report(new OptimizationProgress("search", done, _searchTotal));
        }

        /// <summary>Searches one load level; returns how many of its ranked candidates were evaluated (and reported as progress).</summary>
        private int SearchLevel(LevelState state, List<Prepared> usable, bool frontier)
        {
            var ranked = usable
                .Select(p => (Prepared: p, Bound: CandidateBounds.MonthlyGpuUsd(p.Candidate.Autoscaled, p.Bound, state.Windows)))
                .OrderBy(r => r.Bound).ThenBy(r => r.Prepared.Index)
                .ToList();
            CandidateEvaluation? best = null;
            void Consider(CandidateEvaluation e)
            {
                if (e.SloMet && (best is null || e.GpuUsd < best.GpuUsd))
                {
                    best = e;
                }
            }

            int next = 0;
            for (; next < ranked.Count; next++)
            {
                if (settings.Prune && best is not null && !MayBeCheaper(ranked[next].Bound, best))
                {
                    break;
                }
                Consider(Evaluate(state, ranked[next].Prepared.Candidate, ranked[next].Bound, StopAbove(best, frontier)));
                SearchProgress(1);
            }

            int mixes = 0;
            if (space.Mixes && best is not null)
            {
                List<(DeploymentCandidate Mix, double Bound)> mixRanked = Mixes(state);
                mixes = mixRanked.Count;
                foreach ((DeploymentCandidate mix, double bound) in mixRanked)
                {
                    if (settings.Prune && !MayBeCheaper(bound, best!))
                    {
                        break;
                    }
                    Consider(Evaluate(state, mix, bound, StopAbove(best, frontier)));
                }
            }

            if (frontier && settings.Prune && best is not null)
            {
                // Dearer configurations may still be faster: simulate those whose bounds leave
                // room to be on the frontier (no simulated configuration is at least as cheap as
                // their cost bound and at least as fast as their latency bound), one batch limit
                // per hardware, target and minimum, so that the map spreads over the space.
                int extra = 0;
                var mapped = state.Evaluations.Select(e => Family(e.Candidate.Autoscaled)).ToHashSet(StringComparer.Ordinal);
                for (int i = next; i < ranked.Count && extra < settings.FrontierMaxEvaluations; i++)
                {
                    (Prepared p, double bound) = ranked[i];
                    if (bound > settings.FrontierCostFactor * best!.GpuUsd)
                    {
                        break;
                    }
                    if (state.Evaluations.Any(e => e.SloMet && e.GpuUsd <= bound && e.Outcome.TtftP95Ms <= p.Bound.TtftP95Ms)
                        || !mapped.Add(Family(p.Candidate.Autoscaled)))
                    {
                        continue;
                    }
                    Evaluate(state, p.Candidate, bound, double.PositiveInfinity);
                    extra++;
                }
            }
            state.Ranked = ranked.Count + mixes;
            state.RankedList = ranked;
            state.Next = next;
            return next;
        }

        /// <summary>
        /// Continues a level's branch and bound after candidates were excluded: simulates the ranked
        /// candidates not yet known, in order of cost bound, until the bound reaches the cheapest
        /// configuration left that met the SLO. From the top of the list: a candidate the search
        /// had stopped early because it cost more than a best since excluded is not known either
        /// (chat-seed-stage's level 7 kept an A100 at $1,030 a month, its L4 at target 8, $950,
        /// having been stopped against an L4 at target 16 that the verification then excluded).
        /// </summary>
        private void Resume(LevelState state)
        {
            CandidateEvaluation? best = state.Best;
            int i = 0;
            for (; i < state.RankedList.Count; i++)
            {
                (Prepared p, double bound) = state.RankedList[i];
                if (best is not null && !MayBeCheaper(bound, best))
                {
                    break;
                }
                // Stopped against a best no dearer than today's, it would stop again.
                if (state.Excluded.Contains(p.Candidate.Id) || state.Knows(p.Candidate.Id)
                    || (best is not null && state.StoppedAbove.TryGetValue(p.Candidate.Id, out double reached) && reached >= best.GpuUsd))
                {
                    continue;
                }
                CandidateEvaluation e = Evaluate(state, p.Candidate, bound, StopAbove(best, frontier: false));
                state.Repairs++;
                if (e.SloMet && (best is null || e.GpuUsd < best.GpuUsd))
                {
                    best = e;
                }
            }
            state.Next = Math.Max(state.Next, i);
        }

        /// <summary>
        /// Stop a simulation once its cost reaches the best so far (at a frontier month, the most a
        /// frontier point may cost); never without a best, or without pruning.
        /// </summary>
        private double StopAbove(CandidateEvaluation? best, bool frontier) => settings.Prune && best is not null
            ? best.GpuUsd * (frontier ? settings.FrontierCostFactor : 1)
            : double.PositiveInfinity;

        private CandidateEvaluation Evaluate(LevelState state, DeploymentCandidate candidate, double bound, double stopAboveUsd)
        {
            ulong Traffic(SimulationWindow w) => SeedSequence.Derive(scenario.Seed, SeedKey, 1, (ulong)state.Level.Index, (ulong)w.Index);
            ConfigurationOutcome outcome = Simulate(state.Level.Index, state.At, 0, candidate, state.Windows, Traffic,
                SeedSequence.Derive(scenario.Seed, SeedKey, 2, KeyOf(candidate.Id)), stopWhenMissed: settings.Prune, stopAboveUsd);
            var e = new CandidateEvaluation { Candidate = candidate, Level = state.Level.Index, BoundUsd = bound, Outcome = outcome, GpuUsdPerDay = outcome.GpuUsd / state.Days };
            state.Evaluations.Add(e);
            if (outcome.Stopped == EarlyStop.CostAboveBest)
            {
                state.StoppedAbove[candidate.Id] = Math.Max(stopAboveUsd, state.StoppedAbove.GetValueOrDefault(candidate.Id));
            }
            return e;
        }

        /// <summary>The roofline bound on a candidate's GPU cost at a level (both pools of a mix).</summary>
        private double BoundOf(DeploymentCandidate c, IReadOnlyList<SimulationWindow> windows)
        {
            double burst = CandidateBounds.MonthlyGpuUsd(c.Autoscaled, _byId[c.Autoscaled.Name].Bound, windows,
                c.IsMix ? rate => Math.Max(0, rate - c.BaseRequestsPerSecond) : null);
            return c.Base is SelfHostedOptionSpec b ? burst + CandidateBounds.MonthlyGpuUsd(b, _byId[b.Name].Bound, windows) : burst;
        }

        /// <summary>
        /// Mixes of the level's cheapest feasible hardware: a fixed base pool of one type sized
        /// for a share of the peak-hour rate at the per-replica rate it sustained on its own,
        /// and the autoscaled configuration of another type for the rest; ranked by cost bound.
        /// </summary>
        private List<(DeploymentCandidate Mix, double Bound)> Mixes(LevelState state)
        {
            var partners = state.Evaluations
                .Where(e => e.SloMet && !e.Candidate.IsMix && e.Outcome.PeakRequestsPerReplicaSecond > 0)
                .GroupBy(e => e.Candidate.Hardware, StringComparer.Ordinal)
                .Select(g => g.OrderBy(e => e.GpuUsd).ThenBy(e => e.Candidate.Id, StringComparer.Ordinal).First())
                .OrderBy(e => e.GpuUsd).ThenBy(e => e.Candidate.Id, StringComparer.Ordinal)
                .Take(space.MixPartners)
                .ToList();
            double peak = state.Windows.SelectMany(w => w.Segments).Where(s => s.Weight > 0).Select(s => Math.Max(s.RequestsPerSecond, s.EndRate)).DefaultIfEmpty(0).Max();
            var mixes = new List<(DeploymentCandidate Mix, double Bound)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (CandidateEvaluation a in partners)
            {
                foreach (CandidateEvaluation b in partners)
                {
                    if (a.Candidate.Autoscaled.Gpu.Id == b.Candidate.Autoscaled.Gpu.Id)
                    {
                        continue;
                    }
                    double perReplica = a.Outcome.PeakRequestsPerReplicaSecond;
                    foreach (double share in space.MixBaseShares)
                    {
                        int n = (int)Math.Floor(share * peak / perReplica);
                        double cap = n * perReplica;
                        if (n < 1 || cap >= peak)
                        {
                            continue;
                        }
                        string id = $"{a.Candidate.Id}×{n} + {b.Candidate.Id}";
                        if (!seen.Add(id))
                        {
                            continue;
                        }
                        // A base pool keeps the name of the single-type candidate it was built from.
                        SelfHostedOptionSpec basePool = a.Candidate.Autoscaled with { FixedReplicas = n, Autoscaler = null };
                        var mix = new DeploymentCandidate { Id = id, Base = basePool, Autoscaled = b.Candidate.Autoscaled, BaseRequestsPerSecond = cap };
                        mixes.Add((mix, BoundOf(mix, state.Windows)));
                    }
                }
            }
            return [.. mixes.OrderBy(m => m.Bound).ThenBy(m => m.Mix.Id, StringComparer.Ordinal)];
        }

        // ---- simulation ------------------------------------------------------------------------

        /// <summary>
        /// Simulates a candidate over <paramref name="windows"/>: one fleet, or a mix's two fleets on
        /// their shares of the traffic. A single fleet's service draws come from <paramref name="service"/>
        /// where given (those of the scenario's option it would replace), else from <paramref name="serviceKey"/>.
        /// </summary>
        private ConfigurationOutcome Simulate(int level, ScenarioSpec at, int monthIndex, DeploymentCandidate candidate, IReadOnlyList<SimulationWindow> windows,
            Func<SimulationWindow, ulong> traffic, ulong serviceKey, bool stopWhenMissed, double stopAboveUsd, Func<SimulationWindow, ulong>? service = null)
        {
            int unitMonth = level >= 0 ? 0 : monthIndex;
            if (candidate.Base is not SelfHostedOptionSpec basePool)
            {
                return SimulatePool(at, monthIndex, candidate.Autoscaled, _byId[candidate.Id].Profile, windows, traffic,
                    service ?? (w => SeedSequence.Derive(serviceKey, (ulong)w.Index)), stopWhenMissed, stopAboveUsd,
                    new PoolWindowUnit(level, unitMonth, 0, candidate.Autoscaled.Name, false, 0, 0, 0, 0, 0));
            }
            double cap = candidate.BaseRequestsPerSecond;
            ConfigurationOutcome a = SimulatePool(at, monthIndex, basePool, _byId[basePool.Name].Profile, Rescale(windows, r => Math.Min(r, cap)),
                w => SeedSequence.Derive(traffic(w), 1), w => SeedSequence.Derive(serviceKey, (ulong)w.Index, 1), stopWhenMissed, stopAboveUsd,
                new PoolWindowUnit(level, unitMonth, 0, basePool.Name, false, basePool.FixedReplicas ?? 0, 1, cap, 0, 0));
            if (a.Partial || (stopWhenMissed && !a.SloMet) || a.GpuUsd >= stopAboveUsd)
            {
                // The mix's latency is the worse pool's and its cost the sum: the other pool cannot save it.
                EarlyStop why = a.Partial ? a.Stopped : a.SloMet ? EarlyStop.CostAboveBest : EarlyStop.SloMissed;
                return Stopped(a, why);
            }
            ConfigurationOutcome b = SimulatePool(at, monthIndex, candidate.Autoscaled, _byId[candidate.Autoscaled.Name].Profile, Rescale(windows, r => Math.Max(0, r - cap)),
                w => SeedSequence.Derive(traffic(w), 2), w => SeedSequence.Derive(serviceKey, (ulong)w.Index, 2), stopWhenMissed, stopAboveUsd - a.GpuUsd,
                new PoolWindowUnit(level, unitMonth, 0, candidate.Autoscaled.Name, false, 0, 2, cap, 0, 0));
            return b.Partial ? Stopped(ConfigurationOutcome.Combine(a, b), b.Stopped) : ConfigurationOutcome.Combine(a, b);
        }

        private static ConfigurationOutcome Stopped(ConfigurationOutcome o, EarlyStop why) => o with
        {
            Stopped = why,
            SloMet = false,
            GpuUsd = double.NaN,
            GpuHours = double.NaN,
            MeanGpus = double.NaN,
            PeakReplicas = double.NaN,
            Requests = double.NaN,
            RequestsServed = double.NaN,
            RequestsRejected = double.NaN,
            ColdStarts = double.NaN,
        };

        private ConfigurationOutcome SimulatePool(ScenarioSpec at, int monthIndex, SelfHostedOptionSpec pool, IPerformanceProfile profile,
            IReadOnlyList<SimulationWindow> windows, Func<SimulationWindow, ulong> traffic, Func<SimulationWindow, ulong> service,
            bool stopWhenMissed, double stopAboveUsd, PoolWindowUnit unit)
        {
            // With a runner (an exhaustive search: nothing stops early), every window is simulated, so they go as one batch.
            PoolWindowOutcome[]? ran = owner._runner is null ? null : RunUnits([.. windows.Select((w, i) => unit with { WindowPosition = i, TrafficSeed = traffic(w), ServiceSeed = service(w) })]);
            var merged = new WindowMetrics();
            double peakRate = -1, peakPerReplica = 0, ramp = double.NaN;
            for (int i = 0; i < windows.Count; i++)
            {
                if (i > 0)
                {
                    // The windows left cost at least their roofline bound.
                    double rest = double.IsFinite(stopAboveUsd) && _byId.TryGetValue(pool.Name, out Prepared? p)
                        ? CandidateBounds.MonthlyGpuUsd(pool, p.Bound, [.. windows.Skip(i)])
                        : 0;
                    EarlyStop why = stopWhenMissed && SloCertainlyMissed(merged, windows.Skip(i), at.Slo) ? EarlyStop.SloMissed
                        : double.IsFinite(stopAboveUsd) && Measure(at, monthIndex, pool, merged, 0, ramp).GpuUsd + rest >= stopAboveUsd ? EarlyStop.CostAboveBest
                        : EarlyStop.None;
                    if (why != EarlyStop.None)
                    {
                        return Stopped(Measure(at, monthIndex, pool, merged, 0, ramp), why);
                    }
                }
                SimulationWindow w = windows[i];
                if (ran is not null)
                {
                    PoolWindowOutcome o = ran[i];
                    Count(o.Metrics, o.EventsProcessed, o.RequestsSimulated, ref peakRate, ref peakPerReplica);
                    ramp = Ramp(o.Metrics, w, ramp);
                    merged.Merge(o.Metrics);
                    continue;
                }
                // Every configuration simulates the same day (the scenario option's plan, whole
                // fleet, hours compressed alike), so they are compared on the same requests.
                // The scenario's own option is simulated as planner run simulates it (its own plan
                // and warm start), so that the path's reference figures are the run's.
                FleetEstimate? estimate = unit.Reference ? _referenceEstimate
                    : _byId.TryGetValue(pool.Name, out Prepared? prepared) ? FleetEstimate.From(pool, prepared.Bound) : null;
                FidelityPlan plan = unit.Reference ? FidelityPlanner.Plan(at, pool, w, estimate) : CommonPlan(at, w);
                (SimulationWindow day, OptionSpec simulated) = FidelityPlanner.Apply(w, pool, plan, estimate);
                var sim = Projector.CreateSimulator(at, simulated, profile);
                WindowMetrics m = sim.Run(day, traffic(w), service(w));
                Count(m, sim.EventsProcessed, sim.RequestsSimulated, ref peakRate, ref peakPerReplica);
                ramp = Ramp(m, w, ramp);
                merged.Merge(m);
            }
            return Measure(at, monthIndex, pool, merged, peakPerReplica, ramp);
        }

        /// <summary>The scale-ups the first weekday's load ramp needs, as planner run reads them; <paramref name="sofar"/> for any other day.</summary>
        private static double Ramp(WindowMetrics m, SimulationWindow w, double sofar) =>
            w.Index == 0 && w.Replicate == 0 ? FleetDiagnostics.NeededScaleUps(Projector.DayTimeline(m.Timeline, w)) : sofar;

        /// <summary>Counts a window's simulation and keeps the per-replica rate of its busiest segment so far.</summary>
        private void Count(WindowMetrics m, long events, long requests, ref double peakRate, ref double peakPerReplica)
        {
            Interlocked.Increment(ref _simulations);
            Interlocked.Add(ref _requests, requests);
            Interlocked.Add(ref _events, events);
            foreach (SegmentSample s in m.Timeline)
            {
                double rate = s.DurationSeconds > 0 ? s.Arrivals / s.DurationSeconds : 0;
                if (s.Weight > 0 && rate > peakRate)
                {
                    peakRate = rate;
                    peakPerReplica = s.ReplicaSeconds > 0 ? s.Arrivals / s.ReplicaSeconds : 0;
                }
            }
        }

        // ---- units for a runner ------------------------------------------------------------------

        /// <summary>Outcomes the runner already gave, by unit (a unit is the same simulation wherever it is asked for).</summary>
        private readonly ConcurrentDictionary<PoolWindowUnit, PoolWindowOutcome> _ran = new();

        /// <summary>The units' outcomes: those already run, and the rest from the runner in one batch.</summary>
        private PoolWindowOutcome[] RunUnits(IReadOnlyList<PoolWindowUnit> units)
        {
            List<PoolWindowUnit> missing = [.. units.Where(u => !_ran.ContainsKey(u)).Distinct()];
            if (missing.Count > 0)
            {
                IReadOnlyList<PoolWindowOutcome> outcomes = owner._runner!.RunAll(missing);
                for (int i = 0; i < missing.Count; i++)
                {
                    _ran[missing[i]] = outcomes[i];
                }
            }
            return [.. units.Select(u => _ran[u])];
        }

        /// <summary>
        /// Every single-type candidate at every level, each window one unit, in one batch: the bulk
        /// of an exhaustive search, sent before the levels are searched so that a runner has all
        /// of it at once (the searches then find their outcomes already there).
        /// </summary>
        private void RunAllSingles(LevelState[] states, List<Prepared> usable)
        {
            var units = new List<PoolWindowUnit>();
            foreach (LevelState state in states)
            {
                int k = state.Level.Index;
                foreach (Prepared p in usable)
                {
                    ulong serviceKey = SeedSequence.Derive(scenario.Seed, SeedKey, 2, KeyOf(p.Candidate.Id));
                    for (int i = 0; i < state.Windows.Count; i++)
                    {
                        SimulationWindow w = state.Windows[i];
                        units.Add(new PoolWindowUnit(k, 0, i, p.Candidate.Autoscaled.Name, false, 0, 0, 0,
                            SeedSequence.Derive(scenario.Seed, SeedKey, 1, (ulong)k, (ulong)w.Index), SeedSequence.Derive(serviceKey, (ulong)w.Index)));
                    }
                }
            }
            RunUnits(units);
        }

        /// <summary>The plan every configuration simulates a day with: the scenario option's, without slices.</summary>
        private FidelityPlan CommonPlan(ScenarioSpec at, SimulationWindow day) => FidelityPlanner.Plan(at, space.BaseOption, day, null);

        /// <summary>
        /// The seed-to-seed spread of the search's costs: each level's cheapest configuration
        /// simulated again on other traffic, and of their relative differences the
        /// <see cref="NoiseQuantile"/> quantile (at least <see cref="MinNoiseShare"/>). The median
        /// understated it: most levels' cheapest configurations sit at their minimum replicas, whose
        /// cost no seed moves, while the levels where the path changes configuration are the
        /// ones whose fleets do move (chat-seed-stage: the median was the 0.5% floor, while the
        /// same configuration's month cost moved 12–15% between two seeds in months 31 and 35). A path never changes hardware for a saving
        /// smaller than this.
        /// </summary>
        private (double Cost, (double? Ttft, double? Tpot, double? E2e) Latency) MeasureNoise(LevelState[] states)
        {
            var spreads = new double[states.Length];
            var latencies = new (double Ttft, double Tpot, double E2e)[states.Length];
            Parallel.For(0, states.Length, _parallel, k =>
            {
                LevelState state = states[k];
                spreads[k] = double.NaN;
                latencies[k] = (double.NaN, double.NaN, double.NaN);
                if (state.Best is not CandidateEvaluation best || !double.IsFinite(best.GpuUsd) || best.GpuUsd <= 0)
                {
                    return;
                }
                ulong Traffic(SimulationWindow w) => SeedSequence.Derive(scenario.Seed, SeedKey, 5, (ulong)state.Level.Index, (ulong)w.Index);
                ConfigurationOutcome again = Simulate(state.Level.Index, state.At, 0, best.Candidate, state.Windows, Traffic,
                    SeedSequence.Derive(scenario.Seed, SeedKey, 6, KeyOf(best.Candidate.Id)), stopWhenMissed: false, double.PositiveInfinity);
                spreads[k] = Math.Abs(again.GpuUsd - best.GpuUsd) / ((again.GpuUsd + best.GpuUsd) / 2);
                latencies[k] = (Spread(again.TtftP95Ms, best.Outcome.TtftP95Ms), Spread(again.TpotP95Ms, best.Outcome.TpotP95Ms), Spread(again.E2eP99Ms, best.Outcome.E2eP99Ms));
            });
            // Latency spreads at the same quantile as the cost's: one level's outlier does not speak for all.
            static double? Quantile(IEnumerable<double> values)
            {
                double[] measured = [.. values.Where(double.IsFinite).Order()];
                return measured.Length == 0 ? null : measured[Math.Max(0, (int)Math.Ceiling(NoiseQuantile * measured.Length) - 1)];
            }
            return (Math.Max(MinNoiseShare, CostNoiseQuantile(spreads) ?? 0), (Quantile(latencies.Select(l => l.Ttft)), Quantile(latencies.Select(l => l.Tpot)), Quantile(latencies.Select(l => l.E2e))));
        }

        /// <summary>|a − b| / their mean; NaN where either is not a measured latency.</summary>
        private static double Spread(double a, double b) => double.IsFinite(a) && double.IsFinite(b) && a + b > 0 ? Math.Abs(a - b) / ((a + b) / 2) : double.NaN;

        /// <summary>Costs and latencies of merged window metrics, as <c>planner run</c> computes them.</summary>
        private static ConfigurationOutcome Measure(ScenarioSpec at, int monthIndex, SelfHostedOptionSpec pool, WindowMetrics merged, double peakPerReplica, double ramp)
        {
            MonthlyOutcome o = Projector.Outcome(at, pool, monthIndex, merged, []);
            return new ConfigurationOutcome
            {
                GpuUsd = o.Cost.GpuUsd,
                GpuHours = o.GpuHours,
                MeanGpus = o.MeanInstances * pool.Pricing.GpusPerInstance,
                PeakReplicas = o.PeakReplicas,
                TtftP95Ms = o.TtftP95Ms,
                TpotP95Ms = o.TpotP95Ms,
                E2eP99Ms = o.E2eP99Ms,
                Requests = o.Requests,
                RequestsServed = o.RequestsServed,
                RequestsRejected = o.RequestsRejected,
                SloMet = o.SloMet,
                PeakRequestsPerReplicaSecond = peakPerReplica,
                ColdStarts = o.ColdStarts,
                RampScaleUps = pool.Autoscaler is null ? 0 : ramp,
                ReplicasPerUnit = InstancePacking.Of(pool).ReplicasPerUnit,
            };
        }

        private static List<SimulationWindow> Rescale(IReadOnlyList<SimulationWindow> windows, Func<double, double> rate) =>
            [.. windows.Select(w => RescaleWindow(w, rate))];

        // ---- the path through time -------------------------------------------------------------

        /// <summary>
        /// Plans the path; wherever it moves to other hardware, finds what staying would cost (the
        /// configuration it leaves, and the most promising others on that hardware, at the levels
        /// of the months that follow on the new hardware) and what moving earlier would cost (the
        /// same for the configuration it moves to, at the levels of the months before); wherever
        /// it retunes on the same hardware, the same for the two configurations alone; then plans
        /// again, until every change rests on both. A retune was planned without them where the
        /// search had pruned the other configuration at a level by its cost bound: legal-
        /// summarisation retuned from target 8 to 16 in month 8 (month 11 with another seed) for
        /// nothing, as both cost one whole instance in months 1 to 10.
        /// </summary>
        private (List<CandidateEvaluation>[] Choices, int[] Chosen) PlanWithStayChecks(LevelState[] states, int[] levelOfMonth, List<Prepared> usable)
        {
            (List<CandidateEvaluation>[] Choices, int[] Chosen) plan = Plan(states, levelOfMonth);
            var searched = new HashSet<(int Level, string Hardware)>();
            for (int round = 0; round < MaxStayRounds && settings.Prune; round++)
            {
                var needed = new SortedDictionary<(int Level, string Hardware), DeploymentCandidate>();
                var retunes = new SortedDictionary<(int Level, string Id), DeploymentCandidate>();
                int months = levelOfMonth.Length;
                for (int m = 1; m < months; m++)
                {
                    if (plan.Chosen[m - 1] < 0 || plan.Chosen[m] < 0)
                    {
                        continue;
                    }
                    DeploymentCandidate left = plan.Choices[m - 1][plan.Chosen[m - 1]].Candidate;
                    string hardware = plan.Choices[m][plan.Chosen[m]].Candidate.Hardware;
                    DeploymentCandidate entered = plan.Choices[m][plan.Chosen[m]].Candidate;
                    if (left.Hardware == hardware)
                    {
                        if (left.Id != entered.Id)
                        {
                            // A retune: the configuration it leaves through the months on the new one,
                            // and the new one through the months before.
                            for (int k = m; k < months && plan.Chosen[k] >= 0 && plan.Choices[k][plan.Chosen[k]].Candidate.Id == entered.Id; k++)
                            {
                                retunes.TryAdd((levelOfMonth[k], left.Id), left);
                            }
                            for (int k = m - 1; k >= 0 && plan.Chosen[k] >= 0 && plan.Choices[k][plan.Chosen[k]].Candidate.Id == left.Id; k--)
                            {
                                retunes.TryAdd((levelOfMonth[k], entered.Id), entered);
                            }
                        }
                        continue;
                    }
                    // Staying on the old hardware through the months that follow on the new one...
                    for (int k = m; k < months && plan.Chosen[k] >= 0 && plan.Choices[k][plan.Chosen[k]].Candidate.Hardware == hardware; k++)
                    {
                        if (!searched.Contains((levelOfMonth[k], left.Hardware)))
                        {
                            needed.TryAdd((levelOfMonth[k], left.Hardware), left);
                        }
                    }
                    // ...and moving to the new hardware earlier, in the months before on the old one.
                    for (int k = m - 1; k >= 0 && plan.Chosen[k] >= 0 && plan.Choices[k][plan.Chosen[k]].Candidate.Hardware == left.Hardware; k--)
                    {
                        if (!searched.Contains((levelOfMonth[k], hardware)))
                        {
                            needed.TryAdd((levelOfMonth[k], hardware), entered);
                        }
                    }
                }
                // Retune checks already known at their level (simulated in full, or found missing the SLO) are done.
                foreach ((int Level, string Id) key in retunes.Keys.Where(k => states[k.Level].Knows(k.Id)).ToList())
                {
                    retunes.Remove(key);
                }
                if (needed.Count == 0 && retunes.Count == 0)
                {
                    break;
                }
                foreach ((int Level, string Hardware) key in needed.Keys)
                {
                    searched.Add(key);
                }
                var byLevel = needed.Select(n => (n.Key.Level, Candidate: n.Value, Hardware: true))
                    .Concat(retunes.Select(r => (r.Key.Level, Candidate: r.Value, Hardware: false)))
                    .GroupBy(n => n.Level).ToList();
                Parallel.ForEach(byLevel, _parallel, group =>
                {
                    LevelState state = states[group.Key];
                    foreach ((int _, DeploymentCandidate candidate, bool hardware) in group)
                    {
                        if (hardware)
                        {
                            SearchHardware(state, candidate, usable);
                        }
                        else if (!state.Knows(candidate.Id))
                        {
                            Evaluate(state, candidate, BoundOf(candidate, state.Windows), double.PositiveInfinity);
                            state.StayChecks++;
                        }
                    }
                });
                plan = Plan(states, levelOfMonth);
            }
            return plan;
        }

        /// <summary>
        /// What staying on (or moving to) <paramref name="kept"/>'s hardware would cost at a level:
        /// the configuration itself, then at most <see cref="OptimizerSettings.StayEvaluations"/>
        /// more of that hardware's candidates in order of cost bound, while the bound is below the
        /// cheapest found on it (a mix is checked as it is).
        /// </summary>
        private void SearchHardware(LevelState state, DeploymentCandidate kept, List<Prepared> usable)
        {
            if (!state.Knows(kept.Id))
            {
                Evaluate(state, kept, BoundOf(kept, state.Windows), double.PositiveInfinity);
                state.StayChecks++;
            }
            if (kept.IsMix)
            {
                return;
            }
            var ranked = usable.Where(p => p.Candidate.Hardware == kept.Hardware)
                .Select(p => (Prepared: p, Bound: CandidateBounds.MonthlyGpuUsd(p.Candidate.Autoscaled, p.Bound, state.Windows)))
                .OrderBy(r => r.Bound).ThenBy(r => r.Prepared.Index);
            int extra = 0;
            foreach ((Prepared p, double bound) in ranked)
            {
                double best = state.Evaluations.Where(e => e.SloMet && e.Candidate.Hardware == kept.Hardware)
                    .Select(e => e.GpuUsd).DefaultIfEmpty(double.PositiveInfinity).Min();
                if (extra >= settings.StayEvaluations || (double.IsFinite(best) && bound >= best * (1 - 1e-6)))
                {
                    break;
                }
                if (state.Knows(p.Candidate.Id))
                {
                    continue;
                }
                Evaluate(state, p.Candidate, bound, best);
                state.StayChecks++;
                extra++;
            }
        }

        private (List<CandidateEvaluation>[] Choices, int[] Chosen) Plan(LevelState[] states, int[] levelOfMonth)
        {
            int months = levelOfMonth.Length;
            var choices = new List<CandidateEvaluation>[months];
            var costs = new List<PathChoice>[months];
            for (int m = 0; m < months; m++)
            {
                // One evaluation per candidate (a stay check may repeat one that stopped early).
                choices[m] = states[levelOfMonth[m]].Usable
                    .GroupBy(e => e.Candidate.Id, StringComparer.Ordinal)
                    .Select(g => g.First())
                    .OrderBy(e => e.Candidate.Id, StringComparer.Ordinal)
                    .ToList();
                costs[m] = [.. choices[m].Select(e => new PathChoice(e.Candidate.Id, e.Candidate.Hardware, MonthGpuUsd(states, levelOfMonth, m, e)))];
            }
            return (choices, PathPlanner.Plan(costs, settings.SwitchCostUsd, settings.RetuneCostUsd, _noiseShare));
        }

        /// <summary>
        /// What a configuration evaluated at month <paramref name="m"/>'s level costs in that month:
        /// the level's cost per day, interpolated in volume towards the level below's where the
        /// configuration was simulated in full there too, times the month's days. The level is
        /// simulated at its largest volume, which its SLO check should be (never below a month's),
        /// but its cost should not: a fleet that scales with the load costs less in the level's
        /// lighter months, while one held at its minimum costs the same, so pricing every month at
        /// the level's volume leaned the path towards fleets at their minimum (legal-summarisation
        /// at seed 9: three months on an H200 instance at its minimum, for a saving of $1,855 after
        /// two switches on the level's figures, where at the months' own volumes the H100 fleet it
        /// left cost $11,315 less). Without a full simulation at the level below (or at the lowest
        /// level), the level's cost stands, the conservative side.
        /// </summary>
        private double MonthGpuUsd(LevelState[] states, int[] levelOfMonth, int m, CandidateEvaluation e)
        {
            double days = DaysIn(scenario.StartMonth.AddMonths(m));
            int k = levelOfMonth[m];
            double volume = scenario.Workload.Volume.RequestsPerDay(m);
            double top = states[k].Level.RequestsPerDay;
            if (k == 0 || !(volume < top) || !double.IsFinite(e.GpuUsdPerDay))
            {
                return e.GpuUsdPerDay * days;
            }
            LevelState below = states[k - 1];
            double bottom = below.Level.RequestsPerDay;
            CandidateEvaluation? lower = below.Evaluations.FirstOrDefault(x =>
                string.Equals(x.Candidate.Id, e.Candidate.Id, StringComparison.Ordinal) && x.Outcome.Stopped == EarlyStop.None && double.IsFinite(x.GpuUsdPerDay));
            if (lower is null || !(top > bottom))
            {
                return e.GpuUsdPerDay * days;
            }
            double share = Math.Clamp((volume - bottom) / (top - bottom), 0, 1);
            double perDay = lower.GpuUsdPerDay + (e.GpuUsdPerDay - lower.GpuUsdPerDay) * share;
            return Math.Clamp(perDay, Math.Min(lower.GpuUsdPerDay, e.GpuUsdPerDay), Math.Max(lower.GpuUsdPerDay, e.GpuUsdPerDay)) * days;
        }

        /// <summary>
        /// Simulates every month's chosen configuration, and the scenario's own option, at the
        /// month's own volume; the chosen configuration twice, on the month's own draws (planner run's)
        /// and on a second set, because one set alone passed configurations that another seed found
        /// missing the SLO by a factor of five (chat-seed-stage at 10× its traffic: an H100 PCIe fleet
        /// at p95 TTFT 1,290 ms under one, 7,652 ms under another). A configuration that met the SLO
        /// at its level but misses it in a month under either set of draws (a fragile one: the
        /// month's own arrivals and calendar differ from the level's, or its fleet sits where the
        /// autoscaler's swings decide the tail) is
        /// excluded at that level, the level's search resumes without it, the path is planned
        /// again, and the months whose configuration changed are simulated again; at most
        /// <see cref="MaxRepairRounds"/> times.
        /// </summary>
        private IReadOnlyList<PathMonth> Verify(LevelState[] states, int[] levelOfMonth, List<CandidateEvaluation>[] choices, int[] chosen)
        {
            int months = levelOfMonth.Length;
            SelfHostedOptionSpec reference = space.BaseOption;
            IPerformanceProfile referenceProfile = owner._profiles(reference);
            int referenceIndex = -1;
            for (int o = 0; o < scenario.Options.Count; o++)
            {
                if (ReferenceEquals(Projector.SelfHostedPart(scenario.Options[o]), reference))
                {
                    referenceIndex = o;
                    break;
                }
            }

            var outcomes = new ConfigurationOutcome?[months];
            var secondSeeds = new ConfigurationOutcome?[months];
            var references = new ConfigurationOutcome[months];
            int done = 0, total = 3 * months;
            void Run(IEnumerable<(int Month, VerifyJob Kind)> batch, List<CandidateEvaluation>[] c, int[] pick)
            {
                var jobs = batch.OrderByDescending(j => scenario.Workload.Volume.RequestsPerDay(j.Month)).ThenBy(j => j.Month).ThenBy(j => j.Kind).ToArray();
                progress?.Report(new OptimizationProgress("verify", done, total));
                Parallel.ForEach(Partitioner.Create(jobs, EnumerablePartitionerOptions.NoBuffering), _parallel, job =>
                {
                    int m = job.Month;
                    IReadOnlyList<SimulationWindow> windows = [.. MonthWindowPlanner.Plan(scenario, m).Where(w => w.Replicate == 0)];
                    // The same arrivals as planner run's for this month (common random numbers).
                    ulong Traffic(SimulationWindow w) => SeedSequence.Derive(scenario.Seed, (ulong)m, (ulong)w.Index);
                    // A second set of draws, arrivals and service times both, for the same month.
                    ulong OtherTraffic(SimulationWindow w) => SeedSequence.Derive(scenario.Seed, SeedKey, 7, (ulong)m, (ulong)w.Index);
                    // The service draws of planner run's option (those of the scenario's option the
                    // search started from, under its name): that option as configured, and any
                    // single-fleet configuration chosen in its place, are simulated as planner run
                    // would simulate them in that option's place, to the cent where planner run
                    // simulates the whole fleet (the search never slices one; planner run slices
                    // a fleet of FidelityPlanner.MinSliceMeanReplicas replicas or more on average).
                    ulong Service(SimulationWindow w) => referenceIndex >= 0
                        ? Projector.ServiceSeed(scenario.Seed, m, w.Index, scenario.Options[referenceIndex].Name)
                        : SeedSequence.Derive(scenario.Seed, SeedKey, 3, (ulong)m, (ulong)w.Index);
                    if (job.Kind == VerifyJob.Reference)
                    {
                        references[m] = SimulatePool(scenario, m, reference, referenceProfile, windows, Traffic, Service, stopWhenMissed: false, double.PositiveInfinity,
                            new PoolWindowUnit(-1, m, 0, reference.Name, true, 0, 0, 0, 0, 0));
                    }
                    else
                    {
                        bool own = job.Kind == VerifyJob.Chosen;
                        ConfigurationOutcome? outcome = null;
                        if (pick[m] >= 0)
                        {
                            // The month's own draws or the second set: its arrivals and its service times both.
                            DeploymentCandidate candidate = c[m][pick[m]].Candidate;
                            outcome = Simulate(-1, scenario, m, candidate, windows, own ? Traffic : OtherTraffic,
                                SeedSequence.Derive(scenario.Seed, SeedKey, own ? 4UL : 8UL, KeyOf(candidate.Id), (ulong)m), stopWhenMissed: false, double.PositiveInfinity,
                                own ? Service : null);
                            if ((own ? owner.MissInVerification : owner.MissInSecondSeed)?.Invoke(m, candidate.Id) == true)
                            {
                                outcome = outcome with { SloMet = false };
                            }
                            if ((own ? owner.OscillateInVerification : owner.OscillateInSecondSeed)?.Invoke(m, candidate.Id) == true)
                            {
                                outcome = outcome with { ColdStarts = outcome.ColdStarts + 100 * DaysIn(scenario.StartMonth.AddMonths(m)) };
                            }
                        }
                        (own ? outcomes : secondSeeds)[m] = outcome;
                    }
                    progress?.Report(new OptimizationProgress("verify", Interlocked.Increment(ref done), total));
                });
            }

            string? IdAt(List<CandidateEvaluation>[] c, int[] pick, int m) => pick[m] >= 0 ? c[m][pick[m]].Candidate.Id : null;
            Run(Enumerable.Range(0, months).SelectMany(m => new[] { (m, VerifyJob.Chosen), (m, VerifyJob.SecondSeed), (m, VerifyJob.Reference) }), choices, chosen);
            for (int round = 0; round < MaxRepairRounds && RaiseNoise(outcomes, secondSeeds); round++)
            {
                // The path's own months moved more between their two sets of draws than the levels'
                // cheapest configurations did: planned again with that noise, so that no switch rests
                // on a saving it could explain, and the months whose configuration changed verified.
                (List<CandidateEvaluation>[] nextChoices, int[] nextChosen) = Plan(states, levelOfMonth);
                int[] changed = [.. Enumerable.Range(0, months).Where(m => IdAt(nextChoices, nextChosen, m) != IdAt(choices, chosen, m))];
                (choices, chosen) = (nextChoices, nextChosen);
                total += 2 * changed.Length;
                Run(changed.SelectMany(m => new[] { (m, VerifyJob.Chosen), (m, VerifyJob.SecondSeed) }), choices, chosen);
            }
            for (int round = 0; round < MaxRepairRounds && settings.Prune; round++)
            {
                // A configuration that misses the SLO under either set of draws is as fragile as one that
                // misses it at the month's volume; one that oscillates there, one planner run would warn about.
                bool Misses(int m) => outcomes[m]?.SloMet != true || secondSeeds[m]?.SloMet != true;
                bool Oscillates(int m) => settings.AvoidOscillation && PathOscillation.Oscillates(outcomes[m]!, (int)DaysIn(scenario.StartMonth.AddMonths(m)), secondSeeds[m]);
                int[] failing = [.. Enumerable.Range(0, months).Where(m => chosen[m] >= 0 && (Misses(m) || Oscillates(m)))];
                if (failing.Length == 0)
                {
                    break;
                }
                foreach (int m in failing)
                {
                    string id = IdAt(choices, chosen, m)!;
                    if (states[levelOfMonth[m]].Excluded.Add(id) && !Misses(m))
                    {
                        states[levelOfMonth[m]].Oscillating.Add(id);
                    }
                }
                Parallel.ForEach(failing.Select(m => levelOfMonth[m]).Distinct().ToList(), _parallel, k => Resume(states[k]));
                (List<CandidateEvaluation>[] nextChoices, int[] nextChosen) = Plan(states, levelOfMonth);
                int[] changed = [.. Enumerable.Range(0, months).Where(m => IdAt(nextChoices, nextChosen, m) != IdAt(choices, chosen, m))];
                (choices, chosen) = (nextChoices, nextChosen);
                total += 2 * changed.Length;
                Run(changed.SelectMany(m => new[] { (m, VerifyJob.Chosen), (m, VerifyJob.SecondSeed) }), choices, chosen);
            }

            // The option's fixed costs: a hybrid's are the hybrid's, not its fleet part's (which has none).
            double fixedUsd = CostModel.FixedUsd(referenceIndex >= 0 ? scenario.Options[referenceIndex] : reference);
            var path = new List<PathMonth>(months);
            for (int m = 0; m < months; m++)
            {
                DateOnly calendar = scenario.StartMonth.AddMonths(m);
                double days = DaysIn(calendar);
                CandidateEvaluation? pick = chosen[m] >= 0 ? choices[m][chosen[m]] : null;
                // The cheapest in the month as the path priced it (at the month's own volume).
                CandidateEvaluation? cheapest = choices[m].OrderBy(e => MonthGpuUsd(states, levelOfMonth, m, e)).ThenBy(e => e.Candidate.Id, StringComparer.Ordinal).FirstOrDefault();
                DeploymentCandidate? before = m > 0 && chosen[m - 1] >= 0 ? choices[m - 1][chosen[m - 1]].Candidate : null;
                bool switched = pick is not null && before is not null && !string.Equals(before.Hardware, pick.Candidate.Hardware, StringComparison.Ordinal);
                bool retuned = pick is not null && before is not null && !switched && !string.Equals(before.Id, pick.Candidate.Id, StringComparison.Ordinal);
                path.Add(new PathMonth
                {
                    Month = m + 1,
                    CalendarMonth = calendar,
                    RequestsPerDay = scenario.Workload.Volume.RequestsPerDay(m),
                    Level = levelOfMonth[m],
                    Candidate = pick?.Candidate,
                    Switched = switched,
                    Retuned = retuned,
                    SwitchUsd = switched ? settings.SwitchCostUsd : retuned ? settings.RetuneCostUsd : 0,
                    EstimatedGpuUsd = pick is null ? double.NaN : MonthGpuUsd(states, levelOfMonth, m, pick),
                    Cheapest = cheapest?.Candidate,
                    CheapestEstimatedGpuUsd = cheapest is null ? double.NaN : MonthGpuUsd(states, levelOfMonth, m, cheapest),
                    Outcome = outcomes[m],
                    SecondSeed = secondSeeds[m],
                    Reference = references[m],
                    FixedUsd = fixedUsd,
                });
            }
            return path;
        }

        private static double DaysIn(DateOnly month) => month.AddMonths(1).DayNumber - month.DayNumber;

        /// <summary>
        /// Raises the search's noise to the <see cref="NoiseQuantile"/> quantile of the path's months'
        /// spreads of GPU cost between their two sets of draws, where that is larger; true when it
        /// rose. The levels' cheapest configurations are mostly fleets at their minimum, which no
        /// seed moves, while the path's months are where its switches are decided:
        /// legal-summarisation at seed 9 measured 0.8% over its levels, and its path's months moved
        /// by up to 9.3%.
        /// </summary>
        private bool RaiseNoise(ConfigurationOutcome?[] outcomes, ConfigurationOutcome?[] secondSeeds)
        {
            double? measured = CostNoiseQuantile(outcomes.Zip(secondSeeds)
                .Where(p => p.First is { GpuUsd: > 0 } && p.Second is { GpuUsd: > 0 })
                .Select(p => Math.Abs(p.First!.GpuUsd - p.Second!.GpuUsd) / ((p.First.GpuUsd + p.Second.GpuUsd) / 2)));
            if (measured is not double quantile || !(quantile > _noiseShare))
            {
                return false;
            }
            _noiseShare = quantile;
            return true;
        }

        /// <summary>What a verification job simulates for its month.</summary>
        private enum VerifyJob
        {
            /// <summary>The chosen configuration on the month's own draws (planner run's arrivals, and for a single fleet the service draws of the option it would replace).</summary>
            Chosen,

            /// <summary>The chosen configuration on a second set of draws.</summary>
            SecondSeed,

            /// <summary>The scenario's option as configured.</summary>
            Reference,
        }
    }
}
