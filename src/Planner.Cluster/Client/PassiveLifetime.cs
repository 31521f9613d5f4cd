using Microsoft.Extensions.Hosting;

namespace Planner.Cluster.Client;

/// <summary>
/// The client's host neither waits for nor intercepts Ctrl+C and SIGTERM (the generic host's
/// console lifetime would swallow them and leave the run waiting): stopping `planner run` stops it.
/// </summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
