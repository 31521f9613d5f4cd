namespace Planner.Core.Projection;

/// <summary>The option to choose and the sentences, with numbers, that justify it.</summary>
public sealed record Recommendation
{
    public required string OptionName { get; init; }
    public required IReadOnlyList<string> Sentences { get; init; }

    public string Text => string.Join(" ", Sentences);
}
