using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Planner.Scenarios.Diagnostics;

namespace Planner.Cli;

/// <summary>
/// What the command-line parser leaves to the program: an option it does not know that a
/// command taking file arguments would read as a file name, and its own error messages, which name
/// .NET types (<c>System.Nullable`1[System.UInt64]</c>) rather than what is allowed.
/// </summary>
internal static partial class CommandLineChecks
{
    /// <summary>
    /// The first token of <paramref name="args"/> that looks like an option (<c>--name</c>) and is
    /// none of the command's, as an error with the closest options; null when there is none.
    /// </summary>
    public static string? UnknownOption(ParseResult parse, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        var known = new List<string>();
        for (SymbolResult? s = parse.CommandResult; s is not null; s = s.Parent)
        {
            if (s is CommandResult c)
            {
                // The command's own options, and those its ancestors pass down (help, for one).
                foreach (Option o in c.Command.Options.Where(o => c == parse.CommandResult || o.Recursive))
                {
                    known.Add(o.Name);
                    known.AddRange(o.Aliases);
                }
            }
        }
        foreach (string token in args)
        {
            if (token == "--")
            {
                break;
            }
            string name = token.Split('=', 2)[0];
            if (name.StartsWith("--", StringComparison.Ordinal) && name.Length > 2 && !known.Contains(name, StringComparer.Ordinal))
            {
                IReadOnlyList<string> close = Suggestions.Close(name, known.Where(k => k.StartsWith("--", StringComparison.Ordinal)).Distinct());
                string hint = close.Count > 0 ? $"did you mean {string.Join(" or ", close)}?" : $"'planner {parse.CommandResult.Command.Name} --help' lists its options";
                return $"unknown option '{name}' for 'planner {parse.CommandResult.Command.Name}' ({hint})";
            }
        }
        return null;
    }

    /// <summary>
    /// An option whose value is one of the command's own option names, as an error: its value was
    /// left out and the parser took the next option for it (<c>-o --seed 3</c> wrote into a folder
    /// named <c>--seed</c> and read 3 as a scenario file). Null when there is none.
    /// </summary>
    public static string? OptionTakenAsValue(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (SymbolResult? s = parse.CommandResult; s is not null; s = s.Parent)
        {
            if (s is CommandResult c)
            {
                foreach (Option o in c.Command.Options.Where(o => c == parse.CommandResult || o.Recursive))
                {
                    names.Add(o.Name);
                    names.UnionWith(o.Aliases);
                }
            }
        }
        foreach (OptionResult given in parse.CommandResult.Children.OfType<OptionResult>())
        {
            if (given.Tokens.FirstOrDefault(t => names.Contains(t.Value)) is { } token)
            {
                return $"{given.Option.Name} has no value: '{token.Value}' after it is an option (give {given.Option.Name} its value; a value that starts with '-' is written ./{token.Value} for a path)";
            }
        }
        return null;
    }

    /// <summary>
    /// An option that takes one value given more than once, as an error; null when there is none.
    /// The parser refuses <c>--seed 1 --seed 2</c> but took <c>--seed 5 --seed</c> as seed 5 and
    /// <c>-o X -o</c> as X, silently.
    /// </summary>
    public static string? RepeatedOption(ParseResult parse, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        int end = args.ToList().IndexOf("--");
        IEnumerable<string> tokens = end >= 0 ? args.Take(end) : args;
        foreach (Option o in parse.CommandResult.Command.Options.Where(o => o.Arity.MaximumNumberOfValues == 1))
        {
            string[] names = [o.Name, .. o.Aliases];
            int given = tokens.Count(t => names.Any(n => t == n || t.StartsWith(n + "=", StringComparison.Ordinal)));
            if (given > 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{o.Name} is given {given} times (allowed: once)");
            }
        }
        return null;
    }

    /// <summary>
    /// The completion directive (<c>[suggest:POSITION]</c>, see README's "Shell completion") as an
    /// error when System.CommandLine would throw on it: it reads the cursor position with
    /// <c>int.Parse</c> (a word, a number beyond 32 bits), takes a substring as long as it (a
    /// negative one), and expects one directive. Null when there is none or it can be answered.
    /// </summary>
    public static string? SuggestDirective(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.RootCommandResult.Command is not RootCommand root)
        {
            return null;
        }
        foreach (SuggestDirective suggest in root.Directives.OfType<SuggestDirective>())
        {
            IReadOnlyList<string> values = parse.GetResult(suggest)?.Values ?? [];
            if (values.Count > 1)
            {
                return $"[suggest] is given {values.Count} times (allowed: one [suggest:POSITION] before the command line to complete)";
            }
            if (values.Count == 1 && values[0].Length > 0 && !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return $"[suggest:{values[0]}]: '{values[0]}' is not a cursor position (allowed: [suggest:N] with N a whole number from 0 to 2,147,483,647, "
                    + "the cursor's offset in the command line, or [suggest] for its end)";
            }
        }
        return null;
    }

    /// <summary>The parser's message for a value it could not read, in the words of this program's other errors.</summary>
    public static string Explain(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Match m = CannotParse().Match(message);
        if (!m.Success)
        {
            return message;
        }
        string type = m.Groups["type"].Value;
        string allowed = type switch
        {
            _ when type.Contains("UInt64", StringComparison.Ordinal) => "a whole number from 0 to 18,446,744,073,709,551,615",
            _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("Double", StringComparison.Ordinal) => "a number, with a point for decimals",
            _ => "a value of the form its --help describes",
        };
        return $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not allowed here (allowed: {allowed})";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
