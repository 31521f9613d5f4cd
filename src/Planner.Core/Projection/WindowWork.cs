using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Optimization;
using Planner.Core.Randomness;
using Planner.Core.Serving;
using Planner.Core.Specs;
using Planner.Core.Workload;

namespace Planner.Core.Projection;

/// <summary>
/// Everything a projection simulates, split into independent <see cref="WindowUnit"/>s, with what
/// each unit needs (performance profiles, fleet estimates). A unit's outcome depends only on the
/// scenario and the unit's coordinates (month, window): every seed is derived from them, so any
/// process that prepares the same scenario simulates a unit to the same bits.
/// Safe to simulate units from several threads at once.
/// </summary>
public sealed class WindowWork
{
    /// <summary>Longest window whose requests are recorded and shared by its options: about 40 MB.</summary>
    private const double MaxSharedRequests = 2_000_000;

    private readonly IPerformanceProfile?[] _profiles;
    private readonly FleetEstimate?[] _fleets;

    private WindowWork(ScenarioSpec scenario, IReadOnlyList<WindowUnit> units, IPerformanceProfile?[] profiles, FleetEstimate?[] fleets, NoiseFollowUp? followUp = null)
    {
        Scenario = scenario;
        Units = units;
        _profiles = profiles;
        _fleets = fleets;
        FollowUp = followUp;
    }

    public ScenarioSpec Scenario { get; }

    /// <summary>Every unit: month-major, then each month's windows in plan order.</summary>
    public IReadOnlyList<WindowUnit> Units { get; }

    /// <summary>The noise follow-up this work simulates (<see cref="ForFollowUp"/>); null for the run itself.</summary>
    public NoiseFollowUp? FollowUp { get; }

    /// <summary>Option-windows to simulate: units × the options each simulates (what progress counts).</summary>
    public int OptionWindows => Units.Sum(u => u.Options?.Count ?? Scenario.Options.Count);

    /// <summary>
    /// The same scenario's noise follow-up (<see cref="NoiseFollowUp"/>): for each of its months, the
    /// windows of a second replicate (<see cref="MonthWindowPlanner.SecondReplicate"/>), each
    /// simulated for the options that follow the month up; with the run's profiles and estimates.
    /// </summary>
    public WindowWork ForFollowUp(NoiseFollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var units = new List<WindowUnit>();
        foreach (int m in followUp.Months)
        {
            if (m < 0 || m >= Scenario.HorizonMonths)
            {
                throw new ArgumentOutOfRangeException(nameof(followUp), m, $"a follow-up month must be within the horizon's {Scenario.HorizonMonths} months");
            }
            IReadOnlyList<int> options = followUp.OptionsIn(m);
            if (options.Any(o => o < 0 || o >= Scenario.Options.Count))
            {
                throw new ArgumentOutOfRangeException(nameof(followUp), $"a follow-up option must be one of the scenario's {Scenario.Options.Count}");
            }
            int position = 0;
            foreach (SimulationWindow w in MonthWindowPlanner.SecondReplicate(Scenario, m))
            {
                units.Add(new WindowUnit(units.Count, m, position++, w) { Options = options });
            }
        }
        return new WindowWork(Scenario, units, _profiles, _fleets, followUp);
    }

    /// <summary>The performance profile of option <paramref name="optionIndex"/>; null for an API option.</summary>
    public IPerformanceProfile? Profile(int optionIndex) => _profiles[optionIndex];

    /// <summary>Plans the scenario's units; <paramref name="profiles"/> gives each self-hosted option's performance profile.</summary>
    public static WindowWork Prepare(ScenarioSpec scenario, Func<SelfHostedOptionSpec, IPerformanceProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(profiles);
        var units = new List<WindowUnit>();
        for (int m = 0; m < scenario.HorizonMonths; m++)
        {
            int position = 0;
            foreach (SimulationWindow w in MonthWindowPlanner.Plan(scenario, m))
            {
                units.Add(new WindowUnit(units.Count, m, position++, w));
            }
        }
        int optionCount = scenario.Options.Count;
        var optionProfiles = new IPerformanceProfile?[optionCount];
        var fleets = new FleetEstimate?[optionCount];
        WorkloadSample sample = FleetEstimate.SampleOf(scenario);
        for (int o = 0; o < optionCount; o++)
        {
            if (Projector.SelfHostedPart(scenario.Options[o]) is SelfHostedOptionSpec s)
            {
                optionProfiles[o] = profiles(s);
            }
            fleets[o] = FleetEstimate.For(scenario.Options[o], optionProfiles[o], sample);
        }
        return new WindowWork(scenario, units, optionProfiles, fleets);
    }

    /// <summary>Simulates one unit for every option; <paramref name="optionDone"/> is called after each option.</summary>
    public WindowOutcome Simulate(WindowUnit unit, Action? optionDone = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ScenarioSpec scenario = Scenario;
        int optionCount = scenario.Options.Count;
        int m = unit.MonthIndex;
        SimulationWindow w = unit.Window;
        ulong traffic = SeedSequence.Derive(scenario.Seed, (ulong)m, (ulong)w.Index);
        // Options that simulate the day the same way share its requests, drawn once (common random numbers).
        // An option the unit does not simulate (a noise follow-up's) has no plan and an empty outcome.
        var dayPlans = new FidelityPlan?[optionCount];
        for (int o = 0; o < optionCount; o++)
        {
            dayPlans[o] = unit.Simulates(o) ? FidelityPlanner.Plan(scenario, scenario.Options[o], w, _fleets[o]) : null;
        }
        var shared = new Dictionary<int, RequestStream?>();
        var outcomes = new OptionWindowOutcome[optionCount];
        for (int o = 0; o < optionCount; o++)
        {
            if (dayPlans[o] is not FidelityPlan plan)
            {
                outcomes[o] = new OptionWindowOutcome(new WindowMetrics(), FidelityPlan.Full, 0, 0);
                continue;
            }
            OptionSpec option = scenario.Options[o];
            (SimulationWindow window, OptionSpec simulatedOption) = FidelityPlanner.Apply(w, option, plan, _fleets[o]);
            int first = Array.FindIndex(dayPlans, p => p is not null && p.SameAs(plan));
            if (!shared.TryGetValue(first, out RequestStream? recorded))
            {
                recorded = dayPlans.Count(p => p is not null && p.SameAs(plan)) > 1 ? SharedRequests(scenario, window, traffic) : null;
                shared[first] = recorded;
            }
            OptionSimulator sim = Projector.CreateSimulator(scenario, simulatedOption, _profiles[o]);
            ulong service = Projector.ServiceSeed(scenario.Seed, m, w.Index, option.Name);
            WindowMetrics metrics = recorded is null ? sim.Run(window, traffic, service) : sim.Run(window, recorded.Replay(), service);
            outcomes[o] = new OptionWindowOutcome(metrics, plan, sim.EventsProcessed, sim.RequestsSimulated);
            optionDone?.Invoke();
        }
        return new WindowOutcome(outcomes);
    }

    /// <summary>
    /// The window's requests drawn once, for its options to replay; null when there is a single
    /// option (nothing to share) or the window is so long that each option had better draw its
    /// requests as it reads them (memory).
    /// </summary>
    private static RequestStream? SharedRequests(ScenarioSpec scenario, SimulationWindow window, ulong trafficSeed)
    {
        double expected = RequestStream.ExpectedRequests(window);
        if (scenario.Options.Count < 2 || !(expected <= MaxSharedRequests))
        {
            return null;
        }
        // A little headroom over the mean, so the buffers rarely have to grow.
        return RequestStream.Record(window, scenario.Workload, trafficSeed, (int)(expected * 1.05) + 1024);
    }
}
