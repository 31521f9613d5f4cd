using Planner.Core.Optimization;

namespace Planner.Core.Tests.Optimization;

/// <summary>
/// An exhaustive search whose window simulations go through a runner, each unit rebuilt from its
/// names and seeds by an <see cref="OptimizationWork"/> of its own (what a cluster worker does),
/// gives the same result as the search that simulates them itself.
/// </summary>
public sealed class OptimizationRunnerTests
{
    private static readonly OptimizerSettings Exhaustive = new() { SwitchCostUsd = 500, RetuneCostUsd = 0, Prune = false };

    [Fact]
    public void TheRunnerPathGivesTheSameResultAsTheLocalSearch()
    {
        OptimizationResult local = new Optimizer().Run(TwoGpuCase.Scenario(), TwoGpuCase.Space(mixes: true), Exhaustive);

        var runner = new RecordingRunner(new LocalOptimizationRunner(OptimizationWork.Prepare(TwoGpuCase.Scenario(), TwoGpuCase.Space(mixes: true), Exhaustive)));
        OptimizationResult viaRunner = new Optimizer(runner: runner).Run(TwoGpuCase.Scenario(), TwoGpuCase.Space(mixes: true), Exhaustive);

        Assert.Equal(local.Statistics, viaRunner.Statistics);
        Assert.Equal(local.Path.Select(p => (p.Candidate?.Id, p.Outcome, p.Reference, p.EstimatedGpuUsd)),
            viaRunner.Path.Select(p => (p.Candidate?.Id, p.Outcome, p.Reference, p.EstimatedGpuUsd)));
        Assert.Equal(local.Levels.SelectMany(l => l.Evaluations).Select(e => (e.Candidate.Id, e.Level, e.Outcome, e.BoundUsd)),
            viaRunner.Levels.SelectMany(l => l.Evaluations).Select(e => (e.Candidate.Id, e.Level, e.Outcome, e.BoundUsd)));
        Assert.Contains(local.Levels.SelectMany(l => l.Evaluations), e => e.Candidate.IsMix);

        // The first batch is every single-type candidate at every level, every window of it; no unit is simulated twice.
        Assert.True(runner.Batches[0] >= TwoGpuCase.Space().Candidates.Count * local.Levels.Count);
        Assert.Equal(local.Statistics.Simulations, runner.Batches.Sum());
    }

    [Fact]
    public void ARunnerNeedsAnExhaustiveSearch()
    {
        var runner = new LocalOptimizationRunner(OptimizationWork.Prepare(TwoGpuCase.Scenario(), TwoGpuCase.Space(), Exhaustive));
        Assert.Throws<ArgumentException>(() => new Optimizer(runner: runner).Run(TwoGpuCase.Scenario(), TwoGpuCase.Space(), new OptimizerSettings()));
    }

    [Fact]
    public void AUnitNamingAnUnknownCandidateIsAProblemNotACrash()
    {
        OptimizationWork work = OptimizationWork.Prepare(TwoGpuCase.Scenario(), TwoGpuCase.Space(), Exhaustive);
        Assert.Contains("no candidate named", work.Problem(new PoolWindowUnit(0, 0, 0, "nope", false, 0, 0, 0, 1, 2)), StringComparison.Ordinal);
        Assert.Contains("no window", work.Problem(new PoolWindowUnit(0, 0, 99, TwoGpuCase.Space().Candidates[0].Name, false, 0, 0, 0, 1, 2)), StringComparison.Ordinal);
    }

    private sealed class RecordingRunner(IOptimizationRunner inner) : IOptimizationRunner
    {
        public List<int> Batches { get; } = [];

        public IReadOnlyList<PoolWindowOutcome> RunAll(IReadOnlyList<PoolWindowUnit> units)
        {
            lock (Batches)
            {
                Batches.Add(units.Count);
            }
            return inner.RunAll(units);
        }
    }
}
