namespace Planner.Calibration.Runtime;

/// <summary>The last native log messages of ONNX Runtime, numbered, so an error can quote what the native side said about it.</summary>
internal static class NativeLog
{
    private const int Capacity = 200;
    private static readonly Lock Gate = new();
    private static readonly Queue<(long Number, string Message)> Messages = new();
    private static long _next;

    public static void Add(string message)
    {
        lock (Gate)
        {
            Messages.Enqueue((_next++, message));
            while (Messages.Count > Capacity)
            {
                Messages.Dequeue();
            }
        }
    }

    public static long Mark()
    {
        lock (Gate)
        {
            return _next;
        }
    }

    public static IReadOnlyList<string> Since(long mark)
    {
        lock (Gate)
        {
            return Messages.Where(m => m.Number >= mark).Select(m => m.Message).ToList();
        }
    }
}
