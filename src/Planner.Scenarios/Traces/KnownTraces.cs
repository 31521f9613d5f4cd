using System.Security.Cryptography;

namespace Planner.Scenarios.Traces;

/// <summary>
/// The public traces a report must credit, known by their content (SHA-256 of the file with
/// carriage returns and a leading byte-order mark removed, so a checkout's line endings or an
/// editor's save do not matter) rather than by their
/// path or the scenario's words: azure-conversation-replay credited Microsoft Azure and CC-BY 4.0
/// only because its free-text description did, and a copy of it without that description replayed
/// the trace with no credit in its reports, which the licence (scenarios/traces/README.md) requires.
/// </summary>
internal static class KnownTraces
{
    private const string Azure2023 =
        "Microsoft Azure, AzurePublicDataset (github.com/Azure/AzurePublicDataset), Azure LLM inference trace of November 2023, {0}; "
        + "licensed under CC-BY 4.0; used in Splitwise (Patel et al., ISCA 2024)";

    private static readonly Dictionary<string, string> Credits = new(StringComparer.Ordinal)
    {
        ["be1f42e58b67bd9dd19681e7cba0c1d79ef83bd99669322ec5b439acb7360035"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Azure2023, "conversation"),
        ["f52ab08fbecc4c765b9ef424bb4d80b041ad8b789b6f96b9c2979ac72037e9ff"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Azure2023, "code"),
    };

    /// <summary>The credit a report owes for a trace file with these bytes (a UTF-8 byte-order mark and carriage returns aside); null for a trace not known here.</summary>
    public static string? CreditFor(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            // An editor that saves with a byte-order mark leaves the trace as it was.
            bytes = bytes[3..];
        }
        byte[] text = new byte[bytes.Length];
        int n = 0;
        foreach (byte b in bytes)
        {
            if (b != (byte)'\r')
            {
                text[n++] = b;
            }
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(text.AsSpan(0, n)));
        return Credits.GetValueOrDefault(hash);
    }
}
