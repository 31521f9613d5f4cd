namespace Planner.Cli.Commands;

/// <summary>
/// Work sent to a cluster could not be done (no worker, a refusal, a unit that failed every retry);
/// the message says why. The CLI's own type, so that catching it loads nothing of Orleans.
/// </summary>
internal sealed class ClusterFailedException(string message) : Exception(message);
