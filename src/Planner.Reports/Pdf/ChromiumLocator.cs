namespace Planner.Reports.Pdf;

/// <summary>
/// Finds a Chromium to print with: the PLANNER_CHROMIUM environment variable, then Debian's
/// /usr/bin/chromium, then chromium or chromium-browser on the PATH.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>Environment variable that names the browser executable to use.</summary>
    public const string EnvironmentVariable = "PLANNER_CHROMIUM";

    /// <summary>What to tell a user who has no Chromium.</summary>
    public const string InstallHint = "install it with `apt-get install chromium fonts-dejavu-core` (Debian/Ubuntu) or set PLANNER_CHROMIUM to a Chromium or Chrome executable";

    /// <summary>The browser to use, or null with the reason in <paramref name="problem"/>.</summary>
    public static string? Find(out string? problem) => Find(Environment.GetEnvironmentVariable, File.Exists, out problem);

    internal static string? Find(Func<string, string?> environment, Func<string, bool> exists, out string? problem)
    {
        problem = null;
        string? configured = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (exists(configured))
            {
                return configured;
            }
            problem = $"{EnvironmentVariable} is set to '{configured}', which does not exist";
            return null;
        }
        if (exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }
        foreach (string directory in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(directory, name);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }
        problem = "Chromium was not found";
        return null;
    }
}
