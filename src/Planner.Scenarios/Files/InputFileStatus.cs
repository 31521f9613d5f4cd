namespace Planner.Scenarios.Files;

/// <summary>How reading a file that a user or a scenario named went; each failure has a message of its own.</summary>
public enum InputFileStatus
{
    /// <summary>The file was read whole.</summary>
    Read,
    /// <summary>Nothing exists at the path.</summary>
    NotFound,
    /// <summary>The path names a directory.</summary>
    Directory,
    /// <summary>The file holds more bytes than its kind may.</summary>
    TooLarge,
    /// <summary>The operating system refused or failed the read (permissions, I/O error, a path too long).</summary>
    Unreadable,
    /// <summary>Reading did not finish in time: a pipe nobody writes to, a device that never answers.</summary>
    TimedOut,
}
