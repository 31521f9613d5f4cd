using System.Reflection;

namespace Planner.Cluster.Versioning;

/// <summary>
/// The Planner version clients and workers compare before a unit is simulated. Units are only
/// byte-identical between machines that run the same engine, so a worker of another version
/// refuses the work instead of answering with numbers the client cannot trust.
/// </summary>
public static class ClusterVersion
{
    /// <summary>
    /// Tests only: makes a worker claim this version instead of its own, so that a refusal can be
    /// seen without building a second Planner. Nothing else reads it.
    /// </summary>
    public const string WorkerOverrideVariable = "PLANNER_TEST_WORKER_VERSION";

    /// <summary>
    /// Planner's version as the build stamps it (<c>Version</c> in Directory.Build.props), the text
    /// <c>planner --version</c> prints; every Planner assembly carries the same one.
    /// </summary>
    public static string Current { get; } =
        typeof(ClusterVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClusterVersion).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    /// <summary>The version a worker claims: <see cref="Current"/>, unless a test set <see cref="WorkerOverrideVariable"/>.</summary>
    public static string OfWorker() =>
        Environment.GetEnvironmentVariable(WorkerOverrideVariable) is { Length: > 0 } forced ? forced : Current;

    /// <summary>
    /// Why a worker at <paramref name="workerVersion"/> refuses a unit from a client at
    /// <paramref name="clientVersion"/> (null: a client too old to say), or null when they match.
    /// Versions are compared as exact text: any difference may change the bytes of a result.
    /// </summary>
    public static string? Refusal(string worker, string workerVersion, string? clientVersion)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(workerVersion);
        if (string.Equals(workerVersion, clientVersion, StringComparison.Ordinal))
        {
            return null;
        }
        string client = string.IsNullOrEmpty(clientVersion) ? "a client that does not state its version (older than this check)" : $"a client at {clientVersion}";
        return $"worker {worker} at {workerVersion} refuses work from {client}: run the same Planner version on every machine";
    }

    /// <summary>
    /// Why a client at <paramref name="clientVersion"/> takes no answer from a worker that did
    /// not refuse but runs <paramref name="workerVersion"/> (null: a worker too old to say), or null when they match.
    /// </summary>
    public static string? Mismatch(string worker, string? workerVersion, string clientVersion)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(clientVersion);
        if (string.Equals(workerVersion, clientVersion, StringComparison.Ordinal))
        {
            return null;
        }
        string at = string.IsNullOrEmpty(workerVersion) ? "does not state its version (older than this check)" : $"is at {workerVersion}";
        return $"worker {worker} {at} and this client at {clientVersion}: run the same Planner version on every machine";
    }
}
