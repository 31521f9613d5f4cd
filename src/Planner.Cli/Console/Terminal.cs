using Spectre.Console;

namespace Planner.Cli.Console;

/// <summary>A Spectre console over the given writer: colours and live progress only on a real terminal.</summary>
public static class Terminal
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        bool tty = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected
            && Environment.GetEnvironmentVariable("CI") is null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = tty ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = tty ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = tty ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!tty)
        {
            console.Profile.Width = 200;
        }
        return console;
    }
}
