using System.Globalization;
using System.Runtime.CompilerServices;
using Planner.Cluster.Client;
using Planner.Cluster.Configuration;
using Planner.Cluster.Messages;
using Planner.Core.Optimization;
using Planner.Core.Decision;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Scenarios.Catalogs;
using Planner.Scenarios.Optimization;

namespace Planner.Cli.Commands;

/// <summary>
/// The cluster side of <c>planner run --cluster FILE</c>. Kept apart, and never inlined into the
/// commands, so that Orleans is loaded only when a cluster is asked for: a local run pays nothing.
/// </summary>
internal static class ClusterRun
{
    /// <summary>
    /// Reads the cluster file and returns how to simulate on that cluster (given the progress to
    /// report to), or null after printing every problem in the file. Only BCL types cross this
    /// boundary, so that callers do not load Orleans by naming its types.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Func<IProgress<(int Done, int Total)>?, ProjectionResult?>? Prepare(string clusterPath, ScenarioSpec spec, string scenarioPath, string? catalogDirectory, TextWriter stderr)
    {
        ClusterFile? cluster = ReadClusterFile(clusterPath, stderr);
        return cluster is null ? null : progress => Simulate(spec, scenarioPath, catalogDirectory, cluster, progress, stderr);
    }

    /// <summary>
    /// Reads the cluster file and returns how to plan a portfolio of scenarios on that cluster
    /// (given one progress sink per scenario): one connection, the units of every scenario sent
    /// together; null after printing every problem in the file. The function returns null after
    /// printing why the cluster could not finish.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Func<IReadOnlyList<IProgress<(int Done, int Total)>?>, IReadOnlyList<ProjectionResult>?>? PreparePortfolio(string clusterPath,
        IReadOnlyList<(ScenarioSpec Spec, string Path)> scenarios, string? catalogDirectory, TextWriter stderr)
    {
        ClusterFile? cluster = ReadClusterFile(clusterPath, stderr);
        return cluster is null ? null : progress => SimulatePortfolio(scenarios, catalogDirectory, cluster, progress, stderr);
    }

    /// <summary>
    /// Simulates Monte Carlo samples in full on the cluster named by <paramref name="clusterPath"/>
    /// (already checked by <see cref="Prepare"/>); a failure surfaces as <see cref="ClusterFailedException"/>,
    /// so that callers need not name an Orleans-side type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ISampleSimulator? SampleSimulator(string clusterPath, string scenarioPath, string? catalogDirectory, TextWriter stderr)
    {
        ClusterFile? cluster = ReadClusterFile(clusterPath, stderr);
        return cluster is null ? null : new ReportingSampleSimulator(new ClusterSampleSimulator(cluster, Scenario(scenarioPath, catalogDirectory), stderr), stderr);
    }

    /// <summary>
    /// Reads the cluster file and returns how to run an exhaustive configuration search on that
    /// cluster: given the search (as a function of its runner), connects, runs it and prints what
    /// the cluster took; null from the returned function after printing why the cluster could not.
    /// Null itself after printing every problem in the file.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Func<Func<IOptimizationRunner?, OptimizationResult>, OptimizationResult?>? PrepareOptimization(string clusterPath, ScenarioSpec spec, string scenarioPath,
        string? catalogDirectory, CandidateRequest candidates, OptimizerSettings settings, int candidateCount, TextWriter stderr)
    {
        ClusterFile? cluster = ReadClusterFile(clusterPath, stderr);
        if (cluster is null)
        {
            return null;
        }
        ClusterScenario scenario = Scenario(scenarioPath, catalogDirectory);
        var search = new OptimizationRequest
        {
            ScenarioText = scenario.ScenarioText,
            ScenarioPath = scenario.ScenarioPath,
            BaseDirectory = scenario.BaseDirectory,
            CatalogDirectory = scenario.CatalogDirectory,
            Seed = spec.Seed,
            OptionName = candidates.OptionName,
            Gpus = candidates.Gpus?.ToArray(),
            GpusPerReplica = candidates.GpusPerReplica?.ToArray(),
            Precisions = candidates.Precisions?.ToArray(),
            MaxConcurrentSequences = [.. candidates.MaxConcurrentSequences],
            Targets = [.. candidates.Targets],
            MinReplicas = [.. candidates.MinReplicas],
            MaxReplicas = candidates.MaxReplicas,
            Provider = candidates.Provider,
            LevelStep = settings.LevelStep,
            SampleRequests = settings.SampleRequests,
            CandidateCount = candidateCount,
            LevelCount = LoadLevels.Plan(spec, settings.LevelStep).Count,
            Units = [],
        };
        return run =>
        {
            try
            {
                return Task.Run(async () =>
                {
                    await using ClusterSession session = await ClusterSession.ConnectAsync(cluster);
                    ClusterOptimizationRunner runner = session.CreateOptimizationRunner(search, stderr);
                    OptimizationResult result = run(runner);
                    stderr.WriteLine(Describe(runner.Stats));
                    return result;
                }).GetAwaiter().GetResult();
            }
            catch (ClusterRunException e)
            {
                stderr.WriteLine($"error: --cluster: {e.Message}");
                return null;
            }
        };
    }

    /// <summary>The cluster file, or null after printing every problem in it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ClusterFile? ReadClusterFile(string path, TextWriter stderr)
    {
        ClusterFile? cluster = ClusterFileReader.Read(path, out var diagnostics);
        foreach (var d in diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
        return cluster;
    }

    /// <summary>Simulates <paramref name="spec"/> on the cluster's workers; null after printing why it could not.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ProjectionResult? Simulate(ScenarioSpec spec, string scenarioPath, string? catalogDirectory, ClusterFile cluster,
        IProgress<(int Done, int Total)>? progress, TextWriter stderr)
    {
        ClusterScenario scenario = Scenario(scenarioPath, catalogDirectory);
        try
        {
            return Task.Run(async () =>
            {
                await using ClusterSession session = await ClusterSession.ConnectAsync(cluster);
                ClusterWindowRunner runner = session.CreateRunner(scenario, stderr);
                ProjectionResult result = new Projector().Run(spec, runner, progress);
                if (runner.LastRun is ClusterRunStats stats)
                {
                    stderr.WriteLine(Describe(stats));
                }
                return result;
            }).GetAwaiter().GetResult();
        }
        catch (ClusterRunException e)
        {
            stderr.WriteLine($"error: --cluster: {e.Message}");
            return null;
        }
    }

    /// <summary>Plans every scenario on the cluster's workers at once; null after printing why it could not.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<ProjectionResult>? SimulatePortfolio(IReadOnlyList<(ScenarioSpec Spec, string Path)> scenarios, string? catalogDirectory,
        ClusterFile cluster, IReadOnlyList<IProgress<(int Done, int Total)>?> progress, TextWriter stderr)
    {
        var portfolio = new ClusterPortfolio(cluster, stderr);
        try
        {
            IReadOnlyList<ProjectionResult> results = portfolio.SimulateAll([.. scenarios.Select(s => (s.Spec, Scenario(s.Path, catalogDirectory)))], progress);
            if (portfolio.LastRun is ClusterRunStats stats)
            {
                stderr.WriteLine(Describe(stats));
            }
            return results;
        }
        catch (ClusterRunException e)
        {
            stderr.WriteLine($"error: --cluster: {e.Message}");
            return null;
        }
    }

    /// <summary>The scenario as workers receive it: its text and the absolute folders it resolves against.</summary>
    private static ClusterScenario Scenario(string scenarioPath, string? catalogDirectory)
    {
        string catalog = Path.GetFullPath(CatalogLocator.Find(scenarioPath, catalogDirectory)!);
        string full = Path.GetFullPath(scenarioPath);
        return new ClusterScenario(File.ReadAllText(full), scenarioPath, Path.GetDirectoryName(full)!, catalog);
    }

    /// <summary>Prints what the samples took on the cluster, and turns a failure into the CLI's own exception.</summary>
    private sealed class ReportingSampleSimulator(ClusterSampleSimulator inner, TextWriter stderr) : ISampleSimulator
    {
        public IReadOnlyList<ProjectionResult> SimulateAll(IReadOnlyList<MonteCarloSample> samples, IProgress<(int Done, int Total)>? progress)
        {
            try
            {
                IReadOnlyList<ProjectionResult> results = inner.SimulateAll(samples, progress);
                if (inner.LastRun is ClusterRunStats stats)
                {
                    stderr.WriteLine(Describe(stats));
                }
                return results;
            }
            catch (ClusterRunException e)
            {
                throw new ClusterFailedException(e.Message);
            }
        }
    }

    /// <summary>"cluster: 24 windows on 2 workers (a 12, b 12), 0 retried, 3.1 s: 7.7 windows/s, workers busy 5.6 s".</summary>
    private static string Describe(ClusterRunStats s)
    {
        string workers = string.Join(", ", s.WindowsByWorker.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"cluster: {s.Windows} windows on {s.Workers} worker(s) ({workers}), {s.Retries} retried, {s.WallSeconds:0.00} s: {s.Windows / Math.Max(s.WallSeconds, 1e-9):0.0} windows/s; the workers spent {s.WorkerSeconds:0.00} s on them.");
    }
}
