namespace Planner.Cli.Tests;

/// <summary>
/// A test that needs Debian's Chromium (and, when asked, poppler's pdftotext). Locally it is
/// skipped with the reason when they are missing; under CI (CI=true) it runs and fails, so a
/// CI machine without the browser cannot pass silently. tests/setup/chromium.sh installs both.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute(bool needsPdfTools = false)
    {
        if (IsCi)
        {
            return;
        }
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} not found; run `bash tests/setup/chromium.sh` (apt-get install chromium fonts-dejavu-core poppler-utils)";
        }
        else if (needsPdfTools && PdfToText is null)
        {
            Skip = "pdftotext not found; run `bash tests/setup/chromium.sh` (apt-get install poppler-utils)";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>pdftotext on the PATH, or null.</summary>
    public static string? PdfToText { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "pdftotext"))
        .FirstOrDefault(File.Exists);
}
