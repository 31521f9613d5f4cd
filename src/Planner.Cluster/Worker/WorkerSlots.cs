namespace Planner.Cluster.Worker;

/// <summary>How many windows a worker simulates at once (one per core it was given); the rest wait their turn.</summary>
internal sealed class WorkerSlots(int slots)
{
    private readonly SemaphoreSlim _semaphore = new(slots, slots);

    public int Count { get; } = slots;

    public Task WaitAsync() => _semaphore.WaitAsync();

    public void Release() => _semaphore.Release();
}
