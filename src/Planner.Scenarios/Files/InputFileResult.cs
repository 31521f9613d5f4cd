namespace Planner.Scenarios.Files;

/// <summary>The bytes of a file read by <see cref="InputFile"/>, or why there are none.</summary>
/// <param name="Status">Whether the file was read, and if not, why.</param>
/// <param name="Bytes">The whole file when <paramref name="Status"/> is <see cref="InputFileStatus.Read"/>.</param>
/// <param name="Reason">The operating system's words for an unreadable file; null otherwise.</param>
public sealed record InputFileResult(InputFileStatus Status, byte[]? Bytes, string? Reason)
{
    /// <summary>The bytes as text: UTF-8 unless a byte-order mark says otherwise, as File.ReadAllText reads.</summary>
    public string Text()
    {
        if (Bytes is null)
        {
            throw new InvalidOperationException("the file was not read");
        }
        using var reader = new StreamReader(new MemoryStream(Bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
