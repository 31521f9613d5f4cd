using System.Text.Json.Serialization;

namespace Planner.Reports.Json;

/// <summary>
/// How the samples were evaluated: a response surface fitted to full simulations at a few daily
/// volumes (and at the 5th and 95th percentiles of inputs that change the simulated system), and,
/// when asked for, samples simulated in full to measure its error. Wall-clock times stay on the
/// console, so the same seed gives the same file.
/// </summary>
public sealed record SurrogateSection(
    int DayVolumeCount,
    IReadOnlyList<double> DayVolumesRequestsPerDay,
    IReadOnlyList<string> PhysicsInputs,
    long SimulatedRequests)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SurrogateCheckSection>? Checks { get; init; }
}
