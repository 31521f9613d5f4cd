using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Planner.Core.Optimization;
using Planner.Core.Specs;
using Planner.Reports.Formatting;

namespace Planner.Reports.Optimization;

/// <summary>Builds and serialises optimization.json: snake_case, invariant, byte-identical for the same scenario, search and seed.</summary>
public static class OptimizationJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(OptimizationDocument document) => JsonSerializer.Serialize(document, Options) + "\n";

    /// <summary>Reads an optimization.json written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON or lacks a required part.</exception>
    public static OptimizationDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        OptimizationDocument? d = JsonSerializer.Deserialize<OptimizationDocument>(json, Options);
        if (d?.Scenario is null || d.Search is null || d.Levels is null || d.Path is null || d.PathSummary is null || d.Frontiers is null)
        {
            throw new JsonException("not a Planner optimization: scenario, search, levels, path, path_summary and frontiers are required");
        }
        return d;
    }

    /// <param name="result">The search.</param>
    /// <param name="scenarioPath">The scenario as the user named it.</param>
    /// <param name="scenarioSha256">SHA-256 of the scenario file (<see cref="Output.ScenarioFingerprint"/>); null when unknown.</param>
    public static OptimizationDocument Build(OptimizationResult result, string scenarioPath, string? scenarioSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenarioPath);
        ScenarioSpec s = result.Scenario;
        SearchSpace space = result.Space;
        OptimizerSettings settings = result.Settings;
        IReadOnlyList<SelfHostedOptionSpec> c = space.Candidates;
        var offers = c.GroupBy(o => (o.Gpu.Id, o.Pricing.GpusPerInstance)).Select(g => g.First())
            .Select(o => new GpuOfferSection(o.Gpu.Id, o.Gpu.Name, o.Pricing.GpusPerInstance, o.Pricing.InstanceType, o.Pricing.PricePerGpuHourUsd,
                o.Pricing.Source, Date(o.Pricing.AsOf))).ToList();
        var search = new SearchSection(
            space.BaseOption.Name, space.BaseOption.Model.Name, offers,
            [.. c.Select(o => o.GpusPerReplica).Distinct().Order()],
            [.. c.Select(o => DeploymentCandidate.PrecisionName(o.Engine.WeightPrecision)).Distinct(StringComparer.Ordinal)],
            [.. c.Select(o => o.Engine.MaxConcurrentSequences).Distinct().Order()],
            [.. c.Select(o => o.Autoscaler!.TargetValue).Distinct().Order()],
            [.. c.Select(o => o.Autoscaler!.MinReplicas).Distinct().Order()],
            space.Mixes, space.MixBaseShares, settings.LevelStep, settings.SwitchCostUsd, settings.RetuneCostUsd, settings.Prune, settings.FrontierCostFactor)
        {
            AvoidOscillation = settings.AvoidOscillation,
        };
        OptimizationStatistics st = result.Statistics;
        var statistics = new StatisticsSection(st.Candidates, st.HardwareConfigurations, st.PrunedByLatencyBound, st.Levels, st.CandidateLevels,
            st.Evaluations, st.MixEvaluations, st.StoppedEarly, st.StayChecks, st.ExcludedAfterVerification, st.PrunedByCostBound, st.Simulations, st.SimulatedRequests, st.SimulatedEvents)
        {
            ReplacedForOscillation = st.ReplacedForOscillation,
            NoiseShare = Fmt.Round(st.NoiseShare, 4),
            TtftP95Spread = st.TtftP95Spread is double ttft ? Fmt.Round(ttft, 4) : null,
            TpotP95Spread = st.TpotP95Spread is double tpot ? Fmt.Round(tpot, 4) : null,
            E2eP99Spread = st.E2eP99Spread is double e2e ? Fmt.Round(e2e, 4) : null,
        };
        var pruned = result.LatencyPruned.Select(p => new LatencyPrunedSection(p.Hardware, p.Miss, Fmt.Round(p.BoundMs, 1), Fmt.Round(p.TargetMs, 1), p.Candidates)).ToList();
        var levels = result.Levels.Select(l => new LevelSection(
            l.Level.Index, Fmt.Round(l.Level.RequestsPerDay, 0), Fmt.Month(l.Level.CalendarMonth), l.Level.Months,
            l.Best is null ? null : Configuration(l.Best.Candidate), l.Best is null ? null : Outcome(l.Best.Outcome),
            l.Evaluations.Count, l.Ranked, l.PrunedByCostBound, l.Evaluations.Count(e => e.Outcome.Partial), l.StayChecks, l.Excluded)).ToList();
        var path = result.Path.Select(p => new PathMonthSection(
            p.Month, Fmt.Month(p.CalendarMonth), Fmt.Round(p.RequestsPerDay, 0), p.Level, p.Candidate?.Id, p.Candidate?.Hardware, p.Switched, p.Retuned,
            Fmt.Round(p.SwitchUsd, 2), Fmt.Round(p.EstimatedGpuUsd, 2), p.Cheapest?.Id, Fmt.Round(p.CheapestEstimatedGpuUsd, 2),
            p.Outcome is null ? null : Outcome(p.Outcome), Fmt.Round(p.FixedUsd, 2), Fmt.Round(p.TotalUsd, 2), Outcome(p.Reference))
        {
            SecondSeed = p.SecondSeed is null ? null : Outcome(p.SecondSeed),
        }).ToList();
        double fixedUsd = result.Path.Sum(p => p.FixedUsd), switchUsd = result.Path.Sum(p => p.SwitchUsd);
        var summary = new PathSummarySection(
            Fmt.Round(result.PathTotalUsd, 2), Fmt.Round(result.PathTotalUsd - fixedUsd - switchUsd, 2), Fmt.Round(fixedUsd, 2), Fmt.Round(switchUsd, 2),
            result.Switches, result.Retunes, result.PathMeetsSlo, space.BaseOption.Name, Fmt.Round(result.ReferenceTotalUsd, 2), result.Path.All(p => p.Reference.SloMet),
            [.. result.Segments.Select(g => new PathSegmentSection(g.FromMonth, g.ToMonth, Fmt.Month(s.StartMonth.AddMonths(g.FromMonth - 1)),
                g.Candidate is null ? null : Configuration(g.Candidate), g.Switched, g.Retuned))]);
        var frontiers = result.Frontiers.Select(f =>
        {
            var on = f.Frontier.ToHashSet();
            return new FrontierSection(f.Month, Fmt.Month(f.CalendarMonth), f.Level, Fmt.Round(f.RequestsPerDay, 0),
                [.. f.Points.OrderBy(p => p.GpuUsd).ThenBy(p => p.Candidate.Id, StringComparer.Ordinal)
                    .Select(p => new FrontierPointSection(Configuration(p.Candidate), Fmt.Round(p.BoundUsd, 2), Outcome(p.Outcome), on.Contains(p)))]);
        }).ToList();
        return new OptimizationDocument(
            new OptimizationScenarioSection(s.Name, scenarioPath.Replace('\\', '/'), Fmt.Month(s.StartMonth), s.HorizonMonths, s.Slo.TtftP95Ms, s.Slo.TpotP95Ms, s.Slo.E2eP99Ms) { Sha256 = scenarioSha256 },
            s.Seed, search, statistics, pruned, levels, summary, path, frontiers);
    }

    /// <summary>A configuration's pools as JSON.</summary>
    public static ConfigurationSection Configuration(DeploymentCandidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var pools = new List<PoolSection>();
        if (c.Base is SelfHostedOptionSpec b)
        {
            pools.Add(Pool("base", b));
        }
        pools.Add(Pool(c.IsMix ? "autoscaled" : "only", c.Autoscaled));
        return new ConfigurationSection(c.Id, c.Label, c.Hardware, pools) { BaseRequestsPerSecond = c.IsMix ? Fmt.Round(c.BaseRequestsPerSecond, 3) : null };
    }

    private static PoolSection Pool(string role, SelfHostedOptionSpec o) => new(
        role, o.Gpu.Id, o.GpusPerReplica, DeploymentCandidate.PrecisionName(o.Engine.WeightPrecision), DeploymentCandidate.PrecisionName(o.Engine.KvCachePrecision),
        o.Engine.MaxConcurrentSequences, o.Pricing.PricePerGpuHourUsd, o.FixedReplicas, o.Autoscaler?.TargetValue, o.Autoscaler?.MinReplicas, o.Autoscaler?.MaxReplicas)
    {
        InstanceType = o.Pricing.InstanceType,
        GpusPerInstance = o.Pricing.GpusPerInstance,
    };

    private static OutcomeSection Outcome(ConfigurationOutcome o) => new(
        Fmt.Round(o.GpuUsd, 2), Fmt.Round(o.GpuHours, 1), Fmt.Round(o.MeanGpus, 2), Fmt.Round(o.PeakReplicas, 0), Fmt.Round(o.TtftP95Ms, 1),
        Fmt.Round(o.TpotP95Ms, 2), Fmt.Round(o.E2eP99Ms, 1), Fmt.Round(o.RejectedShare, 6), o.SloMet)
        {
            Stopped = o.Stopped switch { EarlyStop.SloMissed => "slo_missed", EarlyStop.CostAboveBest => "cost_above_best", _ => null },
            ColdStarts = Fmt.Round(o.ColdStarts, 1),
            RampScaleUps = Fmt.Round(o.RampScaleUps, 2),
            ReplicasPerUnit = o.ReplicasPerUnit,
        };

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
