namespace Planner.Cli.Console;

/// <summary>
/// One progress display for several runs at once: each run reports its own completed/total to its
/// <see cref="Part"/>, and the display receives the sums. The totals are known before any run
/// starts, so the percentage never goes back when a run starts late. Reports may come from worker threads.
/// </summary>
public sealed class PortfolioProgress
{
    private readonly IProgress<(int Done, int Total)>? _display;
    private readonly int[] _done;
    private readonly int[] _total;
    private readonly Lock _gate = new();

    /// <param name="display">Where the sums go; null for nowhere.</param>
    /// <param name="totals">Each run's total, as it will report it.</param>
    public PortfolioProgress(IProgress<(int Done, int Total)>? display, IReadOnlyList<int> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        _display = display;
        _done = new int[totals.Count];
        _total = [.. totals];
    }

    /// <summary>The progress sink of run <paramref name="index"/>.</summary>
    public IProgress<(int Done, int Total)> Part(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _done.Length);
        return new Sink(this, index);
    }

    private void Report(int index, (int Done, int Total) value)
    {
        (int Done, int Total) sum;
        lock (_gate)
        {
            _done[index] = Math.Max(_done[index], value.Done);
            _total[index] = value.Total;
            sum = (_done.Sum(), _total.Sum());
        }
        _display?.Report(sum);
    }

    private sealed class Sink(PortfolioProgress owner, int index) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => owner.Report(index, value);
    }
}
