namespace Planner.Core.Optimization;

/// <summary>Consecutive months of the path on one configuration.</summary>
/// <param name="FromMonth">First 1-based month.</param>
/// <param name="ToMonth">Last 1-based month.</param>
/// <param name="Candidate">The configuration; null for months where nothing met the SLO.</param>
/// <param name="Switched">Whether the segment starts with a move to other hardware.</param>
/// <param name="Retuned">Whether it starts with new engine or autoscaler settings on the same hardware.</param>
public sealed record PathSegment(int FromMonth, int ToMonth, DeploymentCandidate? Candidate, bool Switched, bool Retuned = false)
{
    /// <summary>Splits a path into runs of the same configuration.</summary>
    public static IReadOnlyList<PathSegment> Of(IReadOnlyList<PathMonth> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<PathSegment>();
        foreach (PathMonth m in path)
        {
            if (segments.Count > 0 && segments[^1].Candidate?.Id == m.Candidate?.Id && !m.Switched && !m.Retuned)
            {
                segments[^1] = segments[^1] with { ToMonth = m.Month };
            }
            else
            {
                segments.Add(new PathSegment(m.Month, m.Month, m.Candidate, m.Switched, m.Retuned));
            }
        }
        return segments;
    }
}
