using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Planner.Cli.Console;
using Planner.Cluster.Benchmarking;
using Planner.Cluster.Client;
using Planner.Cluster.Configuration;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner bench-cluster --cluster FILE [SCENARIO]</c>: units per second and overhead per unit
/// of the cluster path against the local path on the same scenario and machine. The same units
/// are simulated here on every core, then sent to the cluster's workers, several passes each; the
/// overhead of a path is the capacity it held per unit (cores here, the workers' slots there, times
/// the wall time, over the units) beyond the simulation a unit takes here.
/// </summary>
public static class BenchClusterCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file", DefaultValueFactory = _ => "scenarios/chat-seed-stage.yaml" };
        var cluster = new Option<string>("--cluster") { Description = "Cluster file (YAML: clustering: redis or kubernetes, redis: HOST:PORT, cluster_id, service_id)", Required = true };
        var passes = new Option<int>("--runs") { Description = "Passes over the scenario's units on each path (1 to 20; the first cluster pass meets cold workers)", DefaultValueFactory = _ => 3 };
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder (default: the catalog/ nearest the scenario)" };
        var command = new Command("bench-cluster", "Measure units per second and overhead per unit of a cluster against this machine on the same scenario")
        {
            scenario, cluster, passes, catalog,
        };
        command.SetAction(parse => Execute(parse.GetValue(scenario)!, parse.GetValue(cluster)!, parse.GetValue(passes), parse.GetValue(catalog), stdout, stderr));
        return command;
    }

    private static int Execute(string scenarioPath, string clusterPath, int passes, string? catalogDirectory, TextWriter stdout, TextWriter stderr)
    {
        bool ok = true;
        if (passes is < 1 or > 20)
        {
            stderr.WriteLine($"error: --runs {passes} is out of range (allowed: 1 to 20)");
            ok = false;
        }
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, catalogDirectory, stderr, out _);
        if (!ok || spec is null)
        {
            return ExitCodes.BadInput;
        }
        return Run(spec, scenarioPath, clusterPath, passes, catalogDirectory, stdout, stderr);
    }

    /// <summary>Kept apart so that Orleans is loaded only when this command runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(ScenarioSpec spec, string scenarioPath, string clusterPath, int passes, string? catalogDirectory, TextWriter stdout, TextWriter stderr)
    {
        ClusterFile? cluster = ClusterRun.ReadClusterFile(clusterPath, stderr);
        if (cluster is null)
        {
            return ExitCodes.BadInput;
        }
        string header = string.Create(CultureInfo.InvariantCulture,
            $"planner bench-cluster of {scenarioPath} on {Environment.ProcessorCount} cores, load average {LoadAverages()} (1, 5, 15 min), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        string full = Path.GetFullPath(scenarioPath);
        var scenario = new ClusterScenario(File.ReadAllText(full), scenarioPath, Path.GetDirectoryName(full)!,
            Path.GetFullPath(CatalogLocator.Find(scenarioPath, catalogDirectory)!));
        ClusterBenchmarkResult result;
        try
        {
            result = ClusterBenchmark.Run(cluster, spec, scenario, passes, stderr);
        }
        catch (ClusterRunException e)
        {
            stderr.WriteLine($"error: --cluster: {e.Message}");
            return ExitCodes.Failure;
        }
        IAnsiConsole console = Terminal.Create(stdout);
        console.WriteLine(header);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Units} windows × {result.Options} options; cluster '{cluster.ClusterId}': {result.Workers} worker(s), {result.Slots} slot(s) in all, connected in {result.ConnectSeconds:0.00} s (once per command)"));
        console.Write(Table(result));
        double simulating = Simulating(result);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per unit: {simulating:0.000} core-s simulating here, warm (longest unit {result.LongestUnitSeconds:0.00} s); each answer {result.AnswerBytesPerUnit / 1024:#,##0} KiB as Orleans serialises it."));
        console.WriteLine("Overhead per unit = capacity × wall ÷ units − the simulation a unit takes here, warm; capacity is the cores here and the workers' slots on the cluster.");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Answers identical to the local ones: {result.IdenticalUnits} of {result.Units} windows, byte for byte."));
        if (result.IdenticalUnits != result.Units)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: {result.Units - result.IdenticalUnits} of {result.Units} windows came back from the cluster with other numbers than here: are the workers on this Planner build and these files?"));
            return ExitCodes.Failure;
        }
        return ExitCodes.Ok;
    }

    private static Table Table(ClusterBenchmarkResult r)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("path")
            .AddColumn(new TableColumn("units/s").RightAligned())
            .AddColumn(new TableColumn("wall for the units").RightAligned())
            .AddColumn(new TableColumn("busy per unit").RightAligned())
            .AddColumn(new TableColumn("capacity per unit").RightAligned())
            .AddColumn(new TableColumn("overhead per unit").RightAligned());
        double simulating = Simulating(r);
        void Row(string path, IReadOnlyList<PathTiming> timings, int capacity, string busy)
        {
            double wall = Median(timings.Select(t => t.WallSeconds));
            double perUnit = capacity * wall / r.Units;
            table.AddRow(
                Markup.Escape(path),
                string.Create(CultureInfo.InvariantCulture, $"{r.Units / wall:0.0}"),
                string.Create(CultureInfo.InvariantCulture, $"{wall:0.00} s"),
                string.Create(CultureInfo.InvariantCulture, $"{Median(timings.Select(t => t.BusySeconds)) / r.Units:0.000} {busy}"),
                string.Create(CultureInfo.InvariantCulture, $"{perUnit:0.000} s × {capacity}"),
                string.Create(CultureInfo.InvariantCulture, $"{perUnit - simulating:+0.000;-0.000;0.000} s"));
        }
        string Passes(int n) => n == 1 ? "1 pass" : string.Create(CultureInfo.InvariantCulture, $"median of {n} passes");
        Row($"local, {r.LocalCores} cores, first pass (JIT)", [r.Local[0]], r.LocalCores, "core-s");
        if (r.Local.Count > 1)
        {
            Row($"local, {r.LocalCores} cores, warm ({Passes(r.Local.Count - 1)})", [.. r.Local.Skip(1)], r.LocalCores, "core-s");
        }
        Row("cluster, first pass (workers cold)", [r.Cluster[0]], r.Slots, "worker-s");
        if (r.Cluster.Count > 1)
        {
            Row($"cluster, warm ({Passes(r.Cluster.Count - 1)})", [.. r.Cluster.Skip(1)], r.Slots, "worker-s");
        }
        return table;
    }

    /// <summary>Core-seconds a unit takes to simulate here: the warm passes' median (the only pass's with --runs 1).</summary>
    private static double Simulating(ClusterBenchmarkResult r) =>
        Median((r.Local.Count > 1 ? r.Local.Skip(1) : r.Local).Select(t => t.BusySeconds)) / r.Units;

    private static double Median(IEnumerable<double> values)
    {
        List<double> sorted = [.. values.Order()];
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1, 5 and 15-minute load averages (Linux), else "unknown".</summary>
    private static string LoadAverages()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
