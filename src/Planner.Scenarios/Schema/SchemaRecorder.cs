using Planner.Scenarios.Diagnostics;

namespace Planner.Scenarios.Schema;

/// <summary>
/// What the readers ask for while they read, by path (list items written <c>[]</c>): the keys each
/// mapping knows, and the kinds of value (with the words or catalog ids allowed) each place is read
/// as. The scenario schema is built from this, so it says what the readers accept and nothing else.
/// </summary>
internal sealed class SchemaRecorder
{
    private readonly Dictionary<string, SchemaPlace> _places = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SchemaPlace> Places => _places;

    /// <summary>The mapping at <paramref name="path"/> knows <paramref name="key"/>.</summary>
    public void Key(string path, string key)
    {
        Place(path).Kinds.Add(SchemaKind.Object);
        Place(path).Keys.Add(key);
        Place(Child(path, key));
    }

    /// <summary>The value at <paramref name="path"/> is read as <paramref name="kind"/>; <paramref name="words"/> are the only texts allowed, when there is such a list.</summary>
    public void Value(string path, SchemaKind kind, IEnumerable<string>? words = null)
    {
        SchemaPlace place = Place(path);
        place.Kinds.Add(kind);
        if (words is not null)
        {
            place.Words.UnionWith(words);
        }
    }

    /// <summary>A text value given at <paramref name="path"/> was read; free text unless a catalog lookup of it follows.</summary>
    public void TextRead(string path)
    {
        SchemaPlace place = Place(path);
        place.Kinds.Add(SchemaKind.Text);
        place.FreeTexts++;
    }

    /// <summary>The text just read at <paramref name="path"/> is a catalog id: one of <paramref name="ids"/>.</summary>
    public void CatalogIds(string path, IEnumerable<string> ids)
    {
        SchemaPlace place = Place(path);
        place.Kinds.Add(SchemaKind.Word);
        place.Words.UnionWith(ids);
        place.FreeTexts = Math.Max(0, place.FreeTexts - 1);
    }

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private SchemaPlace Place(string path)
    {
        string normalized = ShapeExamples.Normalize(path);
        if (!_places.TryGetValue(normalized, out SchemaPlace? place))
        {
            place = new SchemaPlace();
            _places[normalized] = place;
        }
        return place;
    }
}

/// <summary>The kinds of value a place is read as, the keys of its mapping form, and the words allowed in its text form.</summary>
internal sealed class SchemaPlace
{
    public SortedSet<SchemaKind> Kinds { get; } = [];

    public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>Text values read here that were not catalog ids (an API option's model name where a self-hosted option's model is an id).</summary>
    public int FreeTexts { get; set; }
}

/// <summary>How a reader reads a value.</summary>
internal enum SchemaKind
{
    Object,
    Array,
    Text,
    Word,
    Number,
    Integer,
    Boolean,
    Month,
    Date,
}
