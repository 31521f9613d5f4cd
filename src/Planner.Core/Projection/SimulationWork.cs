namespace Planner.Core.Projection;

/// <summary>
/// What a run will simulate, known before it starts: per option, the expected requests drawn
/// and the day windows whose plan had to be marked approximate to stay within the work bound.
/// </summary>
public sealed record SimulationWork(IReadOnlyList<string> Options, IReadOnlyList<double> ExpectedRequests, IReadOnlyList<int> ApproximateDays)
{
    public double TotalRequests => ExpectedRequests.Sum();
}
