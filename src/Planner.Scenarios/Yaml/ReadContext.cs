using System.Globalization;
using Planner.Scenarios.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Planner.Scenarios.Yaml;

/// <summary>
/// The file being read and the findings so far, plus conversions of single nodes to values.
/// Every conversion reports its own error and returns null, so callers just skip what failed.
/// </summary>
internal sealed partial class ReadContext(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>When set, every number read is recorded, so uncertain inputs can be checked against what the reader reads.</summary>
    public NumberReads? NumberReads { get; init; }

    /// <summary>When set, scalars and keys it names read as its values instead of the document's (scenario variants).</summary>
    public ValueOverrides? Overrides { get; init; }

    /// <summary>When set, every key and kind of value asked for is recorded, for the scenario schema.</summary>
    public Schema.SchemaRecorder? Schema { get; init; }

    public void Error(YamlNode at, string message, string? allowed = null, int count = 1) => Error(at.Start, message, allowed, count);

    public void Error(Mark at, string message, string? allowed = null, int count = 1) =>
        Diagnostics.Error(File, LineOf(at), ColumnOf(at), message, allowed, count);

    public void Warning(YamlNode at, string message, string? allowed = null) =>
        Diagnostics.Warning(File, LineOf(at.Start), ColumnOf(at.Start), message, allowed);

    public static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    public static int ColumnOf(Mark mark) => (int)Math.Max(1, mark.Column);

    /// <summary>An empty value, <c>~</c> or <c>null</c>, written without quotes.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>How a node looks, for "got …" in messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "an unsupported node",
    };

    public string? Text(YamlNode node, string path) => Text(node, path, "some text", sampleIsExact: false);

    private string? Text(YamlNode node, string path, string sample, bool sampleIsExact)
    {
        if (!sampleIsExact)
        {
            Schema?.TextRead(path);
        }
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            return scalar.Value ?? "";
        }
        Error(node, Messages.ExpectedText(path, Describe(node)), Messages.ForExample(ShapeExamples.ForScalar(path, sample, sampleIsExact)));
        return null;
    }

    /// <summary>The example shown when a single value was expected and something else came: null when a scalar came (its text is what is wrong, not its shape).</summary>
    private static string? ScalarShapeHint(YamlNode node, string path, string sample) =>
        node is YamlScalarNode && !IsNull(node) ? null : Messages.ForExample(ShapeExamples.ForScalar(path, sample));

    /// <summary>A plain value in the range to show in an example: 1 where allowed, else the lower bound, else the middle.</summary>
    private static double SampleIn(ValueRange range, bool integer)
    {
        bool bounded = !double.IsInfinity(range.Min) && !double.IsInfinity(range.Max);
        double middle = bounded ? (range.Min + range.Max) / 2 : 0;
        double[] candidates = bounded && range.Max - range.Min <= 1
            ? [middle, range.Min, range.Max]
            : [1, range.Min, range.Min + 1, range.Max, range.Max - 1, middle, 0];
        foreach (double candidate in candidates)
        {
            double value = integer ? Math.Round(candidate, MidpointRounding.AwayFromZero) : candidate;
            if (double.IsFinite(value) && range.Contains(value))
            {
                return value;
            }
        }
        return 1;
    }

    public double? Double(YamlNode node, string path, ValueRange range)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Number);
        NumberReads?.Node(node, NumberKind.Real);
        if (node is not YamlScalarNode scalar || IsNull(node)
            || !double.TryParse(ScalarText(scalar), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            if (node is YamlScalarNode special && IsYamlNonFinite(ScalarText(special)))
            {
                // YAML's own spellings of NaN and infinity read as "NaN" does.
                Error(node, Messages.ExpectedFiniteNumber(path, Describe(node)), Messages.Allowed(range.Describe()));
                return null;
            }
            Error(node, Messages.ExpectedNumber(path, Describe(node)),
                ScalarShapeHint(node, path, ValueRange.Format(SampleIn(range, integer: false))) ?? NumberFormHint(ScalarText((YamlScalarNode)node), range));
            return null;
        }
        if (!double.IsFinite(value))
        {
            Error(node, Messages.ExpectedFiniteNumber(path, Describe(node)), Messages.Allowed(range.Describe()));
            return null;
        }
        if (!range.Contains(value))
        {
            Error(node, Messages.OutOfRange(path, ScalarText(scalar)), Messages.Allowed(range.Describe()));
            return null;
        }
        return value;
    }

    /// <summary>YAML 1.1's NaN and infinities (<c>.nan</c>, <c>.inf</c>, <c>-.Inf</c>, …), which .NET does not parse.</summary>
    private static bool IsYamlNonFinite(string text) =>
        text.Trim().TrimStart('+', '-').ToLowerInvariant() is ".nan" or ".inf";

    /// <summary>
    /// What is allowed, with how to write a number given in a form the scenario does not read: a
    /// thousands separator or underscore ("20,000", "20_000": write 20000), a percentage ("10%":
    /// a share is a fraction, 0.1), a hexadecimal ("0x4E20": 20000). "expected a number, got
    /// '20,000'" said neither.
    /// </summary>
    private static string NumberFormHint(string text, ValueRange range, string kind = "")
    {
        string allowed = Messages.Allowed(kind + range.Describe());
        string t = text.Trim();
        // Commas only in groups of three are thousands ("20,000"); another comma is a decimal one ("1,5").
        string plain = (ThousandsWithCommas().IsMatch(t) ? t.Replace(",", "", StringComparison.Ordinal) : t).Replace("_", "", StringComparison.Ordinal);
        if (plain != t && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double grouped))
        {
            return $"{allowed}; write {ValueRange.Format(grouped)}, without separators";
        }
        if (t.Count(c => c == ',') == 1 && double.TryParse(t.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out double decimalComma))
        {
            return $"{allowed}; a decimal is written with a point: {ValueRange.Format(decimalComma)}";
        }
        if (t.EndsWith('%') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percent))
        {
            return $"{allowed}; a share is written as a fraction: {ValueRange.Format(percent / 100)} for {t}";
        }
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
        {
            return $"{allowed}; write {ValueRange.Format(hex)} in decimal";
        }
        return allowed;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsWithCommas();

    public int? Int(YamlNode node, string path, ValueRange range)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Integer);
        NumberReads?.Node(node, NumberKind.Integer);
        if (node is not YamlScalarNode scalar || IsNull(node)
            || !long.TryParse(ScalarText(scalar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            // A whole number too long for 64 bits is out of range, not "not an integer"; and where no
            // shape hint applies (a word, 1e308, .inf) the error still says what is allowed.
            if (node is YamlScalarNode digits && IsWholeNumber(ScalarText(digits)))
            {
                Error(node, Messages.OutOfRange(path, ScalarText(digits)), Messages.Allowed(range.Describe()));
                return null;
            }
            Error(node, Messages.ExpectedInteger(path, Describe(node)),
                ScalarShapeHint(node, path, ValueRange.Format(SampleIn(range, integer: true))) ?? NumberFormHint(ScalarText((YamlScalarNode)node), range, "an integer, "));
            return null;
        }
        if (!range.Contains(value) || value < int.MinValue || value > int.MaxValue)
        {
            Error(node, Messages.OutOfRange(path, ScalarText(scalar)), Messages.Allowed(range.Describe()));
            return null;
        }
        return (int)value;
    }

    /// <summary>Whether <paramref name="text"/> is digits with an optional sign: a whole number, however long.</summary>
    private static bool IsWholeNumber(string text)
    {
        ReadOnlySpan<char> digits = text.AsSpan().TrimStart("+-");
        return digits.Length > 0 && digits.Length >= text.Length - 1 && !digits.ContainsAnyExcept("0123456789");
    }

    /// <summary>A scalar's text, or the value a scenario variant puts in its place.</summary>
    private string ScalarText(YamlScalarNode scalar) =>
        Overrides is not null && Overrides.TryGet(scalar, out string? text) ? text : scalar.Value ?? "";

    /// <summary>A YAML boolean: <c>true</c> or <c>false</c> (also <c>True</c>, <c>TRUE</c>, <c>False</c>, <c>FALSE</c>).</summary>
    public bool? Bool(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Boolean);
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }
        string allowed = Messages.AllowedList(["true", "false"]);
        Error(node, Messages.ExpectedBoolean(path, Describe(node)),
            ScalarShapeHint(node, path, "true") is { } hint ? $"{allowed}; {hint}" : allowed);
        return null;
    }

    public ulong? ULong(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Integer);
        if (node is not YamlScalarNode scalar || IsNull(node)
            || !decimal.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal value))
        {
            Error(node, Messages.ExpectedInteger(path, Describe(node)),
                ScalarShapeHint(node, path, "42") ?? Messages.Allowed($"an integer, 0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        if (value < 0 || value > ulong.MaxValue)
        {
            Error(node, Messages.OutOfRange(path, scalar.Value!), Messages.Allowed($"0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        return (ulong)value;
    }

    /// <summary>A calendar month written <c>YYYY-MM</c>; the result is its first day.</summary>
    public DateOnly? Month(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Month);
        if (node is YamlScalarNode scalar && !IsNull(node)
            && DateOnly.TryParseExact(scalar.Value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month))
        {
            return month;
        }
        Error(node, Messages.ExpectedMonth(path, Describe(node)), ScalarShapeHint(node, path, "2027-01"));
        return null;
    }

    /// <summary>A date written <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? Date(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Date);
        if (node is YamlScalarNode scalar && !IsNull(node)
            && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return date;
        }
        Error(node, Messages.ExpectedDate(path, Describe(node)), ScalarShapeHint(node, path, "2026-11-01"));
        return null;
    }

    /// <summary>One of a fixed set of words; <paramref name="what"/> names the kind of word in the message.</summary>
    public string? Word(YamlNode node, string path, string what, IReadOnlyList<string> allowed)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Word, allowed);
        string? text = allowed.Count > 0 ? Text(node, path, allowed[0], sampleIsExact: true) : Text(node, path);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }
        IReadOnlyList<string> close = Suggestions.Close(text, allowed);
        Error(node, Messages.UnknownWord(path, what, text),
            close.Count > 0 ? Messages.DidYouMean(close) : Messages.AllowedList(allowed));
        return null;
    }

    /// <summary>A word from a fixed set, mapped to its value.</summary>
    public T? Choice<T>(YamlNode node, string path, string what, IReadOnlyList<KeyValuePair<string, T>> choices)
        where T : struct
    {
        string? word = Word(node, path, what, choices.Select(c => c.Key).ToArray());
        return word is null ? null : choices.First(c => c.Key == word).Value;
    }

    public MappingReader? Mapping(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Object);
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(this, mapping, path);
        }
        Error(node, Messages.ExpectedMapping(path, Describe(node)), CollectionHint(path));
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path)
    {
        Schema?.Value(path, Planner.Scenarios.Schema.SchemaKind.Array);
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }
        Error(node, Messages.ExpectedList(path, Describe(node)), CollectionHint(path));
        return null;
    }

    private static string? CollectionHint(string path) =>
        ShapeExamples.ForCollection(path) is { } example ? Messages.ForExample(example) : null;
}
