namespace Planner.Cluster.Worker;

/// <summary>How a worker joins its cluster: the address other machines reach it at, its ports and its cores.</summary>
/// <param name="Address">IP address the silo listens on and advertises (127.0.0.1 keeps a cluster on one machine).</param>
/// <param name="SiloPort">Port for silo-to-silo traffic.</param>
/// <param name="GatewayPort">Port clients connect to.</param>
/// <param name="Cores">Windows simulated at once.</param>
public sealed record WorkerSettings(string Address, int SiloPort, int GatewayPort, int Cores);
