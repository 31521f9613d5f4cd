using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Planner.Cli.Console;
using Planner.Core.Engine;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Core.Workload;
using Planner.Scenarios.Loading;
using Spectre.Console;

namespace Planner.Cli.Commands;

/// <summary>
/// <c>planner bench-engine</c>: how fast the iteration-level engine simulates, on one core.
/// Replays a scenario's workload at a multiple of its rate through one self-hosted option for a
/// span of simulated time, then for ten times that span, and reports simulated requests and
/// events per second of wall time, and the peak requests in flight and managed memory — which
/// must not grow with the span.
/// </summary>
public static class BenchEngineCommand
{
    /// <summary>
    /// The largest --speedup and --minutes: the work and the memory of a run grow with the rate
    /// times the span, so these keep the longest run finite (at 1,000× the bundled Azure trace's
    /// rate, 5,500 requests/s for 60 + 600 simulated minutes, about 220 million requests).
    /// </summary>
    public const double MaxSpeedup = 1000, MaxMinutes = 60;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario whose workload and first self-hosted option are used", DefaultValueFactory = _ => "scenarios/azure-conversation-replay.yaml" };
        var option = new Option<string?>("--option") { Description = "Option name (default: the first self-hosted or hybrid option)" };
        var speedup = new Option<double>("--speedup") { Description = "Multiple of the scenario's month-1 rate, above 0 and up to 1,000", DefaultValueFactory = _ => 100 };
        var minutes = new Option<double>("--minutes") { Description = "Simulated minutes of the short run (the long run is 10×), above 0 and up to 60", DefaultValueFactory = _ => 10 };
        var replicas = new Option<int?>("--replicas") { Description = "Fixed fleet size, 1 to 1,000 (default: the option's fixed count or its autoscaler maximum, doubled until a two-minute probe is in steady state, up to 4,096)" };
        var command = new Command("bench-engine", "Measure simulated requests and events per second of the serving engine on one core") { scenario, option, speedup, minutes, replicas };
        command.SetAction(parse => Execute(parse.GetValue(scenario)!, parse.GetValue(option), parse.GetValue(speedup), parse.GetValue(minutes), parse.GetValue(replicas), stdout, stderr));
        return command;
    }

    private static int Execute(string scenarioPath, string? optionName, double speedup, double minutes, int? replicas, TextWriter stdout, TextWriter stderr)
    {
        // Said before anything is simulated: a rate or span without bound never finishes (1e308× grew by 1 GB every 5 s).
        var errors = new List<string>();
        if (!(speedup > 0 && speedup <= MaxSpeedup))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--speedup: {speedup} is out of range (allowed: above 0 and up to {MaxSpeedup:#,##0}, a multiple of the scenario's month-1 rate)"));
        }
        if (!(minutes > 0 && minutes <= MaxMinutes))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--minutes: {minutes} is out of range (allowed: above 0 and up to {MaxMinutes:#,##0} simulated minutes; the long run is 10× that)"));
        }
        if (replicas is < 1 or > ScenarioLoader.MaxReplicas)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--replicas: {replicas} is out of range (allowed: 1 to {ScenarioLoader.MaxReplicas:#,##0}, as a scenario's replicas)"));
        }
        if (errors.Count > 0)
        {
            foreach (string e in errors)
            {
                stderr.WriteLine($"error: {e}");
            }
            return ExitCodes.BadInput;
        }
        ScenarioSpec? spec = ScenarioInput.Load(scenarioPath, null, TextWriter.Null, out _) ?? ScenarioInput.Load(scenarioPath, null, stderr, out _);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }
        OptionSpec? target = optionName is null
            ? spec.Options.FirstOrDefault(o => Projector.SelfHostedPart(o) is not null)
            : spec.Options.FirstOrDefault(o => o.Name == optionName);
        if (target is null || Projector.SelfHostedPart(target) is null)
        {
            stderr.WriteLine($"error: no self-hosted option {(optionName is null ? "" : $"'{optionName}' ")}in {scenarioPath} (options: {string.Join(", ", spec.Options.Select(o => o.Name))})");
            return ExitCodes.BadInput;
        }
        double rate = spec.Workload.Volume.RequestsPerDay(0) / 86400 * speedup;
        target = SteadyFleet(spec, target, replicas, rate);
        IAnsiConsole console = Terminal.Create(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Engine benchmark: {target.Name} from {scenarioPath}, {Projector.SelfHostedPart(target)!.FixedReplicas} fixed replicas, {rate:0} requests/s ({speedup:0.#}× month 1), one core, optimized build: {IsRelease()}"));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("simulated time").AddColumn(new TableColumn("requests").RightAligned()).AddColumn(new TableColumn("events").RightAligned())
            .AddColumn(new TableColumn("wall s").RightAligned()).AddColumn(new TableColumn("requests/s").RightAligned()).AddColumn(new TableColumn("events/s").RightAligned())
            .AddColumn(new TableColumn("peak in flight").RightAligned()).AddColumn(new TableColumn("managed heap after run").RightAligned());
        foreach (double m in new[] { minutes, minutes * 10 })
        {
            Result r = Measure(spec, target, rate, m);
            table.AddRow(
                string.Create(CultureInfo.InvariantCulture, $"{m:0.#} min"),
                r.Requests.ToString("#,##0", CultureInfo.InvariantCulture),
                r.Events.ToString("#,##0", CultureInfo.InvariantCulture),
                r.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
                (r.Requests / r.Seconds).ToString("#,##0", CultureInfo.InvariantCulture),
                (r.Events / r.Seconds).ToString("#,##0", CultureInfo.InvariantCulture),
                r.PeakInFlight.ToString("#,##0", CultureInfo.InvariantCulture),
                (r.HeapBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB");
        }
        console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The option with a fixed fleet large enough for the rate, so the benchmark times a steady
    /// state rather than a growing backlog: starting from the option's own size, the fleet doubles
    /// until a two-minute probe ends with under 30 s of arrivals in flight. The probes also warm
    /// up the JIT.
    /// </summary>
    private static OptionSpec SteadyFleet(ScenarioSpec spec, OptionSpec option, int? replicas, double rate)
    {
        SelfHostedOptionSpec fleet = Projector.SelfHostedPart(option)!;
        int count = replicas ?? fleet.FixedReplicas ?? fleet.Autoscaler!.MaxReplicas;
        OptionSpec sized;
        while (true)
        {
            SelfHostedOptionSpec fixedFleet = fleet with { FixedReplicas = count, Autoscaler = null, Spot = null };
            sized = option is HybridOptionSpec h ? h with { Primary = fixedFleet } : fixedFleet;
            Result probe = Measure(spec, sized, rate, 2);
            if (replicas is not null || probe.InFlightAtEnd < rate * 30 || count >= 4096)
            {
                return sized;
            }
            count *= 2;
        }
    }

    private static Result Measure(ScenarioSpec spec, OptionSpec option, double rate, double minutes)
    {
        var window = new SimulationWindow { Label = "bench", Index = 0, Segments = [new LoadSegment(minutes * 60, rate, 1, 12)] };
        OptionSimulator sim = Projector.CreateSimulator(spec, option, null);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        double inFlight = sim.Run(window, spec.Seed, spec.Seed + 1).RequestsInFlightAtEnd;
        clock.Stop();
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        return new Result(sim.RequestsSimulated, sim.EventsProcessed, clock.Elapsed.TotalSeconds, sim.PeakRequestsInFlight, heap, inFlight);
    }

    private static bool IsRelease() =>
        typeof(BenchEngineCommand).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

    private sealed record Result(long Requests, long Events, double Seconds, int PeakInFlight, long HeapBytes, double InFlightAtEnd);
}
