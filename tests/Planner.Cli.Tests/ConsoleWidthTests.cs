using Planner.Cli.Console;
using Planner.Core.Projection;
using Planner.Core.Specs;
using Planner.Reports.Formatting;
using Spectre.Console;

namespace Planner.Cli.Tests;

/// <summary>The run summary fits the console: a table where it fits, one block per option on an 80-column terminal, no number split.</summary>
public sealed class ConsoleWidthTests
{
    private static readonly Lazy<ProjectionResult> Result = new(() =>
    {
        using var dir = new TempDir();
        string text = SmallScenario.Text
            .Replace("- name: api\n", "- name: api-gpt-4.1-mini-with-a-long-name\n", StringComparison.Ordinal)
            .Replace("- name: h100\n", "- name: llama-3.1-8b-h100-sxm-on-demand-us-east\n", StringComparison.Ordinal);
        ScenarioSpec? spec = ScenarioInput.Load(SmallScenario.WriteInto(dir, text), null, new StringWriter(), out _);
        return new Projector().Run(spec ?? throw new InvalidOperationException("the small scenario does not load"));
    });

    private static string[] Render(int width)
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(ResultTables.Options(Result.Value, console.Profile.Width));
        return writer.ToString().Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
    }

    /// <summary>Each figure of each option, as the console writes it.</summary>
    private static IEnumerable<string> Figures(OptionProjection o) =>
    [
        o.Name, Fmt.Usd(o.Months[0].Cost.CogsUsd), Fmt.Usd(o.Months[^1].Cost.CogsUsd), Fmt.Usd(o.TotalCostUsd),
        $"{Fmt.UsdPrecise(o.Months[0].CostPerThousandRequestsUsd)} → {Fmt.UsdPrecise(o.Months[^1].CostPerThousandRequestsUsd)}",
        Fmt.Ms(o.Months[^1].TtftP95Ms), Fmt.Percent(o.Months[^1].SloAttainment),
    ];

    [Theory]
    [InlineData(80)]
    [InlineData(60)]
    public void On_a_narrow_terminal_each_option_is_a_block_that_fits(int width)
    {
        string[] lines = Render(width);

        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        Assert.DoesNotContain(lines, l => l.Contains('│', StringComparison.Ordinal));
        foreach (OptionProjection o in Result.Value.Options)
        {
            foreach (string figure in Figures(o))
            {
                Assert.True(lines.Any(l => l.Contains(figure, StringComparison.Ordinal)), $"'{figure}' is not whole on one line:\n{string.Join("\n", lines)}");
            }
        }
        Assert.Contains(lines, l => l.StartsWith("api-gpt-4.1-mini-with-a-long-name · api · baseline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_console_gets_the_table()
    {
        string[] lines = Render(200);

        Assert.All(lines, l => Assert.True(l.Length <= 200));
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        Assert.Equal(3 + 1 + Result.Value.Options.Count, lines.Length);
        foreach (OptionProjection o in Result.Value.Options)
        {
            string row = Assert.Single(lines, l => l.Contains(o.Name, StringComparison.Ordinal));
            Assert.All(Figures(o), f => Assert.Contains(f, row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Wrapping_breaks_only_between_items()
    {
        Assert.Equal(["  month 1 $1,875/mo", "  total $268,305"], ResultTables.Wrap(["month 1 $1,875/mo", "total $268,305"], 30, "  "));
        Assert.Equal(["  a · b"], ResultTables.Wrap(["a", "b"], 30, "  "));
    }
}
