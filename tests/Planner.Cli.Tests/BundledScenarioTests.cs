using System.Text.Json;

namespace Planner.Cli.Tests;

/// <summary>Every scenario shipped in scenarios/ runs end to end and writes coherent reports.</summary>
public sealed class BundledScenarioTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (string name in ScenarioNames())
        {
            data.Add(name);
        }
        return data;
    }

    private static string[] ScenarioNames() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "scenarios"), "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void AllFourRequiredScenariosAreBundled()
    {
        string[] names = ScenarioNames();
        Assert.True(names.Length >= 4, string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RunsAndWritesReports(string scenario)
    {
        using var dir = new TempDir();
        CliRun run = CliRun.Invoke("run", RepoPaths.Scenario(scenario), "--out", dir.Path);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Recommendation", run.Stdout);
        // As the report's options table: monthly COGS leave one-time costs out, the total counts them.
        Assert.Contains("month 1 COGS", run.Stdout);
        Assert.Contains("total incl. one-time", run.Stdout);
        foreach (string file in new[] { "summary.json", "monthly.csv", "report.md" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, file)), file);
        }
        // The console and the report's risks state the measured seed-to-seed noise in the same words.
        string noiseRisk = File.ReadAllLines(Path.Combine(dir.Path, "report.md")).Single(l => l.StartsWith("- Simulation noise: ", StringComparison.Ordinal))[2..];
        static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Words(noiseRisk), Words(run.Stdout), StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        JsonElement root = summary.RootElement;
        int horizon = root.GetProperty("scenario").GetProperty("horizon_months").GetInt32();
        JsonElement options = root.GetProperty("options");
        Assert.True(options.GetArrayLength() >= 2);
        int rows = 0;
        foreach (JsonElement option in options.EnumerateArray())
        {
            // The simulation's own seed-to-seed noise in a month's cost stays within 2% (median
            // over the noise-check months) on every bundled scenario.
            if (option.TryGetProperty("noise", out JsonElement noise) && noise.TryGetProperty("median_cost_spread", out JsonElement spread) && spread.ValueKind == JsonValueKind.Number)
            {
                Assert.True(spread.GetDouble() <= 0.02, $"{option.GetProperty("name").GetString()}: median seed-to-seed cost spread {spread.GetDouble():P1} over the 2% target");
            }
            JsonElement monthly = option.GetProperty("monthly");
            Assert.Equal(horizon, monthly.GetArrayLength());
            double? byHand = option.TryGetProperty("instance", out JsonElement instance) && instance.ValueKind == JsonValueKind.Object
                && option.TryGetProperty("pricing_model", out JsonElement model) && model.GetString() == "on_demand"
                && !(option.TryGetProperty("fleet", out JsonElement fleet) && fleet.ValueKind == JsonValueKind.Object && fleet.TryGetProperty("spot", out JsonElement spotFleet) && spotFleet.ValueKind == JsonValueKind.Object)
                && !(root.TryGetProperty("price_events", out JsonElement events) && events.ValueKind == JsonValueKind.Array && events.GetArrayLength() > 0)
                ? instance.GetProperty("price_per_instance_hour_usd").GetDouble() / instance.GetProperty("gpus_per_instance").GetInt32()
                : null;
            // A fleet's latency floor (each request alone on an idle replica) is under every month's
            // percentiles, within the 1% the histograms resolve.
            bool floored = option.TryGetProperty("latency_floor", out JsonElement floor);
            Assert.Equal(option.GetProperty("kind").GetString() == "self_hosted", floored);
            foreach ((string month, string key) in floored ? (ReadOnlySpan<(string, string)>)[("ttft_p95_ms", "ttft_p95_ms"), ("tpot_p95_ms", "tpot_p95_ms"), ("e2e_p99_ms", "e2e_p99_ms")] : [])
            {
                foreach (JsonElement m in monthly.EnumerateArray().Where(m => m.GetProperty(month).ValueKind == JsonValueKind.Number))
                {
                    Assert.True(m.GetProperty(month).GetDouble() >= 0.99 * floor.GetProperty(key).GetDouble(),
                        $"{option.GetProperty("name").GetString()} {m.GetProperty("calendar_month").GetString()}: {month} {m.GetProperty(month).GetDouble()} under its floor {floor.GetProperty(key).GetDouble()}");
                }
            }
            foreach (JsonElement m in monthly.EnumerateArray())
            {
                rows++;
                Assert.True(m.GetProperty("requests").GetDouble() > 0);
                Assert.True(m.GetProperty("cost_usd").GetDouble() > 0);
                JsonElement c = m.GetProperty("cost_breakdown");
                double parts = c.GetProperty("gpu_serving_usd").GetDouble() + c.GetProperty("gpu_idle_usd").GetDouble()
                    + c.GetProperty("gpu_cold_start_usd").GetDouble() + c.GetProperty("gpu_stranded_usd").GetDouble() + c.GetProperty("api_tokens_usd").GetDouble() + c.GetProperty("fixed_usd").GetDouble();
                // Every line of a month's bill is in whole cents and the month's cost is their sum.
                Assert.InRange(parts - m.GetProperty("cost_usd").GetDouble(), -0.001, 0.001);
                // An on-demand fleet's GPU bill is its GPU-hours at its price, to the cent, by hand
                // (where no price event or reservation changes the price and no spot capacity runs; a
                // cent either way where the four decimals of GPU-hours round across a half cent).
                if (byHand is double pricePerGpuHour)
                {
                    double gpu = c.GetProperty("gpu_serving_usd").GetDouble() + c.GetProperty("gpu_idle_usd").GetDouble()
                        + c.GetProperty("gpu_cold_start_usd").GetDouble() + c.GetProperty("gpu_stranded_usd").GetDouble();
                    Assert.True(Math.Abs(gpu - Math.Round(m.GetProperty("gpu_hours").GetDouble() * pricePerGpuHour, 2, MidpointRounding.AwayFromZero)) < 0.011,
                        $"{option.GetProperty("name").GetString()} {m.GetProperty("calendar_month").GetString()}: GPU bill {gpu} against {m.GetProperty("gpu_hours").GetDouble()} GPU-hours × {pricePerGpuHour}");
                }
                // A fleet's mean size is never above its peak (rounded to whole replicas and instances in
                // summary.json): a slice billed in part-instances once put the mean above the peak.
                foreach ((string mean, string peak) in (ReadOnlySpan<(string, string)>)[("mean_replicas", "peak_replicas"), ("mean_instances", "peak_instances")])
                {
                    if (m.TryGetProperty(mean, out JsonElement meanSize) && meanSize.ValueKind == JsonValueKind.Number && m.TryGetProperty(peak, out JsonElement peakSize) && peakSize.ValueKind == JsonValueKind.Number)
                    {
                        Assert.True(meanSize.GetDouble() <= peakSize.GetDouble() + 0.5, $"{option.GetProperty("name").GetString()} {m.GetProperty("calendar_month").GetString()}: {mean} {meanSize.GetDouble()} above {peak} {peakSize.GetDouble()}");
                    }
                }
                // With several independent days a month, the month's simulated cost is the mean of what each measured alone.
                if (m.TryGetProperty("day_simulated_costs_usd", out JsonElement days))
                {
                    double simulated = m.GetProperty("cost_usd").GetDouble() - c.GetProperty("fixed_usd").GetDouble();
                    Assert.InRange(days.EnumerateArray().Average(d => d.GetDouble()) - simulated, -0.02, 0.02);
                }
            }
        }
        // A fleet with spot capacity (spot:) is described in summary.json and named in the risks with its interruptions.
        bool spotCapacity = File.ReadAllLines(RepoPaths.Scenario(scenario)).Any(l => l.Trim() == "spot:");
        Assert.Equal(spotCapacity, options.EnumerateArray().Any(o => o.TryGetProperty("fleet", out JsonElement f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("spot", out _)));
        Assert.Equal(spotCapacity, File.ReadAllText(Path.Combine(dir.Path, "report.md")).Contains("on spot capacity at", StringComparison.Ordinal));
        // Each option's noise rests on as many months that moved as were scheduled, where it has them:
        // an option with fewer has no unchecked month in which its fleet changed size. The month a
        // warning names as the worst of an oscillation is among those followed up.
        string[] months = [.. options[0].GetProperty("monthly").EnumerateArray().Select(m => m.GetProperty("calendar_month").GetString()!)];
        List<int[]> checkedMonths = [.. options.EnumerateArray().Where(o => o.TryGetProperty("noise", out _))
            .Select(o => o.GetProperty("noise").GetProperty("checked_months").EnumerateArray().Select(m => m.GetInt32()).ToArray())];
        int[] scheduled = checkedMonths.Count == 0 ? [] : checkedMonths.Aggregate((a, b) => [.. a.Intersect(b)]);
        string[] warnings = [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        foreach (JsonElement option in options.EnumerateArray().Where(o => o.TryGetProperty("noise", out _)))
        {
            string name = option.GetProperty("name").GetString()!;
            JsonElement noise = option.GetProperty("noise");
            int[] own = [.. noise.GetProperty("checked_months").EnumerateArray().Select(m => m.GetInt32())];
            Assert.Subset(own.ToHashSet(), scheduled.ToHashSet());
            // A month's own independent days (days_per_month above 1) stand in for pairs that moved.
            int moving = noise.GetProperty("moving_months").GetInt32()
                + (noise.TryGetProperty("day_degrees_of_freedom", out JsonElement dayDof) ? dayDof.GetInt32() : 0);
            if (moving < scheduled.Length)
            {
                JsonElement[] monthRows = [.. option.GetProperty("monthly").EnumerateArray()];
                Assert.All(Enumerable.Range(1, horizon).Except(own), m => Assert.False(
                    monthRows[m - 1].GetProperty("cold_starts").GetDouble() > 0 || monthRows[m - 1].GetProperty("peak_replicas").GetDouble() > monthRows[m - 1].GetProperty("mean_replicas").GetDouble() + 0.05,
                    $"{name}: month {m} moved its fleet but was not followed up, with {moving} of {scheduled.Length} checked months moving"));
            }
            if (own.Length > scheduled.Length && warnings.FirstOrDefault(w => w.StartsWith(name + " oscillates: ", StringComparison.Ordinal)) is string oscillates)
            {
                int worst = Array.FindIndex(months, m => oscillates.Contains(" in " + m, StringComparison.Ordinal)) + 1;
                Assert.True(worst > 0 && own.Contains(worst), $"{name}: the worst oscillating month ({worst}) is not among its checked months {string.Join(",", own)}");
            }
        }
        Assert.Equal(options.GetArrayLength() - 1, root.GetProperty("break_even").GetArrayLength());
        // From a row's clearly_cheaper_from_month on, the one of the pair cheaper at the horizon is
        // cheaper in every month, and the months named within the noise all come before it.
        double[] Costs(string name) => [.. options.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name)
            .GetProperty("monthly").EnumerateArray().Select(m => m.GetProperty("cost_usd").GetDouble())];
        string[] calendar = [.. options[0].GetProperty("monthly").EnumerateArray().Select(m => m.GetProperty("calendar_month").GetString()!)];
        foreach (JsonElement b in root.GetProperty("break_even").EnumerateArray())
        {
            if (!b.TryGetProperty("clearly_cheaper_from_month", out JsonElement clearly))
            {
                continue;
            }
            double[] mine = Costs(b.GetProperty("option").GetString()!), theirs = Costs(b.GetProperty("baseline").GetString()!);
            int sign = Math.Sign(mine[^1] - theirs[^1]);
            for (int i = clearly.GetInt32() - 1; i < horizon; i++)
            {
                Assert.True(Math.Sign(mine[i] - theirs[i]) == sign, $"{b.GetProperty("option").GetString()}: month {i + 1} against the baseline is not on the side of the horizon's");
            }
            if (b.TryGetProperty("months_within_noise", out JsonElement within))
            {
                string firstClear = calendar[clearly.GetInt32() - 1];
                Assert.All(within.EnumerateArray(), m => Assert.True(string.CompareOrdinal(m.GetString(), firstClear) < 0, m.GetString()));
            }
        }
        string[] csv = File.ReadAllLines(Path.Combine(dir.Path, "monthly.csv"));
        Assert.Equal(rows + 1, csv.Length);
        Assert.StartsWith("option,kind,month,calendar_month,", csv[0]);
    }

    [Fact]
    public void ValidateAcceptsEveryBundledScenario()
    {
        string[] files = ScenarioNames().Select(RepoPaths.Scenario).ToArray();
        CliRun run = CliRun.Invoke(["validate", .. files]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(files.Length, run.Stdout.Split('\n').Count(l => l.Contains(": ok (", StringComparison.Ordinal)));
    }
}
