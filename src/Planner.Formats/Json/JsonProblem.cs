using System.Text.Json;

namespace Planner.Formats.Json;

/// <summary>
/// A JSON file's problem in its own terms: System.Text.Json's message without the " Path: $.x |
/// LineNumber: 146 | BytePositionInLine: 17." it appends (counted from 0, beside a caller's
/// "line 147" counted from 1), and a file that ends too soon said to be cut short rather than
/// "…when isFinalBlock is true" or "Expected depth to be zero".
/// </summary>
public static class JsonProblem
{
    /// <summary>The message without the serializer's position suffix.</summary>
    public static string Message(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.Message;
        int tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail < 0)
        {
            tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        return tail >= 0 ? message[..tail].TrimEnd() : message;
    }

    /// <summary>Whether the message says the text ended before the document did (empty or cut short).</summary>
    public static bool EndsTooSoon(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Contains("reached end of data", StringComparison.Ordinal) || message.Contains("isFinalBlock", StringComparison.Ordinal)
            || message.Contains("Expected depth to be zero", StringComparison.Ordinal);
    }
}
