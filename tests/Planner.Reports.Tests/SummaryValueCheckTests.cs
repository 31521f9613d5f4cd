using Planner.Reports.Json;

namespace Planner.Reports.Tests;

/// <summary>
/// summary.json figures no run writes (negative or non-finite money, counts and times; shares
/// outside 0 to 1) are named by JSON path and value; every figure a run writes passes.
/// </summary>
public sealed class SummaryValueCheckTests
{
    [Fact]
    public void EverySummaryARunWritesPasses()
    {
        Assert.Empty(SummaryValueCheck.Problems(SampleSummary.Create()));
        Assert.Empty(SummaryValueCheck.Problems(DecisionSample.Create()));
        Assert.NotEmpty(Examples());
        foreach ((string file, SummaryDocument s) in Examples())
        {
            IReadOnlyList<string> problems = SummaryValueCheck.Problems(s);
            Assert.True(problems.Count == 0, file + ":\n" + string.Join("\n", problems));
        }
    }

    [Theory]
    [InlineData("300")]
    [InlineData("")]
    [InlineData("gpu<script>s()</script>")]
    [InlineData("gpu\u202Eevil")]
    [InlineData("gpu|`b`*c*")]
    [InlineData("   ")]
    public void AnOptionNameNoScenarioAllowsIsNamedBeforeAnyChartIsWritten(string name)
    {
        // A 300-character name passed, then failed writing its chart with .NET's "path is too long"
        // (exit 1); names with HTML, Markdown or a right-to-left override passed when any character
        // but a control character did, and went into the reports.
        SummaryDocument s = SampleSummary.Create();
        s = s with { Options = [.. s.Options.Select((o, i) => i == 0 ? o with { Name = name == "300" ? new string('x', 300) : name } : o)] };
        Assert.Contains("options[0].name is not an option name a scenario allows (allowed: 1 to 64 letters, digits, spaces, '.', '_' and '-'; a scenario's own names are letters, digits, '.', '_' and '-')",
            SummaryValueCheck.Problems(s));
    }

    [Fact]
    public void ASummaryThatContradictsItselfIsNamed()
    {
        SummaryDocument s = SampleSummary.Create();
        OptionSection o = s.Options[1];
        // An edited total beside months that sum to another.
        SummaryDocument total = s with { Options = [s.Options[0], o with { TotalCostUsd = 1 }, s.Options[2]] };
        Assert.Equal([FormattableString.Invariant($"options[1].total_cost_usd is 1, but the last month's cumulative_cost_usd is {o.Monthly[^1].CumulativeCostUsd} (allowed: the same figure, as `planner run` writes it)")],
            SummaryValueCheck.Problems(total));
        // A month's cost that is not the sum of its lines.
        MonthSection m = o.Monthly[2];
        SummaryDocument lines = s with { Options = [s.Options[0], o with { Monthly = [.. o.Monthly.Select((x, i) => i == 2 ? x with { CostUsd = x.CostUsd + 100 } : x)] }, s.Options[2]] };
        Assert.Equal([FormattableString.Invariant($"options[1].monthly[2].cost_usd is {m.CostUsd + 100}, but its cost_breakdown's lines add up to {m.CostUsd} (allowed: the sum of the GPU, API token and fixed lines, as `planner run` writes it)")],
            SummaryValueCheck.Problems(lines));
        // Within the ten cents older runs drifted by, it is the same figure.
        Assert.Empty(SummaryValueCheck.Problems(s with { Options = [s.Options[0], o with { TotalCostUsd = o.TotalCostUsd + 0.09 }, s.Options[2]] }));
        // A second option of the same name.
        Assert.Contains("options[3].name is 'gpu-l4', the name of options[1] too (allowed: a name no other option has, as a scenario's options have)",
            SummaryValueCheck.Problems(s with { Options = [.. s.Options, o] }));
    }

    [Fact]
    public void AScenarioNameThatIsNoScenariosIsNamed()
    {
        // BEL, ESC and NUL went raw into report.md's title; a 5,000-character name was accepted.
        SummaryDocument s = SampleSummary.Create();
        foreach (string name in new[] { "a\u0007b\u001b[31mred", new string('x', 5000), "<img src=x>" })
        {
            Assert.Contains("scenario.name is not a scenario name `planner run` writes (allowed: 1 to 64 letters, digits, spaces, '.', '_' and '-'; a scenario's own name is lowercase letters, digits and '-')",
                SummaryValueCheck.Problems(s with { Scenario = s.Scenario with { Name = name } }));
        }
        Assert.Empty(SummaryValueCheck.Problems(s));
        // Texts and option lists no scenario holds (a 60 MiB description took 1.7 GB to draw, 60 options 920 MB).
        Assert.Contains("scenario.description is 10,001 characters long (allowed: up to 10,000, as a scenario's texts are)",
            SummaryValueCheck.Problems(s with { Scenario = s.Scenario with { Description = new string('d', 10_001) } }));
        var many = Enumerable.Range(0, 48).Select(i => s.Options[2] with { Name = $"o{i}" }).ToList();
        Assert.Contains("options has 51 options (allowed: 1 to 50, as a scenario's)", SummaryValueCheck.Problems(s with { Options = [.. s.Options, .. many] }));
    }

    /// <summary>Every summary.json under reports/examples, with its path.</summary>
    private static List<(string File, SummaryDocument Summary)> Examples()
    {
        string examples = Path.GetFullPath(Path.Combine(GoldenFiles.Folder, "..", "..", "..", "reports", "examples"));
        return [.. Directory.GetFiles(examples, "summary.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, SummaryJsonWriter.Deserialize(File.ReadAllText(f))))];
    }

    [Fact]
    public void EveryExampleMonthsRevenueIsItsRequestsServedTimesThePrice()
    {
        // A reader multiplies the two columns and must find the third, to the cent (it was up to
        // $0.06 off while revenue counted fractional requests and the summary whole ones).
        int checkedMonths = 0;
        foreach ((string file, SummaryDocument s) in Examples())
        {
            if (s.Scenario.RevenuePerRequestUsd is not double price)
            {
                continue;
            }
            foreach (MonthSection m in s.Options.SelectMany(o => o.Monthly))
            {
                Assert.True(Math.Round(m.RequestsServed!.Value * price, 2) == m.RevenueUsd, $"{file} {m.CalendarMonth}: {m.RequestsServed} × {price} against {m.RevenueUsd}");
                checkedMonths++;
            }
        }
        Assert.True(checkedMonths > 100, $"{checkedMonths} months checked");
    }

    [Fact]
    public void AnExampleRecommendationThatNamesARunnerUpHasItInTheSummary()
    {
        // legal-summarisation's fleet is within the noise of its hybrid: the text names it, with its
        // total and that noise, and summary.json must carry the same (it held only the alternative's).
        int named = 0;
        foreach ((string file, SummaryDocument s) in Examples())
        {
            if (s.Recommendation.Alternative is not { } a)
            {
                continue;
            }
            if (a.RunnerUp is string runnerUp)
            {
                string total = Formatting.Fmt.Usd(a.RunnerUpTotalCostUsd!.Value);
                Assert.True(s.Recommendation.Text.Contains($"{runnerUp} costs exactly as much ({total})", StringComparison.Ordinal)
                    || s.Recommendation.Text.Contains($"{runnerUp}, at {total}, is within the simulation's noise of it: ", StringComparison.Ordinal)
                        && s.Recommendation.Text.Contains($"less than the {Formatting.Fmt.Usd(a.RunnerUpNoiseUsd!.Value)} that noise alone could make of their difference", StringComparison.Ordinal),
                    $"{file}: {runnerUp} at {total} ±{a.RunnerUpNoiseUsd} is not the runner-up the text names: {s.Recommendation.Text}");
                named++;
            }
            else
            {
                Assert.DoesNotContain("costs exactly as much", s.Recommendation.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("is within the simulation's noise of it", s.Recommendation.Text, StringComparison.Ordinal);
            }
        }
        Assert.True(named >= 1, "legal-summarisation names a runner-up");
    }

    [Fact]
    public void ASummaryEditedOutOfShapeIsNamedNotDrawn()
    {
        // What `planner report` hit with unhandled exceptions: a horizon longer than the months, a
        // shortened month list, no options; and what it drew regardless: a month 13, an unknown kind,
        // a baseline and a recommendation that name no option.
        SummaryDocument s = SampleSummary.Create();
        int months = s.Scenario.HorizonMonths;
        Assert.Equal(
            [$"options[0].monthly has {months} months (allowed: {months + 1}, the scenario's horizon_months)", $"options[1].monthly has {months} months (allowed: {months + 1}, the scenario's horizon_months)",
             $"options[2].monthly has {months} months (allowed: {months + 1}, the scenario's horizon_months)"],
            SummaryValueCheck.Problems(s with { Scenario = s.Scenario with { HorizonMonths = months + 1 } }));
        Assert.Equal([$"options[1].monthly has {months - 1} months (allowed: {months}, the scenario's horizon_months)"],
            SummaryValueCheck.Problems(s with { Options = [s.Options[0], s.Options[1] with { Monthly = [.. s.Options[1].Monthly.Skip(1)] }, s.Options[2]] }));
        Assert.Contains("options is empty (allowed: the run's options, at least one)", SummaryValueCheck.Problems(s with { Options = [] }));
        Assert.Equal(["scenario.horizon_months is 0 (allowed: 1 or more, the months of each option's monthly list)"],
            SummaryValueCheck.Problems(s with { Scenario = s.Scenario with { HorizonMonths = 0 } }).Take(1));
        Assert.Equal(["scenario.start_month is '2027-13' (allowed: a month as YYYY-MM, months 01 to 12)"], SummaryValueCheck.Problems(s with { Scenario = s.Scenario with { StartMonth = "2027-13" } }));
        Assert.Equal(["options[2].kind is 'weird' (allowed: api, self_hosted, hybrid)"], SummaryValueCheck.Problems(s with { Options = [s.Options[0], s.Options[1], s.Options[2] with { Kind = "weird" }] }));
        string names = string.Join(", ", s.Options.Select(o => o.Name));
        Assert.Equal([$"baseline is 'nope' (allowed: one of the options: {names})"], SummaryValueCheck.Problems(s with { Baseline = "nope" }));
        Assert.Equal([$"recommendation.option is 'nope' (allowed: one of the options: {names})"], SummaryValueCheck.Problems(s with { Recommendation = s.Recommendation with { Option = "nope" } }));
        AlternativeSection a = s.Recommendation.Alternative!;
        Assert.Equal([$"recommendation.alternative.cheaper_at_horizon is 'nope' (allowed: one of the options: {names})", $"recommendation.alternative.runner_up is 'gone' (allowed: one of the options: {names})",
                "recommendation.alternative.missing_slo_at_max_replicas is 0 (allowed: 1 or more, a max_replicas)"],
            SummaryValueCheck.Problems(s with { Recommendation = s.Recommendation with { Alternative = a with { CheaperAtHorizon = "nope", RunnerUp = "gone", MissingSloAtMaxReplicas = 0 } } }));
        Assert.Equal([$"recommendation.alternative.more_runners_up[0].option is 'gone' (allowed: one of the options: {names})",
                "recommendation.alternative.more_runners_up is given without recommendation.alternative.runner_up",
                "recommendation.alternative.more_runners_up[0].total_cost_usd is -1 (allowed: a finite number from 0 to 1e18)"],
            SummaryValueCheck.Problems(s with { Recommendation = s.Recommendation with { Alternative = a with { RunnerUp = null, MoreRunnersUp = [new RunnerUpSection("gone", -1, 5)] } } }));
        Assert.Equal([$"recommendation.alternative.months_within_noise[1] is 'soon' (allowed: a month as YYYY-MM)", $"recommendation.alternative.clearly_cheaper_from_month is {months + 1} (allowed: 1 to {months}, a month of the horizon)",
                "break_even[0].clearly_cheaper_from_month is 0 (allowed: 1 to " + months + ", a month of the horizon)"],
            SummaryValueCheck.Problems(s with
            {
                Recommendation = s.Recommendation with { Alternative = a with { MonthsWithinNoise = ["2027-01", "soon"], ClearlyCheaperFromMonth = months + 1 } },
                BreakEven = [s.BreakEven[0] with { ClearlyCheaperFromMonth = 0 }, .. s.BreakEven.Skip(1)],
            }));
        // The keys of 2026-12-07: which of a break-even pair is cheaper at the horizon and a fleet's latency floor (the samples' file: DecisionSummaryTests).
        Assert.Equal([$"break_even[0].cheaper_at_horizon is 'nope' (allowed: the entry's option or baseline)"],
            SummaryValueCheck.Problems(s with { BreakEven = [s.BreakEven[0] with { CheaperAtHorizon = "nope" }, .. s.BreakEven.Skip(1)] }));
        Assert.Empty(SummaryValueCheck.Problems(s with { BreakEven = [s.BreakEven[0] with { CheaperAtHorizon = s.BreakEven[0].Baseline }, .. s.BreakEven.Skip(1)] }));
        var floor = new LatencyFloorSection(120, 12, 9000, 20_000);
        Assert.Empty(SummaryValueCheck.Problems(s with { Options = [s.Options[0], s.Options[1] with { LatencyFloor = floor }, s.Options[2]] }));
        Assert.Equal(["options[0].latency_floor is given for a api option (allowed: self_hosted options only, whose every request its fleet serves)",
                "options[1].latency_floor.requests is 0 (allowed: 1 or more requests drawn)", "options[1].latency_floor.e2e_p99_ms is -1 (allowed: a finite number from 0 to 1e18)"],
            SummaryValueCheck.Problems(s with { Options = [s.Options[0] with { LatencyFloor = floor }, s.Options[1] with { LatencyFloor = floor with { Requests = 0, E2eP99Ms = -1 } }, s.Options[2]] }));
        FleetSection fleet = new(null, 4, 16, "concurrency", 8, 256) { Spot = new SpotSection(4, -2.75, 0.1, 120) };
        Assert.Equal(["options[1].fleet.spot.price_per_gpu_hour_usd is -2.75 (allowed: a finite number from 0 to 1e18)"],
            SummaryValueCheck.Problems(s with { Options = [s.Options[0], s.Options[1] with { Fleet = fleet }, s.Options[2]] }));
        OptionSection first = s.Options[0];
        NoiseSection noise = new([1, 3, 6], 0.01, 0.02, 0.01, 0.02) { MovingMonths = 4 };
        Assert.Equal(["options[0].noise.moving_months is 4 (allowed: 0 to 3, the checked months)"], SummaryValueCheck.Problems(s with { Options = [first with { Noise = noise }, .. s.Options.Skip(1)] }));
        int most = first.Monthly.Count * 15;
        NoiseSection days = new([1, 3, 6], 0.01, 0.02, 0.01, 0.02) { MovingMonths = 3, DayDegreesOfFreedom = most + 1 };
        Assert.Equal([$"options[0].noise.day_degrees_of_freedom is {most + 1} (allowed: 0 to {most}, days_per_month − 1 for each of the {first.Monthly.Count} months)"],
            SummaryValueCheck.Problems(s with { Options = [first with { Noise = days }, .. s.Options.Skip(1)] }));
        MonthSection fleetMonth = s.Options[1].Monthly[0] with { GpuHours = 100, SpotGpuHours = 100.1 };
        Assert.Equal(["options[1].monthly[0].spot_gpu_hours is 100.1 (allowed: 0 to gpu_hours, 100)"],
            SummaryValueCheck.Problems(s with { Options = [s.Options[0], s.Options[1] with { Monthly = [fleetMonth, .. s.Options[1].Monthly.Skip(1)] }, s.Options[2]] }));
        MonthSection month = first.Monthly[0] with { DaySimulatedCostsUsd = [100, -1] };
        Assert.Equal(["options[0].monthly[0].day_simulated_costs_usd[1] is -1 (allowed: a finite number from 0 to 1e18)"],
            SummaryValueCheck.Problems(s with { Options = [first with { Monthly = [month, .. first.Monthly.Skip(1)] }, .. s.Options.Skip(1)] }));
    }

    [Fact]
    public void AFigureNoRunWritesIsRefusedAtEitherEnd()
    {
        // An edited monthly cost of 1e308 was drawn as a 309-digit dollar figure beside a total of $30.
        SummaryDocument s = WithMonth(SampleSummary.Create(), option: 1, month: 3, m => m with { CostUsd = 1e308 });
        Assert.Equal(["options[1].monthly[3].cost_usd is 1E+308 (allowed: a finite number from 0 to 1e18)"], SummaryValueCheck.Problems(s));
        SummaryDocument saving = SampleSummary.Create();
        saving = saving with { BreakEven = [saving.BreakEven[0] with { SavingsAtHorizonUsd = -2e18 }, .. saving.BreakEven.Skip(1)] };
        Assert.Equal(["break_even[0].savings_at_horizon_usd is -2E+18 (allowed: a finite number from -1e18 to 1e18)"], SummaryValueCheck.Problems(saving));
        Assert.Empty(SummaryValueCheck.Problems(WithMonth(SampleSummary.Create(), option: 1, month: 3, m => m with { InputTokens = 6e16 })));
    }

    [Fact]
    public void ANullOrMissingPartIsNamedWhereItIsNotReadAsNothing()
    {
        // `planner report` crashed on each of these with a stack trace; a missing seed read as seed 0.
        string json = SummaryJsonWriter.Serialize(SampleSummary.Create());
        System.Text.Json.Nodes.JsonObject Edited(Action<System.Text.Json.Nodes.JsonObject> edit)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            edit(node);
            return node;
        }
        string Refused(System.Text.Json.Nodes.JsonObject node) =>
            Assert.Throws<System.Text.Json.JsonException>(() => SummaryJsonWriter.Deserialize(node.ToJsonString())).Message;

        Assert.Equal("planner_version is missing or null (allowed: what planner run writes there)", Refused(Edited(n => n.Remove("planner_version"))));
        Assert.Equal("seed is missing (allowed: what planner run writes there)", Refused(Edited(n => n.Remove("seed"))));
        Assert.Equal("options[1].monthly[2].calendar_month is missing or null (allowed: what planner run writes there)", Refused(Edited(n => n["options"]![1]!["monthly"]![2]!.AsObject().Remove("calendar_month"))));
        Assert.Contains("doesn't allow null", Refused(Edited(n => n["options"]![0]!["performance_source"] = null)), StringComparison.Ordinal);
        Assert.Equal("break_even[0] is missing or null (allowed: what planner run writes there)", Refused(Edited(n => n["break_even"]![0] = null)));
        Assert.Equal("warnings[0] is missing or null (allowed: what planner run writes there)", Refused(Edited(n => n["warnings"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null))));
        Assert.Equal("assumptions[1] is missing or null (allowed: what planner run writes there)", Refused(Edited(n => n["assumptions"]![1] = null)));
        // Optional parts may be left out, as older summaries do.
        Assert.NotNull(SummaryJsonWriter.Deserialize(Edited(n => n["scenario"]!.AsObject().Remove("sha256")).ToJsonString()));
    }

    [Fact]
    public void ANegativeMonthlyCostIsNamedByItsPathAndValue()
    {
        SummaryDocument s = WithMonth(SampleSummary.Create(), option: 1, month: 3, m => m with { CostUsd = -500 });
        Assert.Equal(["options[1].monthly[3].cost_usd is -500 (allowed: a finite number from 0 to 1e18)"], SummaryValueCheck.Problems(s));
    }

    [Fact]
    public void EveryFigureOutOfRangeIsNamedNotOnlyTheFirst()
    {
        SummaryDocument s = WithMonth(SampleSummary.Create(), option: 0, month: 0, m => m with
        {
            CumulativeCostUsd = -1,
            GpuHours = -0.5,
            Requests = -10,
            SloAttainment = 1.5,
            CostBreakdown = m.CostBreakdown with { ApiTokensUsd = -3 },
        });
        Assert.Equal(
            [
                "options[0].monthly[0].requests is -10 (allowed: a finite number from 0 to 1e18)",
                "options[0].monthly[0].cost_breakdown.api_tokens_usd is -3 (allowed: a finite number from 0 to 1e18)",
                "options[0].monthly[0].cumulative_cost_usd is -1 (allowed: a finite number from 0 to 1e18)",
                "options[0].monthly[0].slo_attainment is 1.5 (allowed: a number from 0 to 1)",
                "options[0].monthly[0].gpu_hours is -0.5 (allowed: a finite number from 0 to 1e18)",
            ],
            SummaryValueCheck.Problems(s));
    }

    [Fact]
    public void AHybridsPolicyOutOfRangeIsNamed()
    {
        SummaryDocument s = SampleSummary.Create();
        s = s with { Options = [s.Options[0], s.Options[1] with { Kind = "hybrid", Hybrid = new HybridPolicySection(-2, 1.3, "self_hosted") }, s.Options[2]] };
        Assert.Equal(
            [
                "options[1].hybrid.overflow_queue_wait_s is -2 (allowed: a finite number from 0 to 1e18)",
                "options[1].hybrid.compliance_share is 1.3 (allowed: a number from 0 to 1)",
            ],
            SummaryValueCheck.Problems(s));
    }

    [Fact]
    public void MarginsAndSavingsMayBeNegative()
    {
        SummaryDocument s = WithMonth(SampleSummary.Create(), option: 2, month: 5, m => m with { GrossMargin = -4.2 });
        s = s with { BreakEven = [s.BreakEven[0] with { SavingsAtHorizonUsd = -12_345 }, .. s.BreakEven.Skip(1)] };
        Assert.Empty(SummaryValueCheck.Problems(s));
    }

    [Fact]
    public void ANumberTooLargeForADoubleReadsAsInfinityAndIsRefused()
    {
        string json = SummaryJsonWriter.Serialize(SampleSummary.Create());
        string total = $"\"total_cost_usd\": {SampleSummary.Create().Options[0].TotalCostUsd!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        Assert.Contains(total, json, StringComparison.Ordinal);
        SummaryDocument s = SummaryJsonWriter.Deserialize(json.Replace(total, "\"total_cost_usd\": 1e400", StringComparison.Ordinal));
        Assert.Contains("options[0].total_cost_usd is too large for a number (it reads as +infinity) (allowed: a finite number from 0 to 1e18)", SummaryValueCheck.Problems(s));
    }

    private static SummaryDocument WithMonth(SummaryDocument s, int option, int month, Func<MonthSection, MonthSection> change)
    {
        OptionSection o = s.Options[option];
        List<MonthSection> monthly = [.. o.Monthly];
        monthly[month] = change(monthly[month]);
        List<OptionSection> options = [.. s.Options];
        options[option] = o with { Monthly = monthly };
        return s with { Options = options };
    }
}
