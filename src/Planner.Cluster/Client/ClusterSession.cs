using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Planner.Cluster.Configuration;
using Planner.Cluster.Messages;
using Planner.Cluster.Versioning;
using Planner.Cluster.Worker;

namespace Planner.Cluster.Client;

/// <summary>A client connected to a Planner cluster; disposing it disconnects.</summary>
public sealed class ClusterSession : IAsyncDisposable
{
    private readonly IHost _host;
    private long _longestRoundTripTicks;

    private ClusterSession(IHost host, ClusterFile cluster, int workers)
    {
        _host = host;
        Cluster = cluster;
        Workers = workers;
        InFlight = new SemaphoreSlim(Math.Max(2, workers * ClusterWindowRunner.InFlightPerWorker));
    }

    public ClusterFile Cluster { get; }

    /// <summary>Workers active when the session connected.</summary>
    public int Workers { get; }

    internal IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Orleans' serializer, as it writes the messages of this session.</summary>
    internal Serializer Serializer => _host.Services.GetRequiredService<Serializer>();

    /// <summary>Units in flight, shared by every runner of the session (several Monte Carlo samples or scenarios run at once).</summary>
    internal SemaphoreSlim InFlight { get; }

    /// <summary>
    /// The longest round trip of any unit answered in this session, in TimeSpan ticks: every runner
    /// of the session queues behind the same workers, so each judges an overdue unit by all of them.
    /// </summary>
    internal long LongestRoundTripTicks => Interlocked.Read(ref _longestRoundTripTicks);

    /// <summary>Connects to the cluster; a <see cref="ClusterRunException"/> says why it could not.</summary>
    public static async Task<ClusterSession> ConnectAsync(ClusterFile cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ClusterLogging.Configure(builder.Logging);
        // A host that cannot start logs the exception with its stack; the client says why in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(cluster.RedisEndpoint);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterWorker.ResponseTimeout);
            // Learn soon that a worker is gone, so that units are no longer routed to it.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        IHost host = builder.Build();
        try
        {
            await host.StartAsync();
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            Dictionary<SiloAddress, SiloStatus> silos = await management.GetHosts(onlyActive: true);
            return new ClusterSession(host, cluster, silos.Count);
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new ClusterRunException($"cannot connect to cluster '{cluster.ClusterId}' through Redis at {cluster.RedisEndpoint} ({cluster.Path}): {ClusterLogging.Describe(e)} "
                + $"(is Redis running, and is at least one `planner worker --cluster {cluster.Path}` up?)", e);
        }
    }

    /// <summary>A runner that sends the units of <paramref name="scenario"/> to the cluster's workers; <paramref name="status"/> gets progress lines.</summary>
    public ClusterWindowRunner CreateRunner(ClusterScenario scenario, TextWriter status) => new(this, scenario, status, null, verbose: true);

    /// <summary>
    /// A runner for one Monte Carlo sample of <paramref name="scenario"/>: workers rebuild the
    /// sample's scenario from <paramref name="sampleValues"/>; only retries are reported.
    /// </summary>
    internal ClusterWindowRunner CreateSampleRunner(ClusterScenario scenario, IReadOnlyList<double> sampleValues, TextWriter status) =>
        new(this, scenario, status, [.. sampleValues], verbose: false);

    /// <summary>
    /// A runner for one scenario of a portfolio or a benchmark: only retries are reported, and it
    /// stops sending once <paramref name="stop"/> is cancelled (another scenario of the portfolio failed).
    /// </summary>
    internal ClusterWindowRunner CreateQuietRunner(ClusterScenario scenario, TextWriter status, CancellationToken stop = default) =>
        new(this, scenario, status, null, verbose: false, stop);

    /// <summary>Records an answered unit's round trip if it is the longest so far.</summary>
    internal void RecordRoundTrip(TimeSpan elapsed)
    {
        long ticks = elapsed.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _longestRoundTripTicks)) && Interlocked.CompareExchange(ref _longestRoundTripTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>
    /// A runner that sends an exhaustive search's units to the cluster's workers; <paramref name="search"/>
    /// (without units) says how workers rebuild the search, <paramref name="status"/> gets progress lines.
    /// </summary>
    public ClusterOptimizationRunner CreateOptimizationRunner(OptimizationRequest search, TextWriter status) =>
        new(this, search with { ClientVersion = ClusterVersion.Current, Units = [] }, status);

    public async ValueTask DisposeAsync()
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(leave.Token);
        }
        catch (OperationCanceledException)
        {
            // The workers are gone or slow to answer; the process is ending anyway.
        }
        _host.Dispose();
        InFlight.Dispose();
    }
}
