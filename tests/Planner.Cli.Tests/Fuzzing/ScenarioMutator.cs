using System.Text;
using System.Text.RegularExpressions;

namespace Planner.Cli.Tests.Fuzzing;

/// <summary>One mutant: the bytes to write and what was done, to name it when it fails.</summary>
internal sealed record Mutant(string Base, string Operator, string Description, byte[] Bytes);

/// <summary>
/// Seeded mutations of scenario text, of the kinds that broke Planner before (issue 13): deleted,
/// duplicated and swapped lines and keys, hostile scalars, damaged indentation, truncation and
/// flipped bytes. The same seed gives the same mutants, so a failure found once is found again.
/// </summary>
internal sealed partial class ScenarioMutator(int seed)
{
    /// <summary>The mutation operators, each drawn with equal chance.</summary>
    public static IReadOnlyList<string> Operators { get; } =
        ["delete-line", "duplicate-line", "swap-lines", "swap-keys", "hostile-scalar", "indentation", "truncate", "flip-bytes"];

    /// <summary>Values that have crashed, hung or fooled parsers and range checks; a few are deliberately enormous.</summary>
    public static IReadOnlyList<string> HostileScalars { get; } =
    [
        "", "~", "null", "-1", "0", "-0", "1e308", "-1e308", "1e-308", "1e-300", ".nan", ".inf", "-.inf", "NaN", "Infinity",
        "1e9", "1e12", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "0x7fffffff",
        "60", "500", "0.000001", "9999-12", "0000-00", "2027-13", "1999-12", "true", "[]", "{}", "[1, 2]", "*undefined",
        "&anchor", "!!binary AAAA", "!custom x", "'quoted'", "\"\\0\"", "\"a\\0b.csv\"", "\"\\x7F\"", "\"\\n\"", "\"\\u202e\"",
        "../../../../etc/passwd", "/dev/zero", "/", ".", "traces", "traces/", "{<<: {<<: {ttft_p95_ms: 1}}}",
        "{<<: &m1 {<<: &m2 {min_replicas: 1}}}", "&loop [1, *loop]", new string('x', 20_000),
        new string('[', 100_000) + new string(']', 100_000), string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "1" + new string('}', 50_000),
        "[" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]",
    ];

    private readonly Random _random = new(seed);

    public Mutant Mutate(string baseName, string text)
    {
        string op = Operators[_random.Next(Operators.Count)];
        string[] lines = text.Split('\n');
        switch (op)
        {
            case "delete-line":
            {
                int i = _random.Next(lines.Length);
                return Text(baseName, op, $"line {i + 1} deleted", lines.Where((_, j) => j != i));
            }
            case "duplicate-line":
            {
                int i = _random.Next(lines.Length);
                return Text(baseName, op, $"line {i + 1} duplicated", lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1)));
            }
            case "swap-lines":
            {
                int i = _random.Next(lines.Length), j = _random.Next(lines.Length);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                return Text(baseName, op, $"lines {i + 1} and {j + 1} swapped", lines);
            }
            case "swap-keys":
            {
                List<Match> keys = Key().Matches(text).ToList();
                if (keys.Count < 2)
                {
                    return Text(baseName, op, "no keys to swap", lines);
                }
                Match a = keys[_random.Next(keys.Count)], b = keys[_random.Next(keys.Count)];
                if (a.Index > b.Index)
                {
                    (a, b) = (b, a);
                }
                if (a.Index == b.Index)
                {
                    return Text(baseName, op, "a key swapped with itself", lines);
                }
                Group first = a.Groups["key"], second = b.Groups["key"];
                string swapped = text[..first.Index] + second.Value + text[(first.Index + first.Length)..second.Index] + first.Value
                    + text[(second.Index + second.Length)..];
                return new Mutant(baseName, op, $"keys '{a.Groups["key"].Value}' and '{b.Groups["key"].Value}' swapped", Encoding.UTF8.GetBytes(swapped));
            }
            case "hostile-scalar":
            {
                List<Match> values = Value().Matches(text).ToList();
                string hostile = HostileScalars[_random.Next(HostileScalars.Count)];
                if (values.Count == 0)
                {
                    return Text(baseName, op, "no scalar to replace", lines);
                }
                Group value = values[_random.Next(values.Count)].Groups["value"];
                string replaced = text[..value.Index] + hostile + text[(value.Index + value.Length)..];
                string shown = hostile.Length > 40 ? hostile[..20] + $"… ({hostile.Length} chars)" : hostile;
                return new Mutant(baseName, op, $"'{value.Value}' at offset {value.Index} replaced by {shown}", Encoding.UTF8.GetBytes(replaced));
            }
            case "indentation":
            {
                int i = _random.Next(lines.Length);
                int spaces = lines[i].Length - lines[i].TrimStart(' ').Length;
                lines[i] = _random.Next(3) switch
                {
                    0 => new string(' ', _random.Next(1, 4)) + lines[i],
                    1 => lines[i][Math.Min(spaces, _random.Next(1, 4))..],
                    _ => "\t" + lines[i].TrimStart(' '),
                };
                return Text(baseName, op, $"indentation of line {i + 1} damaged", lines);
            }
            case "truncate":
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                int length = _random.Next(bytes.Length);
                return new Mutant(baseName, op, $"cut after byte {length}", bytes[..length]);
            }
            default:
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                int flips = _random.Next(1, 5);
                var where = new List<int>();
                for (int k = 0; k < flips; k++)
                {
                    int i = _random.Next(bytes.Length);
                    bytes[i] ^= (byte)(1 << _random.Next(8));
                    where.Add(i);
                }
                return new Mutant(baseName, op, $"bits flipped at bytes {string.Join(", ", where)}", bytes);
            }
        }
    }

    private static Mutant Text(string baseName, string op, string description, IEnumerable<string> lines) =>
        new(baseName, op, description, Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    /// <summary>A key of a block or flow mapping.</summary>
    [GeneratedRegex(@"(?<=^[ -]*|[{,] *)(?<key>[a-z_][a-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex Key();

    /// <summary>A plain scalar value after a key, in block or flow style.</summary>
    [GeneratedRegex(@"[a-z_][a-z0-9_]*: +(?<value>[^\s{}\[\],#&*][^\n{}\[\],#]*?)(?= *(?:[,}\]]|#|$))", RegexOptions.Multiline)]
    private static partial Regex Value();
}
