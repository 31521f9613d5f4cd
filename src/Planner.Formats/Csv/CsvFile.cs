using System.Globalization;
using System.Text;
using CsvHelper;

namespace Planner.Formats.Csv;

/// <summary>
/// Every CSV Planner reads or writes goes through here, on CsvHelper with one configuration:
/// RFC 4180 (fields with commas, quotes or line breaks are quoted, quotes doubled), the invariant
/// culture, "\n" line ends, no byte-order mark, and malformed text reported with its line rather
/// than silently repaired. Callers check field counts themselves, so each file's reader can say
/// what its own columns are.
/// </summary>
public static class CsvFile
{
    /// <summary>Reader settings: no header handling (callers check their own), line numbers tracked, blank lines skipped.</summary>
    public static CsvReaderOptions ReaderOptions(char? commentPrefix = null) => new()
    {
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        CommentPrefix = commentPrefix,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writer settings: quoting only where needed, "\n" line ends, invariant culture, any field count (callers write rectangular tables).</summary>
    public static CsvWriterOptions WriterOptions() => new()
    {
        Mode = CsvMode.Rfc4180,
        Quoting = CsvQuoting.WhenNeeded,
        NewLine = "\n",
        WriteByteOrderMark = false,
        ValidateFieldCount = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>A configured reader over <paramref name="text"/>, for callers that parse fields in place (large traces).</summary>
    public static CsvReader OpenReader(TextReader text, char? commentPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CsvReader.Create(text, ReaderOptions(commentPrefix), false);
    }

    /// <summary>Every record of <paramref name="text"/> with the line it starts on.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="commentPrefix">Lines starting with this character are skipped (null: none are).</param>
    /// <exception cref="CsvSyntaxException">The text is not valid CSV; the message says where.</exception>
    public static IReadOnlyList<CsvRecord> Read(TextReader text, char? commentPrefix = null)
    {
        var records = new List<CsvRecord>();
        using CsvReader reader = OpenReader(text, commentPrefix);
        try
        {
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (int i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }
                records.Add(new CsvRecord(checked((int)reader.LineNumber), fields));
            }
        }
        catch (CsvFormatException e)
        {
            throw Syntax(e);
        }
        return records;
    }

    /// <summary>Every record of a file (see <see cref="Read(TextReader, char?)"/>).</summary>
    public static IReadOnlyList<CsvRecord> ReadFile(string path, char? commentPrefix = null)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(text, commentPrefix);
    }

    /// <summary>CSV text of a header and rows (every row as many fields as the header).</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (CsvWriter writer = CsvWriter.Create(text, WriterOptions(), true))
        {
            WriteRow(writer, header);
            int row = 0;
            foreach (IReadOnlyList<string> fields in rows)
            {
                row++;
                if (fields.Count != header.Count)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"row {row} has {fields.Count} fields, the header {header.Count} ({string.Join(",", header)})"), nameof(rows));
                }
                WriteRow(writer, fields);
            }
        }
        return text.ToString();
    }

    /// <summary>A CsvHelper format error as Planner's, naming the line.</summary>
    public static CsvSyntaxException Syntax(CsvFormatException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        int line = (int)Math.Clamp(e.LineNumber, 0, int.MaxValue);
        return new CsvSyntaxException(line, e.Message);
    }

    private static void WriteRow(CsvWriter writer, IReadOnlyList<string> fields)
    {
        foreach (string field in fields)
        {
            writer.WriteField(field);
        }
        writer.EndRecord();
    }
}
