using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner bench-run</c>: how long <c>planner run</c> takes, as a user runs it, and how its
/// time and memory grow with the traffic planned for.
/// <list type="number">
/// <item>Runs <c>planner run SCENARIO</c> several times, each in a fresh process writing every
/// report (PDF included) into a temporary folder, and reports the median and range of the wall
/// time and of the simulation's own time.</item>
/// <item>Plans the scenario at multiples of its traffic (every month's volume, and every fleet's
/// replica bound and API rate limit, times the multiple), each in a fresh process, without
/// reports: simulation time, requests simulated, days past the work bound, and the process's peak
/// resident memory.</item>
/// </list>
/// </summary>
public static class BenchRunCommand
{
    /// <summary>Hidden argument that makes a child process run one scale and print its figures.</summary>
    private const string ChildFlag = "--child-scale";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file", DefaultValueFactory = _ => "scenarios/chat-seed-stage.yaml" };
        var runs = new Option<int>("--runs") { Description = "Timed runs of planner run (0 skips them)", DefaultValueFactory = _ => 5 };
        var scales = new Option<string>("--scales") { Description = "Traffic multiples to plan, comma-separated (empty skips them)", DefaultValueFactory = _ => "1,100,10000" };
        var child = new Option<double?>(ChildFlag) { Hidden = true };
        var command = new Command("bench-run", "Time planner run as a user runs it (median and range), and its time and peak memory at multiples of the traffic")
        {
            scenario, runs, scales, child,
        };
        command.SetAction(parse => parse.GetValue(child) is double scale
            ? Child(parse.GetValue(scenario)!, scale, stdout, stderr)
            : Execute(parse.GetValue(scenario)!, parse.GetValue(runs), parse.GetValue(scales)!, stdout, stderr));
        return command;
    }

    private static int Execute(string scenarioPath, int runs, string scalesText, TextWriter stdout, TextWriter stderr)
    {
        // The scenario is read here, not only by the runs this starts: its errors are the user's
        // (exit 2), said once with their lines, not as a run that failed (exit 1).
        if ((ScenarioInput.Load(scenarioPath, null, TextWriter.Null, out _) ?? ScenarioInput.Load(scenarioPath, null, stderr, out _)) is null)
        {
            return ExitCodes.BadInput;
        }
        var scales = new List<double>();
        foreach (string part in scalesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !(s > 0) || s > 1e6)
            {
                stderr.WriteLine($"error: --scales: '{part}' is not a multiple between 0 and 1,000,000");
                return ExitCodes.BadInput;
            }
            scales.Add(s);
        }
        if (runs is < 0 or > 100)
        {
            stderr.WriteLine("error: --runs must be between 0 and 100");
            return ExitCodes.BadInput;
        }
        IAnsiConsole console = Terminal.Create(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner run benchmark of {scenarioPath}: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        if (runs > 0)
        {
            var wall = new List<double>();
            var simulation = new List<double>();
            string folder = Directory.CreateTempSubdirectory("planner-bench-").FullName;
            try
            {
                for (int i = 0; i < runs; i++)
                {
                    (int code, string output, string error, double seconds, _) = Spawn(["run", scenarioPath, "--out", Path.Combine(folder, "run")]);
                    if (code != 0)
                    {
                        stderr.WriteLine($"error: planner run exited with {code}: {error.Trim()}");
                        return ExitCodes.Failure;
                    }
                    wall.Add(seconds);
                    simulation.Add(SimulationSeconds(output));
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("planner run").AddColumn(new TableColumn("median").RightAligned())
                .AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("max").RightAligned());
            table.AddRow("wall time, reports included", Seconds(Median(wall)), Seconds(wall.Min()), Seconds(wall.Max()));
            table.AddRow("simulation", Seconds(Median(simulation)), Seconds(simulation.Min()), Seconds(simulation.Max()));
            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} runs, each a fresh process: {string.Join(", ", wall.Select(w => w.ToString("0.00", CultureInfo.InvariantCulture)))} s"));
        }
        if (scales.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("traffic").RightAligned())
                .AddColumn(new TableColumn("requests/day, month 1 → last").RightAligned()).AddColumn(new TableColumn("simulated requests").RightAligned())
                .AddColumn(new TableColumn("simulation").RightAligned()).AddColumn(new TableColumn("peak memory").RightAligned())
                .AddColumn(new TableColumn("approximate days").RightAligned());
            foreach (double scale in scales)
            {
                (int code, string output, string error, _, _) = Spawn(["bench-run", scenarioPath, "--runs", "0", "--scales", "", ChildFlag, scale.ToString("R", CultureInfo.InvariantCulture)]);
                if (code != 0)
                {
                    stderr.WriteLine($"error: the run at {scale}× exited with {code}: {error.Trim()}");
                    return ExitCodes.Failure;
                }
                string[] f = output.Trim().Split(' ');
                table.AddRow(
                    string.Create(CultureInfo.InvariantCulture, $"{scale:#,##0.##}×"),
                    string.Create(CultureInfo.InvariantCulture, $"{double.Parse(f[0], CultureInfo.InvariantCulture):#,##0} → {double.Parse(f[1], CultureInfo.InvariantCulture):#,##0}"),
                    string.Create(CultureInfo.InvariantCulture, $"{long.Parse(f[2], CultureInfo.InvariantCulture):#,##0}"),
                    Seconds(double.Parse(f[3], CultureInfo.InvariantCulture)),
                    string.Create(CultureInfo.InvariantCulture, $"{double.Parse(f[4], CultureInfo.InvariantCulture):#,##0} MiB"),
                    f[5]);
            }
            console.Write(table);
        }
        return ExitCodes.Ok;
    }

    /// <summary>One scale in a fresh process: plan and simulate, print "first last requests seconds peakMiB approximateDays".</summary>
    private static int Child(string scenarioPath, double scale, TextWriter stdout, TextWriter stderr)
    {
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, null, TextWriter.Null, out _) ?? ScenarioInput.Load(scenarioPath, null, stderr, out _);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }
        spec = Scaled(spec, scale);
        var projector = new Projector();
        SimulationWork work = projector.PlanWork(spec);
        var clock = Stopwatch.StartNew();
        ProjectionResult result = projector.Run(spec);
        clock.Stop();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec.Workload.Volume.RequestsPerDay(0):R} {spec.Workload.Volume.RequestsPerDay(spec.HorizonMonths - 1):R} {result.SimulatedRequests} {clock.Elapsed.TotalSeconds:R} {PeakResidentMiB():R} {work.ApproximateDays.Sum()}"));
        return ExitCodes.Ok;
    }

    /// <summary>The scenario at <paramref name="scale"/> times its traffic, with fleets and rate limits grown alike so that each option carries it as before.</summary>
    internal static ScenarioSpec Scaled(ScenarioSpec spec, double scale)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int Grow(int n) => (int)Math.Min(int.MaxValue / 4, Math.Ceiling(n * scale));
        SelfHostedOptionSpec Fleet(SelfHostedOptionSpec s) => s with
        {
            FixedReplicas = s.FixedReplicas is int n ? Grow(n) : null,
            Autoscaler = s.Autoscaler is AutoscalerSpec a ? a with { MaxReplicas = Grow(a.MaxReplicas) } : null,
        };
        ApiOptionSpec Api(ApiOptionSpec a) => a with
        {
            RateLimits = a.RateLimits with { RequestsPerMinute = a.RateLimits.RequestsPerMinute * scale, TokensPerMinute = a.RateLimits.TokensPerMinute * scale },
        };
        return spec with
        {
            Workload = spec.Workload with { Volume = spec.Workload.Volume with { RequestsPerDayMonth1 = spec.Workload.Volume.RequestsPerDayMonth1 * scale } },
            Options = [.. spec.Options.Select(o => o switch
            {
                SelfHostedOptionSpec s => Fleet(s),
                ApiOptionSpec a => Api(a),
                HybridOptionSpec h => (OptionSpec)(h with { Primary = Fleet(h.Primary), Overflow = Api(h.Overflow) }),
                _ => o,
            })],
        };
    }

    /// <summary>Runs this executable with <paramref name="args"/> and waits: exit code, output, error, wall seconds.</summary>
    private static (int Code, string Output, string Error, double Seconds, bool Ok) Spawn(IReadOnlyList<string> args)
    {
        string self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet planner.dll` the process is dotnet: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet" && typeof(BenchRunCommand).Assembly.Location is { Length: > 0 } dll)
        {
            start.ArgumentList.Add(dll);
        }
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        return (process.ExitCode, output.Result, error.Result, clock.Elapsed.TotalSeconds, process.ExitCode == 0);
    }

    /// <summary>The simulation's own seconds from planner run's "Simulated … in X s." line.</summary>
    private static double SimulationSeconds(string output)
    {
        foreach (string line in output.Split('\n'))
        {
            int at = line.LastIndexOf(" in ", StringComparison.Ordinal);
            if (line.StartsWith("Simulated ", StringComparison.Ordinal) && at > 0
                && double.TryParse(line[(at + 4)..].TrimEnd().TrimEnd('.').Replace(" s", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
            {
                return s;
            }
        }
        return double.NaN;
    }

    /// <summary>Peak resident memory of this process (Linux VmHWM), MiB; NaN where it cannot be read.</summary>
    private static double PeakResidentMiB()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return double.NaN;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(double s) => string.Create(CultureInfo.InvariantCulture, $"{s:0.00} s");
}
