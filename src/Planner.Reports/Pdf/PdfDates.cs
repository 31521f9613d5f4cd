using System.Text;
using System.Text.RegularExpressions;

namespace Planner.Reports.Pdf;

/// <summary>
/// Makes a printed PDF depend on its page only. Chromium writes the moment of printing as the
/// document's creation and modification dates, so two prints of one report differed in those
/// bytes alone; each date is replaced by <see cref="FixedDate"/>, character for character, so the
/// file keeps its length and every byte offset in its cross-reference table stays right.
/// </summary>
public static partial class PdfDates
{
    /// <summary>The date every printed report carries (2000-01-01 00:00 UTC), in the PDF date format.</summary>
    public const string FixedDate = "D:20000101000000+00'00'";

    /// <summary>
    /// The PDF with its <c>/CreationDate</c> and <c>/ModDate</c> set to <see cref="FixedDate"/>
    /// (the same number of bytes: a shorter date written by the printer becomes the same prefix of
    /// it); the input unchanged when it has no such dates.
    /// </summary>
    public static byte[] Normalize(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        // Latin-1 maps every byte to one char and back, so offsets in the text are offsets in the file.
        string text = Encoding.Latin1.GetString(pdf);
        byte[] result = (byte[])pdf.Clone();
        foreach (Match match in InfoDate().Matches(text))
        {
            Group date = match.Groups["date"];
            for (int i = 0; i < date.Length && i < FixedDate.Length; i++)
            {
                char written = text[date.Index + i];
                // Digits and the time zone's sign take the fixed date's; 'Z', quotes and 'D:' stay as they are.
                if (char.IsAsciiDigit(written) || written is '+' or '-')
                {
                    result[date.Index + i] = (byte)FixedDate[i];
                }
            }
        }
        return result;
    }

    [GeneratedRegex(@"/(?:CreationDate|ModDate)\s*\((?<date>D:[0-9Z+\-']{0,32})\)", RegexOptions.CultureInvariant)]
    private static partial Regex InfoDate();
}
