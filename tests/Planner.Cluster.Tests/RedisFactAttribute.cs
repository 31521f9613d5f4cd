namespace Planner.Cluster.Tests;

/// <summary>
/// A test that needs Debian's redis-server. Locally it is skipped with the reason when it is
/// missing; under CI (CI=true) it runs and fails, so CI cannot pass without it.
/// tests/setup/redis.sh installs it.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && RedisServer is null)
        {
            Skip = "redis-server not found; run `bash tests/setup/redis.sh` (apt-get install redis-server)";
        }
    }

    /// <summary>redis-server on the PATH, or null.</summary>
    public static string? RedisServer { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "redis-server"))
        .FirstOrDefault(File.Exists);
}
