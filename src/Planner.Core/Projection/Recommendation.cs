namespace Planner.Core.Projection;

/// <summary>The option to choose, its best alternative, and the sentences, with numbers, that justify it.</summary>
public sealed record Recommendation
{
    public required string OptionName { get; init; }
    public required IReadOnlyList<string> Sentences { get; init; }

    /// <summary>The comparison every surface states; null when the scenario has a single option.</summary>
    public BestAlternative? Alternative { get; init; }

    public string Text => string.Join(" ", Sentences);
}
