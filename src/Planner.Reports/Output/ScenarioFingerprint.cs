using System.Security.Cryptography;

namespace Planner.Reports.Output;

/// <summary>
/// The SHA-256 of a scenario file, lower-case hex: summary.json and optimization.json both carry
/// it, so that a run's reports include a configuration search only when it searched the very same
/// file (any edit, even to a comment, tells them apart).
/// </summary>
public static class ScenarioFingerprint
{
    /// <summary>The file's hash; null when it cannot be read.</summary>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
