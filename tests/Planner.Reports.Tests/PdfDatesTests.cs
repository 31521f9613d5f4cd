using System.Text;
using Planner.Reports.Pdf;

namespace Planner.Reports.Tests;

/// <summary>The same report prints to the same bytes: the dates Chromium stamps are replaced in place.</summary>
public sealed class PdfDatesTests
{
    private static byte[] Pdf(string creation, string modification) => Encoding.Latin1.GetBytes(
        "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (" + creation + ")\n/ModDate (" + modification + ")>>\nendobj\n"
        + "xref\n0 2\n0000000000 65535 f \n0000000015 00000 n \ntrailer\n<</Size 2 /Info 1 0 R>>\nstartxref\n120\n%%EOF\n");

    [Fact]
    public void Prints_at_different_moments_and_in_different_time_zones_become_identical_and_keep_their_length()
    {
        byte[] a = Pdf("D:20261204152634+00'00'", "D:20261204152634+00'00'");
        byte[] b = Pdf("D:20270101235959-05'00'", "D:20270102000001-05'00'");
        byte[] normalA = PdfDates.Normalize(a), normalB = PdfDates.Normalize(b);
        Assert.Equal(normalA, normalB);
        Assert.Equal(a.Length, normalA.Length);
        Assert.Contains("/CreationDate (D:20000101000000+00'00')\n/ModDate (D:20000101000000+00'00')", Encoding.Latin1.GetString(normalA));
        // Everything but the dates is untouched, so the cross-reference offsets still hold.
        Assert.Equal(Encoding.Latin1.GetString(a).Replace("20261204152634", "20000101000000", StringComparison.Ordinal), Encoding.Latin1.GetString(normalA));
    }

    [Fact]
    public void A_shorter_date_keeps_its_form()
    {
        byte[] pdf = Pdf("D:20261204152634Z", "D:2026");
        string text = Encoding.Latin1.GetString(PdfDates.Normalize(pdf));
        Assert.Contains("/CreationDate (D:20000101000000Z)\n/ModDate (D:2000)", text);
    }

    [Fact]
    public void A_pdf_without_dates_is_returned_as_it_is()
    {
        byte[] pdf = Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj\n<</Producer (x)>>\nendobj\n%%EOF\n");
        Assert.Equal(pdf, PdfDates.Normalize(pdf));
    }
}
