using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Reports.Formatting;

namespace Planner.Reports.Json;

/// <summary>Builds and serialises summary.json: snake_case, invariant, byte-identical for the same run.</summary>
public static class SummaryJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// As <see cref="Options"/>, and a text a summary needs (a non-nullable string, list or section)
    /// given as null is refused where it is rather than read as null: an edited summary.json with a
    /// null planner_version crashed `planner report`. One left out is found by <see cref="NullElement"/>.
    /// </summary>
    private static readonly JsonSerializerOptions ReadOptions = new(Options)
    {
        RespectNullableAnnotations = true,
    };

    public static string Serialize(SummaryDocument summary) => JsonSerializer.Serialize(summary, Options) + "\n";

    /// <summary>
    /// What kind of JSON value summary.json holds at <paramref name="jsonPath"/> (as System.Text.Json
    /// names a place: <c>$.options[0].monthly[0].cost_usd</c>): "a number", "a text in quotes", "a
    /// list in [ ]", …, for a message that says what is allowed; null where the path names no key.
    /// </summary>
    public static string? KindAt(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath))
        {
            return null;
        }
        Type type = typeof(SummaryDocument);
        foreach (string part in jsonPath.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split('[');
            if (pieces[0].Length > 0)
            {
                System.Text.Json.Serialization.Metadata.JsonPropertyInfo? property = ReadOptions.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == pieces[0]);
                if (property is null)
                {
                    return null;
                }
                type = property.PropertyType;
            }
            for (int i = 1; i < pieces.Length; i++)
            {
                if (ElementOf(type) is not Type element)
                {
                    return null;
                }
                type = element;
            }
        }
        Type plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain == typeof(double) || plain == typeof(float) || plain == typeof(decimal) ? "a number"
            : plain == typeof(int) || plain == typeof(long) ? "a whole number"
            : plain == typeof(uint) || plain == typeof(ulong) ? "a whole number, 0 or more"
            : plain == typeof(string) ? "a text in quotes"
            : plain == typeof(bool) ? "true or false"
            : ElementOf(plain) is not null ? "a list in [ ]"
            : "an object in { } with the keys `planner run` writes";
    }

    /// <summary>The item type of a list type; null for anything else (a text is no list).</summary>
    private static Type? ElementOf(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// The JSON path of the first part that may not be null and is, anywhere under <paramref name="node"/>:
    /// a text, list or section left out (the serializer passes null for a constructor parameter it
    /// does not find), or a null item of a list (a break_even or warnings entry of null), which the
    /// serializer does not check; null when there is none.
    /// </summary>
    private static string? NullElement(object node, string path)
    {
        foreach (PropertyInfo property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is { Condition: System.Text.Json.Serialization.JsonIgnoreCondition.Always })
            {
                continue;
            }
            object? value = property.GetValue(node);
            string at = (path.Length == 0 ? "" : path + ".") + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (value is null && !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.NotNull)
            {
                return at;
            }
            if (value is null or string || value.GetType().IsPrimitive || value is decimal)
            {
                continue;
            }
            if (value is System.Collections.IEnumerable items)
            {
                NullabilityInfo info = Nullability.Create(property);
                bool itemsMayBeNull = info.GenericTypeArguments.Length != 1 || info.GenericTypeArguments[0].ReadState != NullabilityState.NotNull;
                int i = 0;
                foreach (object? item in items)
                {
                    if (item is null && !itemsMayBeNull)
                    {
                        return $"{at}[{i}]";
                    }
                    if (item is not null && IsSection(item) && NullElement(item, $"{at}[{i}]") is string inner)
                    {
                        return inner;
                    }
                    i++;
                }
            }
            else if (IsSection(value) && NullElement(value, at) is string inner)
            {
                return inner;
            }
        }
        return null;
    }

    /// <summary>A part of summary.json's own shape (a record of this namespace), to look into.</summary>
    private static bool IsSection(object value) => value.GetType().Namespace == typeof(SummaryDocument).Namespace && !value.GetType().IsEnum;

    /// <summary>Reads a summary.json written by <see cref="Serialize"/>, so reports can be regenerated from it.</summary>
    /// <exception cref="JsonException">The text is not JSON or lacks a required part.</exception>
    public static SummaryDocument Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SummaryDocument? document = JsonSerializer.Deserialize<SummaryDocument>(json, ReadOptions);
        // A number left out reads as 0: a summary without its seed said "seed 0 … the same scenario and seed give the same numbers".
        using (JsonDocument raw = JsonDocument.Parse(json))
        {
            if (raw.RootElement.ValueKind == JsonValueKind.Object && !raw.RootElement.TryGetProperty("seed", out _))
            {
                throw new JsonException("seed is missing (allowed: what planner run writes there)", "seed", null, null);
            }
        }
        if (document is not null && NullElement(document, "") is string path)
        {
            throw new JsonException($"{path} is missing or null (allowed: what planner run writes there)", path, null, null);
        }
        if (document?.Scenario is null || document.Options is null || document.Recommendation is null
            || document.BreakEven is null || document.Assumptions is null || document.Simulation is null
            || document.Options.Any(o => o?.Monthly is null || o.Monthly.Count == 0 || o.Monthly.Any(m => m?.CostBreakdown is null)))
        {
            throw new JsonException("not a Planner summary: scenario, recommendation, options with monthly figures, break_even, assumptions and simulation are required");
        }
        if (document.Uncertainty is { } u && (u.Inputs is null || u.Options is null || u.Surrogate is null
            || u.Options.Any(o => o?.MonthlyCogsUsd is null || o.TotalCostUsd is null || o.NpvCostUsd is null)))
        {
            throw new JsonException("not a Planner summary: uncertainty needs inputs, options with monthly_cogs_usd, total_cost_usd and npv_cost_usd, and surrogate");
        }
        if (document.Options.Any(o => o.Noise is { CheckedMonths: null }))
        {
            throw new JsonException("not a Planner summary: an option's noise needs checked_months");
        }
        if (document.Workload is { } w && (w.Volume?.Basis is null || w.Volume.Growth is null || w.Volume.FirstMonth?.CalendarMonth is null
            || w.Volume.HorizonMonth?.CalendarMonth is null || w.DailyShape?.Name is null || w.DailyShape.HourlyWeights is null
            || w.Arrivals?.Process is null || w.Classes is null || w.Trace is { Path: null }
            || w.Classes.Any(c => c?.Name is null || c.InputTokens?.Distribution is null || c.OutputTokens?.Distribution is null)))
        {
            throw new JsonException("not a Planner summary: workload needs volume (basis, growth, first_month, horizon_month), daily_shape (name, hourly_weights), arrivals (process), classes (name, input_tokens, output_tokens) and a trace's path");
        }
        if (document.Sensitivity is { Bars: null })
        {
            throw new JsonException("not a Planner summary: sensitivity needs bars");
        }
        return document.Warnings is null ? document with { Warnings = [] } : document;
    }

    /// <summary>What the published measurements on a fleet's GPU say of its step-time model, where its performance source quotes them.</summary>
    private static PerformanceErrorSection? PerformanceErrorOf(OptionSpec option) =>
        Projector.SelfHostedPart(option) is SelfHostedOptionSpec fleet && fleet.Engine.PerformanceProfile is null
            && PerformanceValidationSpec.For(fleet.Gpu, fleet.GpusPerReplica) is PerformanceValidationSpec v
            ? new PerformanceErrorSection(v.Rows, v.MedianAbsErrorSourceHeldOut, v.BiasSourceHeldOut, v.MedianAbsErrorGpuHeldOut)
            : null;

    public static SummaryDocument Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ProjectionResult p = report.Projection;
        // The recommendation is prose written by the projection; a figure in it that overflowed
        // would read "Infinity" or "NaN" to an investor.
        if (p.Recommendation.Text.Contains("Infinity", StringComparison.Ordinal) || p.Recommendation.Text.Contains("NaN", StringComparison.Ordinal))
        {
            throw new NonFiniteFigureException($"the recommendation states a figure that is not a number: {p.Recommendation.Text}");
        }
        ScenarioSpec s = p.Scenario;
        var options = p.Options.Select(o => new OptionSection(
            o.Name, o.Option.Kind, o.PerformanceSource, Fmt.Round(o.TotalCostUsd, 2), o.MeetsSloThroughout,
            Months(o, s))
        {
            PricingModel = Projector.SelfHostedPart(o.Option) is SelfHostedOptionSpec hosted ? SnakeCase(hosted.Pricing.Model.ToString()) : null,
            Instance = Projector.SelfHostedPart(o.Option) is SelfHostedOptionSpec fleet ? InstanceOf(fleet) : null,
            Fleet = Projector.SelfHostedPart(o.Option) is SelfHostedOptionSpec sized ? FleetOf(sized) : null,
            Availability = o.Option is ApiOptionSpec api ? Fmt.Round(api.Availability, 6) : null,
            Models = ModelsOf(o.Option),
            Timeline = Timeline(o),
            FineTuning = DecisionSections.FineTuning(o.FineTuning, s.HorizonMonths),
            Noise = Noise(o, s.Slo),
            Hybrid = o.Option is HybridOptionSpec h ? new HybridPolicySection(h.OverflowQueueWaitSeconds, h.ComplianceShare, SnakeCase(h.OutageFailover.ToString())) : null,
            PerformanceError = PerformanceErrorOf(o.Option),
            LatencyFloor = o.LatencyFloor is { } floor
                ? new LatencyFloorSection(Fmt.Round(floor.TtftP95Ms, 1) ?? 0, Fmt.Round(floor.TpotP95Ms, 1) ?? 0, Fmt.Round(floor.E2eP99Ms, 1) ?? 0, floor.Requests)
                : null,
            ContextWindowTokens = o.Option switch
            {
                ApiOptionSpec endpoint => endpoint.ContextWindowTokens,
                // The longer of the two: only a request longer than both is refused (but a compliance one over the fleet's).
                HybridOptionSpec hybrid => hybrid.Primary.Model.MaxContextTokens is int own && hybrid.Overflow.ContextWindowTokens is int window ? Math.Max(own, window) : null,
                SelfHostedOptionSpec alone => alone.Model.MaxContextTokens,
                _ => null,
            },
        }).ToList();
        var breakEven = p.BreakEven.Select(b => new BreakEvenSection(
            b.Option, b.Baseline, b.Month, b.CalendarMonth is DateOnly d ? Fmt.Month(d) : null,
            b.CrossoverRequestsPerDay is double v ? Fmt.Round(v, 0) : null,
            SnakeCase(b.Crossover.ToString()), Fmt.Round(b.SavingsAtHorizonUsd, 2))
        {
            MonthsWithinNoise = b.MonthlyTie is { Months.Count: > 0 } tie ? [.. tie.Months.Select(Fmt.Month)] : null,
            ClearlyCheaperFromMonth = b.MonthlyTie?.ClearlyCheaperFromMonth,
            CheaperAtHorizon = b.MonthlyTie?.Cheaper,
        }).ToList();
        var assumptions = s.Sources.Select(a => new AssumptionSection(a.Path, a.Value, a.Source, a.AsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a.IsStale)).ToList();
        return new SummaryDocument(
            report.PlannerVersion,
            new ScenarioSection(s.Name, s.Description, report.ScenarioPath.Replace('\\', '/'), Fmt.Month(s.StartMonth), s.HorizonMonths, s.Currency,
                s.Slo.TtftP95Ms, s.Slo.TpotP95Ms, s.Slo.E2eP99Ms, s.RevenuePerRequestUsd) { Sha256 = report.ScenarioSha256 },
            s.Seed,
            p.BaselineName,
            new RecommendationSection(p.Recommendation.OptionName, p.Recommendation.Text)
            {
                Alternative = AlternativeOf(p.Recommendation.Alternative),
                OvertakenBeyondHorizon = p.Recommendation.Overtaken is { } o
                    ? new OvertakeSection(o.Option, o.MonthsBeyond, o.CalendarMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), Math.Round(o.MonthlySavingUsd, 2), Math.Round(o.ExtraOverHorizonUsd, 2))
                    : null,
            },
            options,
            breakEven,
            assumptions,
            report.Warnings,
            new SimulationSection(p.SimulatedRequests, p.SimulatedEvents, s.Simulation.MaxRequestsPerDay, s.Simulation.MinSegmentSeconds, s.Simulation.WarmUpSeconds)
                { DaysPerMonth = s.Simulation.DaysPerMonth })
        {
            Workload = WorkloadSections.Of(s),
            PriceEvents = DecisionSections.PriceEvents(s.PriceEvents, s.StartMonth),
            Finance = report.MonteCarlo is null ? null : new FinanceSection(s.Finance.DiscountRatePerYear),
            Uncertainty = report.MonteCarlo is MonteCarloResult mc ? DecisionSections.Uncertainty(mc) : null,
            Sensitivity = report.Tornado is TornadoResult t ? DecisionSections.Sensitivity(t) : null,
            Optimization = report.Optimization,
        };
    }

    private static AlternativeSection? AlternativeOf(BestAlternative? a) => a is null ? null : new AlternativeSection(
        a.Option, a.MeetsSlo, a.MonthsMissingSlo, Fmt.Round(a.TotalCostUsd, 2), Fmt.Round(a.RecommendedTotalCostUsd, 2), Fmt.Round(a.SavingsUsd, 2),
        a.CheaperAtHorizon, a.CheaperFromMonth, a.CheaperFromCalendarMonth is DateOnly f ? Fmt.Month(f) : null,
        a.CheaperFromRequestsPerDay is double v ? Fmt.Round(v, 0) : null,
        a.BreakEvenMonth, a.BreakEvenCalendarMonth is DateOnly b ? Fmt.Month(b) : null)
    {
        DifferenceNoiseUsd = a.DifferenceNoiseUsd is double n ? Fmt.Round(n, 2) : null,
        MissingSloMonths = a.MissingSloMonths.Count > 0 ? [.. a.MissingSloMonths.Select(Fmt.Month)] : null,
        MonthsWithinNoise = a.MonthlyTie is { Months.Count: > 0 } tie ? [.. tie.Months.Select(Fmt.Month)] : null,
        ClearlyCheaperFromMonth = a.MonthlyTie?.ClearlyCheaperFromMonth,
        MissingSloAtMaxReplicas = a.MissingSloAtMaxReplicas,
        RunnerUp = a.RunnerUp,
        RunnerUpTotalCostUsd = a.RunnerUpTotalCostUsd is double t ? Fmt.Round(t, 2) : null,
        RunnerUpNoiseUsd = a.RunnerUpNoiseUsd is double runnerUpNoise ? Fmt.Round(runnerUpNoise, 2) : null,
        MoreRunnersUp = a.RunnersUp.Count > 1 ? [.. a.RunnersUp.Skip(1).Select(r => new RunnerUpSection(r.Option, Fmt.Round(r.TotalCostUsd, 2), Fmt.Round(r.NoiseUsd, 2)))] : null,
    };

    /// <summary>The fleet's weekday in the last month, hour by hour; null for options without a fleet.</summary>
    private static TimelineSection? Timeline(OptionProjection o)
    {
        if (o.Timeline.Count == 0)
        {
            return null;
        }
        MonthlyOutcome last = o.Months[^1];
        var points = o.Timeline.Select(t => new TimelinePointSection(t.Hour * 3600.0, Fmt.Round(t.RequestsPerSecond, 4) ?? 0, Fmt.Round(t.MeanReplicas, 3))).ToList();
        return new TimelineSection(last.Month, Fmt.Month(last.CalendarMonth), "weekday", 3600, points);
    }

    private static List<MonthSection> Months(OptionProjection o, ScenarioSpec scenario)
    {
        double? revenuePerRequest = scenario.RevenuePerRequestUsd;
        IReadOnlyList<double> cumulative = o.CumulativeCostUsd();
        var list = new List<MonthSection>(o.Months.Count);
        bool hosted = Projector.SelfHostedPart(o.Option) is not null;
        bool api = o.Option is ApiOptionSpec or HybridOptionSpec;
        for (int i = 0; i < o.Months.Count; i++)
        {
            MonthlyOutcome m = o.Months[i];
            (double? requests, double? served, double? rejected) = WholeRequests(m.Requests, m.RequestsServed, m.RequestsRejected);
            // Revenue of the whole requests served the summary states, so that revenue_usd is requests_served × the price to the cent.
            double? revenue = revenuePerRequest is double r && served is double whole ? whole * r : null;
            double? margin = revenue is double rev && rev > 0 ? (rev - m.Cost.CogsUsd) / rev : null;
            list.Add(new MonthSection(
                m.Month, Fmt.Month(m.CalendarMonth), Fmt.Round(m.RequestsPerDay, 0), requests, served,
                rejected, Fmt.Round(m.Backoffs, 0),
                Fmt.Round(m.InputTokens, 0), Fmt.Round(m.CachedInputTokens, 0), Fmt.Round(m.OutputTokens, 0),
                Fmt.Round(m.Cost.CogsUsd, 2),
                new CostBreakdownSection(Fmt.Round(m.Cost.GpuServingUsd, 2), Fmt.Round(m.Cost.GpuIdleUsd, 2), Fmt.Round(m.Cost.GpuColdStartUsd, 2),
                    Fmt.Round(m.Cost.GpuStrandedUsd, 2), Fmt.Round(m.Cost.ApiTokensUsd, 2), Fmt.Round(m.Cost.FixedUsd, 2), Fmt.Round(m.Cost.OneTimeUsd, 2))
                {
                    FineTuningUsd = o.Option.FineTuningJobs.Count > 0 ? Fmt.Round(m.Cost.FineTuningUsd, 2) : null,
                },
                Fmt.Round(cumulative[i], 2), Fmt.Round(m.CostPerThousandRequestsUsd, 4), Fmt.Round(m.CostPerMillionTokensUsd, 4),
                revenue is double rv ? Fmt.Round(rv, 2) : null, margin is double g ? Fmt.Round(g, 4) : null,
                Fmt.Round(m.TtftP50Ms, 1), Fmt.Round(m.TtftP95Ms, 1), Fmt.Round(m.TpotP95Ms, 2), Fmt.Round(m.E2eP50Ms, 1), Fmt.Round(m.E2eP99Ms, 1),
                Fmt.Round(m.SloAttainment, 4), m.SloMet,
                // GPU-hours to a ten-thousandth, so that gpu_hours × the price gives the month's GPU bill
                // to the cent by hand (to a tenth, an H100 month could be 14 cents off).
                Fmt.Round(m.GpuHours, 4), Fmt.Round(m.MeanReplicas, 2), Fmt.Round(m.PeakReplicas, 0), Fmt.Round(m.Utilization, 4), Fmt.Round(m.ColdStarts, 0))
            {
                ItlP50Ms = Fmt.Round(m.ItlP50Ms, 2),
                PlannedRequests = Fmt.Round(MonthWindowPlanner.MonthRequests(scenario, m.Month - 1), 0),
                RequestsUnfinished = requests is double all && served is double done && rejected is double refused ? Math.Max(0, all - done - refused) : null,
                RateLimitBackoffs = api ? Fmt.Round(m.RateLimitBackoffs, 0) : null,
                RateLimitWaitSeconds = api ? Fmt.Round(m.RateLimitWaitSeconds, 0) : null,
                OutageBackoffs = api ? Fmt.Round(m.OutageBackoffs, 0) : null,
                OutageWaitSeconds = api ? Fmt.Round(m.OutageWaitSeconds, 0) : null,
                RejectedAfterRateLimit = api ? Fmt.Round(m.RejectedAfterRateLimit, 0) : null,
                RejectedAfterOutage = api ? Fmt.Round(m.RejectedAfterOutage, 0) : null,
                RejectedOverContext = m.RejectedOverContext > 0 ? Fmt.Round(m.RejectedOverContext, 0) : null,
                CapacityQueueWaits = hosted ? Fmt.Round(m.CapacityQueueWaits, 0) : null,
                CapacityQueueWaitSeconds = hosted ? Fmt.Round(m.CapacityQueueWaitSeconds, 0) : null,
                ReplicaStartWaits = hosted ? Fmt.Round(m.ReplicaStartWaits, 0) : null,
                ReplicaStartWaitSeconds = hosted ? Fmt.Round(m.ReplicaStartWaitSeconds, 0) : null,
                Preemptions = hosted ? Fmt.Round(m.Preemptions, 0) : null,
                RequeuedRequests = hosted ? Fmt.Round(m.RequeuedRequests, 0) : null,
                SpotInterruptions = hosted ? Fmt.Round(m.SpotInterruptions, 0) : null,
                OverflowedRequests = o.Option is HybridOptionSpec ? Fmt.Round(m.OverflowedRequests, 0) : null,
                ComplianceRequests = o.Option is HybridOptionSpec ? Fmt.Round(m.ComplianceRequests, 0) : null,
                OverflowInputTokens = o.Option is HybridOptionSpec ? Fmt.Round(m.ApiInputTokens, 0) : null,
                OverflowCachedInputTokens = o.Option is HybridOptionSpec ? Fmt.Round(m.ApiCachedInputTokens, 0) : null,
                OverflowOutputTokens = o.Option is HybridOptionSpec ? Fmt.Round(m.ApiOutputTokens, 0) : null,
                BatchSizeP50 = hosted ? Fmt.Round(m.BatchSizeP50, 0) : null,
                BatchSizeP95 = hosted ? Fmt.Round(m.BatchSizeP95, 0) : null,
                KvUtilizationP50 = hosted ? Fmt.Round(m.KvUtilizationP50, 2) : null,
                KvUtilizationP95 = hosted ? Fmt.Round(m.KvUtilizationP95, 2) : null,
                IdleOrColdShareOfGpuCost = hosted ? Fmt.Round(m.IdleOrColdShareOfGpuCost, 4) : null,
                StrandedShareOfGpuCost = hosted ? Fmt.Round(m.StrandedShareOfGpuCost, 4) : null,
                MeanInstances = hosted ? Fmt.Round(m.MeanInstances, 2) : null,
                SpotGpuHours = hosted ? Fmt.Round(m.SpotGpuHours, 4) : null,
                PeakInstances = hosted ? Fmt.Round(m.PeakInstances, 0) : null,
                SliceFactor = Fmt.Round(m.Fidelity.SliceFactor, 3),
                Compression = Fmt.Round(m.Fidelity.Compression, 3),
                SecondSeedSimulatedCostUsd = m.Replicates.Count > 1 ? Fmt.Round(m.Replicates[1].SimulatedCostUsd, 2) : null,
                SecondSeedTtftP95Ms = m.Replicates.Count > 1 ? Fmt.Round(m.Replicates[1].TtftP95Ms, 1) : null,
                DaySimulatedCostsUsd = m.DayCostsUsd.Count > 1 ? [.. m.DayCostsUsd.Select(c => Core.Formatting.FigureFormat.Store(c, 2))] : null,
            });
        }
        return list;
    }

    /// <summary>
    /// The month's requests, served and rejected in whole requests. Slices and compressed hours
    /// count each simulated request several times, so the three are fractional and, rounded one by
    /// one, served + rejected could come out one above the requests (voice-agent's API in 2028-11:
    /// 4,172,023 + 2,489 against 4,174,511); served then gives up the rounding, as it is the
    /// largest, the one request of rounding.
    /// </summary>
    internal static (double? Requests, double? Served, double? Rejected) WholeRequests(double arrived, double servedRequests, double rejectedRequests)
    {
        double? requests = Fmt.Round(arrived, 0), served = Fmt.Round(servedRequests, 0), rejected = Fmt.Round(rejectedRequests, 0);
        if (requests is double r && served is double s && rejected is double j && s + j > r)
        {
            served = Math.Max(0, r - j);
        }
        return (requests, served, rejected);
    }

    /// <summary>The relative differences between the two seeds of each noise-check month; null when there were none.</summary>
    private static NoiseSection? Noise(OptionProjection o, SloSpec slo) =>
        NoiseMeasure.Of(o, slo) is NoiseMeasure n
            ? new NoiseSection(n.CheckedMonths, Share(n.MedianCostSpread), Share(n.MaxCostSpread), Share(n.MedianTtftP95Spread), Share(n.MaxTtftP95Spread))
            {
                MonthlyCostSd = Share(n.MonthlyCostSd),
                TotalCostSdUsd = n.TotalCostSdUsd is double t ? Fmt.Round(t, 2) : null,
                MaxTpotP95Spread = Share(n.MaxTpotP95Spread),
                MaxE2eP99Spread = Share(n.MaxE2eP99Spread),
                MovingMonths = n.MovingMonths,
                DayDegreesOfFreedom = o.Months.Any(m => m.DayCostsUsd.Count > 1) ? n.DayDegreesOfFreedom : null,
                EffectiveDegreesOfFreedom = n.MonthlyCostSd is > 0 ? Fmt.Round(n.EffectiveDegreesOfFreedom, 2) : null,
            }
            : null;

    private static double? Share(double? v) => v is double d ? Fmt.Round(d, 4) : null;

    /// <summary>The models that answer an option's requests (<see cref="OptionSection.Models"/>).</summary>
    private static IReadOnlyList<string> ModelsOf(OptionSpec option) => option switch
    {
        ApiOptionSpec api => [api.Model],
        SelfHostedOptionSpec fleet => [fleet.Model.Name],
        HybridOptionSpec hybrid => [hybrid.Primary.Model.Name, hybrid.Overflow.Model],
        _ => [],
    };

    private static InstanceSection InstanceOf(SelfHostedOptionSpec fleet)
    {
        var packing = InstancePacking.Of(fleet);
        return new InstanceSection(fleet.Pricing.InstanceType, fleet.Pricing.GpusPerInstance, Fmt.Round(fleet.Pricing.PricePerInstanceHourUsd, 4) ?? 0,
            fleet.GpusPerReplica, packing.ReplicasPerUnit, packing.InstancesPerUnit);
    }

    private static FleetSection FleetOf(SelfHostedOptionSpec fleet) => (fleet.Autoscaler is AutoscalerSpec a
        ? new FleetSection(null, a.MinReplicas, a.MaxReplicas, SnakeCase(a.Metric.ToString()), Fmt.Round(a.TargetValue, 6), fleet.Engine.MaxConcurrentSequences)
        {
            ScheduledMinReplicas = a.ScheduledMinReplicas is { Count: 24 } schedule ? schedule : null,
            Router = SnakeCase(fleet.Router.ToString()),
        }
        : new FleetSection(fleet.FixedReplicas, null, null, null, null, fleet.Engine.MaxConcurrentSequences) { Router = SnakeCase(fleet.Router.ToString()) }) with
        {
            Spot = fleet.Spot is SpotSpec spot
                ? new SpotSection(spot.OnDemandBaseReplicas, Fmt.Round(spot.PricePerGpuHourUsd, 6) ?? 0, Fmt.Round(spot.InterruptionsPerHour, 6) ?? 0, Fmt.Round(spot.NoticeSeconds, 3) ?? 0)
                {
                    OnDemandReplicas = InstancePacking.Of(fleet) is var packing ? packing.UnitsFor(spot.OnDemandBaseReplicas) * packing.ReplicasPerUnit : null,
                }
                : null,
        };

    private static string SnakeCase(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
