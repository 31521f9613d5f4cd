using Planner.Core.Decision;
using Planner.Core.Formatting;
using Planner.Formats.Csv;
using Planner.Reports.Formatting;

namespace Planner.Reports.Csv;

/// <summary>
/// Writes samples.csv: a row per Monte Carlo sample (numbered from 0, as the surrogate's checks
/// number them) and option, with the value each uncertain input drew in that sample (a column per
/// input, named by its scenario path, the same on every option's row) and the option's outcome. The
/// Uncertainty section's bands over the horizon and its shares are counted from these rows (its
/// monthly bands from each sample's months, left out here): the P10, P50 and P90 of a column (linear
/// interpolation, as NumPy's and R's default quantiles) are the summary's to the cent, so a reader
/// can check them, or cut them by an input.
/// </summary>
public static class SamplesCsvWriter
{
    /// <summary>The file's name in a run's folder.</summary>
    public const string FileName = "samples.csv";

    /// <summary>The columns after the inputs'.</summary>
    private static readonly string[] OutcomeColumns =
        ["total_cost_usd", "npv_cost_usd", "npv_savings_usd", "break_even_month", "meets_slo_every_month", "lowest_npv_cost"];

    public static string Serialize(MonteCarloResult monteCarlo, IReadOnlyList<string> optionNames)
    {
        ArgumentNullException.ThrowIfNull(monteCarlo);
        ArgumentNullException.ThrowIfNull(optionNames);
        string[] header = ["sample", "option", .. monteCarlo.Inputs.Select(i => i.Path), .. OutcomeColumns];
        return CsvFile.Write(header, Rows(monteCarlo, optionNames));
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(MonteCarloResult monteCarlo, IReadOnlyList<string> optionNames)
    {
        foreach (SampleOutcome sample in monteCarlo.SampleOutcomes)
        {
            if (sample.Options.Count != optionNames.Count || sample.Values.Count != monteCarlo.Inputs.Count)
            {
                throw new ArgumentException($"sample {sample.Sample} has {sample.Options.Count} options and {sample.Values.Count} inputs, not {optionNames.Count} and {monteCarlo.Inputs.Count}", nameof(monteCarlo));
            }
            string[] inputs = [.. sample.Values.Select(CsvNumber.RoundTrip)];
            for (int o = 0; o < optionNames.Count; o++)
            {
                SampleOptionOutcome x = sample.Options[o];
                yield return
                [
                    CsvNumber.Format(sample.Sample),
                    optionNames[o],
                    .. inputs,
                    Money(x.TotalCostUsd),
                    Money(x.NpvCostUsd),
                    x.NpvSavingsUsd is double s ? Money(s) : "",
                    x.BreakEvenMonth is int m ? CsvNumber.Format(m) : "",
                    x.MeetsSloEveryMonth ? "true" : "false",
                    x.LowestNpvCost ? "true" : "false",
                ];
            }
        }
    }

    private static string Money(double usd) => Fmt.Round(usd, FigureFormat.MoneyDigits) is double v ? CsvNumber.RoundTrip(v) : "";
}
