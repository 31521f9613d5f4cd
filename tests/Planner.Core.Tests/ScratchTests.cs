using Planner.Core.Metrics;
using Planner.Core.Projection;
using Planner.Core.Randomness;
using Planner.Core.Specs;
using Planner.Core.Workload;
namespace Planner.Core.Tests;
public sealed class ScratchTests
{
    static void Log(string s) => File.AppendAllText("/tmp/scratch_progress.txt", s + "\n");
    [Theory]
    [InlineData(60000)]
    [InlineData(500)]
    public void Scratch(int budget)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var self = TestSpecs.SelfHosted(autoscaler: new AutoscalerSpec { MinReplicas = 0, MaxReplicas = 3, TargetValue = 4, ColdStartSeconds = 60 });
        var api = TestSpecs.Api();
        var scenario = TestSpecs.Scenario(TestSpecs.Workload(500, 200, requestsPerDay: 2000, hourlyWeights: TestSpecs.BusinessHours, weekendFactor: 0.5), [api, self],
            settings: new SimulationSettings { MaxRequestsPerDay = budget });
        foreach (var opt in scenario.Options) {
            Log($"whole {budget} {opt.Name}");
            var whole = Projector.CreateSimulator(scenario, opt, null).Run(MonthWindowPlanner.WholeMonth(scenario, 0), 11, 12);
            Log($"outcome");
            var wo = Projector.Outcome(scenario, opt, 0, whole);
            Log($"outcome done");
            var costs = new List<double>();
            for (ulong s = 0; s < 20; s++) {
                var merged = new WindowMetrics();
                foreach (var w in MonthWindowPlanner.Plan(scenario, 0))
                    merged.Merge(Projector.CreateSimulator(scenario, opt, null).Run(w, SeedSequence.Derive(s, 0, (ulong)w.Index), SeedSequence.Derive(s, 0, (ulong)w.Index, 1)));
                Log($"seed {s} merged");
                costs.Add(Projector.Outcome(scenario, opt, 0, merged).Cost.CogsUsd);
            }
            double mean = costs.Average(); double sd = Math.Sqrt(costs.Sum(c => (c - mean) * (c - mean)) / (costs.Count - 1));
            Log($"budget {budget} {opt.Name}: whole {wo.Cost.CogsUsd:F2} (req {wo.Requests}, cold {wo.ColdStarts}, meanRep {wo.MeanReplicas:F3}) plan mean {mean:F2} sd {sd:F2} rel diff {(mean / wo.Cost.CogsUsd - 1):P2} se {(sd / Math.Sqrt(costs.Count) / mean):P2}");
        }
        Log($"{sw.ElapsedMilliseconds} ms");
    }
}
