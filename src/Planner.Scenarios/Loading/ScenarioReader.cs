using System.Globalization;
using System.Text.RegularExpressions;
using Planner.Core.Specs;
using Planner.Scenarios.Diagnostics;
using Planner.Scenarios.Uncertainty;
using Planner.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Loading;

/// <summary>Reads the top level of a scenario document and assembles the <see cref="ScenarioSpec"/>.</summary>
internal static partial class ScenarioReader
{
    public const int MaxHorizonMonths = 60;

    /// <summary>The most requests a representative day may simulate before its hours become shorter segments.</summary>
    public const int MaxRequestsPerDayBudget = 10_000_000;
    public const string Currency = "USD";
    public const string UncertaintyKey = "uncertainty";

    public static ScenarioSpec? Read(YamlNode root, LoadContext context)
    {
        if (root is not YamlMappingNode rootMapping)
        {
            context.Read.Error(root, Messages.ExpectedMapping("scenario", ReadContext.Describe(root)),
                Messages.Allowed("a mapping with name, start_month, horizon_months, seed, workload, slo and options"));
            return null;
        }
        var r = new MappingReader(context.Read, rootMapping, "");

        string? name = r.Text("name", required: true);
        if (name is not null && !ScenarioName().IsMatch(name))
        {
            context.Read.Error(r.Get("name")!, Messages.InvalidScenarioName(name), Messages.Allowed(Messages.ScenarioNamePattern));
            name = null;
        }
        string? description = r.Text("description");
        DateOnly? start = r.Get("start_month", required: true) is { } startNode ? context.Read.Month(startNode, "start_month") : null;
        if (start is { } month && (month < Plausible.FirstStartMonth || month > Plausible.LastStartMonth))
        {
            context.Read.Error(r.Get("start_month")!, Messages.OutOfRange("start_month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
                Messages.Allowed(string.Create(CultureInfo.InvariantCulture, $"{Plausible.FirstStartMonth:yyyy-MM} to {Plausible.LastStartMonth:yyyy-MM}")));
            start = null;
        }
        int? horizon = r.Int("horizon_months", ValueRange.Between(1, MaxHorizonMonths), required: true);
        ulong? seed = r.Get("seed", required: true) is { } seedNode ? context.Read.ULong(seedNode, "seed") : null;
        string? currency = r.Text("currency");
        if (currency is not null && currency != Currency)
        {
            context.Read.Error(r.Get("currency")!, Messages.UnsupportedCurrency(currency), Messages.AllowedList([Currency]));
        }
        double? revenue = r.Double("revenue_per_request_usd", Plausible.RevenuePerRequestUsd);
        context.StartMonth = start;
        context.HorizonMonths = horizon;

        SimulationSettings? simulation = r.Mapping("simulation") is { } simulationReader
            ? ReadSimulation(simulationReader)
            : new SimulationSettings();
        SloSpec? slo = r.Mapping("slo", required: true) is { } sloReader ? ReadSlo(sloReader) : null;
        WorkloadSpec? workload = r.Mapping("workload", required: true) is { } workloadReader
            ? WorkloadReader.Read(workloadReader, context)
            : null;

        var optionNames = new List<string>();
        IReadOnlyList<OptionSpec>? options = OptionsReader.Read(r, context, optionNames, workload);
        string? baseline = r.Text("baseline");
        if (baseline is not null && !optionNames.Contains(baseline))
        {
            context.Read.Error(r.Get("baseline")!, Messages.BaselineNamesNoOption(baseline), Suggestions.Hint(baseline, optionNames, Messages.BaselineAllowed));
        }
        FinanceSpec? finance = r.Mapping("finance") is { } financeReader ? ReadFinance(financeReader) : new FinanceSpec();
        IReadOnlyList<PriceEventSpec>? priceEvents = PriceEventReader.Read(r, context, options, optionNames);
        UncertaintySpec? uncertainty = new();
        if (context.IsVariant)
        {
            // A variant keeps the base's inputs; reading them again would only repeat the base's checks.
            r.Claim(UncertaintyKey);
        }
        else if (r.Mapping(UncertaintyKey) is { } uncertaintyReader)
        {
            // Last: input paths are checked against every number the sections above read.
            uncertainty = UncertaintyReader.Read(uncertaintyReader, root, context, out IReadOnlyList<InputTarget>? targets);
            context.InputTargets = targets;
        }
        else
        {
            context.InputTargets = [];
        }
        r.Finish();

        if (name is null || start is null || horizon is null || seed is null || simulation is null || slo is null
            || workload is null || options is null || finance is null || priceEvents is null || uncertainty is null)
        {
            return null;
        }
        return new ScenarioSpec
        {
            Name = name,
            Description = description ?? "",
            StartMonth = start.Value,
            HorizonMonths = horizon.Value,
            Seed = seed.Value,
            Currency = Currency,
            Workload = workload,
            Slo = slo,
            RevenuePerRequestUsd = revenue,
            Options = options,
            BaselineOptionName = baseline,
            Simulation = simulation,
            Finance = finance,
            PriceEvents = priceEvents,
            Uncertainty = uncertainty,
            Sources = context.Sources.ToArray(),
        };
    }

    private static SimulationSettings ReadSimulation(MappingReader r)
    {
        var defaults = new SimulationSettings();
        var settings = new SimulationSettings
        {
            MaxRequestsPerDay = r.Int("max_requests_per_day", ValueRange.Between(1000, MaxRequestsPerDayBudget)) ?? defaults.MaxRequestsPerDay,
            MinSegmentSeconds = r.Double("min_segment_seconds", ValueRange.Between(60, 3600)) ?? defaults.MinSegmentSeconds,
            WarmUpSeconds = r.Double("warm_up_seconds", ValueRange.Between(0, 86_400)) ?? defaults.WarmUpSeconds,
            NoiseCheckMonths = r.Int("noise_check_months", ValueRange.Between(0, 60)) ?? defaults.NoiseCheckMonths,
            DaysPerMonth = r.Int("days_per_month", ValueRange.Between(1, SimulationSettings.MaxDaysPerMonth)) ?? defaults.DaysPerMonth,
        };
        r.Finish();
        return settings;
    }

    private static FinanceSpec? ReadFinance(MappingReader r)
    {
        bool given = r.Has("discount_rate_per_year");
        double? rate = r.Double("discount_rate_per_year", ValueRange.Fraction);
        r.Finish();
        if (given && rate is null)
        {
            return null;
        }
        var finance = new FinanceSpec();
        return finance with { DiscountRatePerYear = rate ?? finance.DiscountRatePerYear };
    }

    private static SloSpec ReadSlo(MappingReader r)
    {
        var slo = new SloSpec
        {
            TtftP95Ms = r.Double("ttft_p95_ms", Plausible.SloMs),
            TpotP95Ms = r.Double("tpot_p95_ms", Plausible.SloMs),
            E2eP99Ms = r.Double("e2e_p99_ms", Plausible.SloMs),
        };
        r.Finish();
        return slo;
    }

    /// <summary>1 to 64 characters, as option names: the name is a folder (reports/&lt;name&gt;) and part of paths under it.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ScenarioName();
}
