using System.Text.Json;
using Xunit;

namespace Planner.Cli.Tests;

/// <summary><c>planner run --samples</c> end to end on a small scenario with uncertain inputs.</summary>
public class MonteCarloCommandTests
{
    private const string Uncertainty = """

        finance: {discount_rate_per_year: 0.08}
        uncertainty:
          samples: 40
          inputs:
            - {path: workload.volume.growth.monthly_rate, distribution: triangular, min: 0.2, mode: 0.5, max: 0.8, label: growth}
            - {path: "options[h100].pricing.per_gpu_hour_usd", distribution: uniform, min: 2.0, max: 3.0, label: H100 price}
            - {path: "options[api].output_per_million_usd", distribution: uniform, min: 1.2, max: 2.0, label: API output price}
        """;

    [Fact]
    public void Samples_run_a_monte_carlo_and_a_tornado_and_are_deterministic()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        string outA = System.IO.Path.Combine(dir.Path, "a"), outB = System.IO.Path.Combine(dir.Path, "b");

        CliRun a = CliRun.Invoke("run", scenario, "--samples", "30", "--out", outA);
        CliRun b = CliRun.Invoke("run", scenario, "--samples", "30", "--out", outB);

        Assert.True(a.ExitCode == 0, a.Stderr + a.Stdout);
        Assert.Contains("Monte Carlo: 30 samples", a.Stdout);
        // The tornado compares the recommended option's best-alternative pair, the one cheaper per month at the horizon
        // against the other: here the API is cheaper every month, so it is the API's savings against h100 that move.
        Assert.Contains("Sensitivity of api vs h100", a.Stdout);
        Assert.Contains("H100 price", a.Stdout);
        using JsonDocument ja = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(outA, "summary.json")));
        using JsonDocument jb = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(outB, "summary.json")));
        JsonElement uncertainty = ja.RootElement.GetProperty("uncertainty");
        Assert.Equal(30, uncertainty.GetProperty("samples").GetInt32());
        Assert.Equal(uncertainty.GetRawText(), jb.RootElement.GetProperty("uncertainty").GetRawText());
        Assert.Equal(ja.RootElement.GetProperty("sensitivity").GetRawText(), jb.RootElement.GetProperty("sensitivity").GetRawText());
        Assert.Equal(3, ja.RootElement.GetProperty("sensitivity").GetProperty("bars").GetArrayLength());
    }

    [Fact]
    public void Samples_csv_has_every_sample_the_bands_are_counted_from_and_goes_with_a_run_without_samples()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        string output = System.IO.Path.Combine(dir.Path, "run");

        CliRun run = CliRun.Invoke("run", scenario, "--samples", "30", "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        string file = System.IO.Path.Combine(output, "samples.csv");
        IReadOnlyList<Planner.Formats.Csv.CsvRecord> records = Planner.Formats.Csv.CsvFile.ReadFile(file);
        IReadOnlyList<string> header = records[0].Fields;
        Assert.Equal(["sample", "option", "workload.volume.growth.monthly_rate", "options[h100].pricing.per_gpu_hour_usd", "options[api].output_per_million_usd",
            "total_cost_usd", "npv_cost_usd", "npv_savings_usd", "break_even_month", "meets_slo_every_month", "lowest_npv_cost"], header);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(output, "summary.json")));
        JsonElement uncertainty = summary.RootElement.GetProperty("uncertainty");
        Assert.Equal("samples.csv", uncertainty.GetProperty("samples_file").GetString());
        List<Dictionary<string, string>> rows = [.. records.Skip(1).Select(r => header.Zip(r.Fields).ToDictionary(p => p.First, p => p.Second))];
        JsonElement[] options = [.. uncertainty.GetProperty("options").EnumerateArray()];
        Assert.Equal(30 * options.Length, rows.Count);
        // Each sample's inputs are the same on every option's row, and within the distributions' ranges.
        foreach (IGrouping<string, Dictionary<string, string>> sample in rows.GroupBy(r => r["sample"]))
        {
            Assert.Single(sample.Select(r => r["workload.volume.growth.monthly_rate"]).Distinct());
            double growth = double.Parse(sample.First()["workload.volume.growth.monthly_rate"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(growth, 0.2, 0.8);
            Assert.Single(sample, r => r["lowest_npv_cost"] == "true");
        }
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["sample"]).Distinct());
        string baseline = uncertainty.GetProperty("baseline").GetString()!;
        foreach (JsonElement o in options)
        {
            string name = o.GetProperty("name").GetString()!;
            List<Dictionary<string, string>> mine = [.. rows.Where(r => r["option"] == name)];
            foreach ((string key, string column) in (ReadOnlySpan<(string, string)>)[("npv_cost_usd", "npv_cost_usd"), ("total_cost_usd", "total_cost_usd"), ("npv_savings_usd", "npv_savings_usd")])
            {
                if (!o.TryGetProperty(key, out JsonElement band) || band.ValueKind == JsonValueKind.Null)
                {
                    Assert.All(mine, r => Assert.Equal("", r[column]));
                    continue;
                }
                double[] values = [.. mine.Select(r => double.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture)).Order()];
                foreach ((string p, double q) in (ReadOnlySpan<(string, double)>)[("p10", 0.1), ("p50", 0.5), ("p90", 0.9)])
                {
                    Assert.Equal(band.GetProperty(p).GetDouble(), Quantile(values, q), 0.011);
                }
            }
            Assert.Equal(o.GetProperty("probability_meets_slo").GetDouble(), mine.Count(r => r["meets_slo_every_month"] == "true") / 30.0, 3);
            Assert.Equal(o.GetProperty("probability_cheapest").GetDouble(), mine.Count(r => r["lowest_npv_cost"] == "true") / 30.0, 3);
            if (name != baseline)
            {
                int horizon = o.GetProperty("paid_off_by_month").GetArrayLength();
                Assert.Equal(o.GetProperty("paid_off_by_month")[horizon - 1].GetDouble(), mine.Count(r => r["break_even_month"] != "") / 30.0, 3);
            }
            else
            {
                Assert.All(mine, r => Assert.Equal("", r["break_even_month"]));
            }
        }
        Assert.Contains("samples.csv, written beside summary.json by the run", File.ReadAllText(System.IO.Path.Combine(output, "report.md")));

        // A later run without samples into the same folder takes the file away: its data would contradict the new summary's.
        CliRun plain = CliRun.Invoke("run", scenario, "--out", output);
        Assert.True(plain.ExitCode == 0, plain.Stderr + plain.Stdout);
        Assert.False(File.Exists(file));
        Assert.DoesNotContain("samples.csv", File.ReadAllText(System.IO.Path.Combine(output, "report.md")));
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values by linear interpolation (NumPy's and R's default), as a reader of samples.csv computes it.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int low = (int)Math.Floor(h);
        return sorted[low] + (h - low) * (sorted[Math.Min(low + 1, sorted.Length - 1)] - sorted[low]);
    }

    [Fact]
    public void Samples_default_to_the_scenario_and_need_uncertain_inputs()
    {
        using var dir = new TempDir();
        string plain = SmallScenario.WriteInto(dir);
        CliRun refused = CliRun.Invoke("run", plain, "--samples", "10", "--out", System.IO.Path.Combine(dir.Path, "x"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("no uncertainty: section", refused.Stderr);
        Assert.False(Directory.Exists(System.IO.Path.Combine(dir.Path, "x")));

        using var dir2 = new TempDir();
        string uncertain = SmallScenario.WriteInto(dir2, SmallScenario.Text + Uncertainty);
        CliRun defaulted = CliRun.Invoke("run", uncertain, "--samples", "--out", System.IO.Path.Combine(dir2.Path, "y"));
        Assert.True(defaulted.ExitCode == 0, defaulted.Stderr + defaulted.Stdout);
        Assert.Contains("Monte Carlo: 40 samples", defaulted.Stdout);
    }

    [Fact]
    public void Check_surrogate_compares_samples_with_full_simulations()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        CliRun run = CliRun.Invoke("run", scenario, "--samples", "20", "--check-surrogate", "1", "--out", System.IO.Path.Combine(dir.Path, "c"));
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Surrogate against full simulation", run.Stdout);
    }

    [Fact]
    public void Exact_simulates_every_sample_in_full_and_reports_the_surrogate_error_on_each()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        string output = System.IO.Path.Combine(dir.Path, "e");
        CliRun run = CliRun.Invoke("run", scenario, "--samples", "4", "--exact", "--check-surrogate", "1", "--out", output);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Monte Carlo: 4 samples simulated in full", run.Stdout);
        Assert.Contains("Surrogate against full simulation, every sample", run.Stdout);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(output, "summary.json")));
        JsonElement uncertainty = json.RootElement.GetProperty("uncertainty");
        Assert.True(uncertainty.GetProperty("fully_simulated").GetBoolean());
        JsonElement[] checks = [.. uncertainty.GetProperty("surrogate").GetProperty("checks").EnumerateArray()];
        int options = json.RootElement.GetProperty("options").GetArrayLength();
        Assert.Equal(4 * options, checks.Length);
        // The seed noise is measured on sample 0 only (--check-surrogate 1), and left out (null) elsewhere.
        Assert.All(checks, c => Assert.Equal(c.GetProperty("sample").GetInt32() == 0, c.GetProperty("seed_total_cost_error").ValueKind == JsonValueKind.Number));
        Assert.Contains("every one of the 4 samples was simulated in full", File.ReadAllText(System.IO.Path.Combine(output, "report.md")));
    }

    [Fact]
    public void Exact_needs_a_sample_count_and_no_more_reseeded_samples_than_samples()
    {
        using var dir = new TempDir();
        string scenario = SmallScenario.WriteInto(dir, SmallScenario.Text + Uncertainty);
        CliRun bare = CliRun.Invoke("run", scenario, "--exact", "--out", System.IO.Path.Combine(dir.Path, "x"));
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("--exact needs --samples N", bare.Stderr);
        CliRun tooMany = CliRun.Invoke("run", scenario, "--samples", "2", "--exact", "--check-surrogate", "3", "--out", System.IO.Path.Combine(dir.Path, "y"));
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("allowed: 0 to 2", tooMany.Stderr);
        // Without --exact the checks are of the Monte Carlo's samples too: no more of them than it draws.
        CliRun beyond = CliRun.Invoke("run", scenario, "--samples", "2", "--check-surrogate", "3", "--out", System.IO.Path.Combine(dir.Path, "z"));
        Assert.Equal(2, beyond.ExitCode);
        Assert.Contains("error: --check-surrogate 3 simulates that many of the Monte Carlo's samples in full, and there are 2 (allowed: 0 to 2)", beyond.Stderr);
        Assert.False(Directory.Exists(System.IO.Path.Combine(dir.Path, "x")) || Directory.Exists(System.IO.Path.Combine(dir.Path, "y")) || Directory.Exists(System.IO.Path.Combine(dir.Path, "z")));
    }
}
