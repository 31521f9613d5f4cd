using System.Runtime.InteropServices;

namespace Planner.Reports.Output;

/// <summary>
/// A hidden folder inside a run folder where a whole set of report files is written before any of
/// them replaces the run folder's own. <see cref="Commit"/> then moves each into place, the file
/// it replaces set aside first and put back should a later move fail, with Ctrl+C and SIGTERM held
/// off for those few milliseconds: the run folder ends with the earlier set or the new one, never a
/// mix. Disposing deletes what is left of the staging folder. Made only by a writer that holds the
/// run folder's lock (<see cref="OutputFolder.Lock(string, Action{string}?)"/>), which clears the staging folders a
/// killed writer left.
/// </summary>
internal sealed class StagedFolder : IDisposable
{
    /// <summary>How the staging folders' names start.</summary>
    public const string Prefix = ".planner-staging.";

    private const string AsideFolder = ".replaced";
    private readonly string _target;
    private readonly FileOperations _files;

    /// <param name="target">The run folder.</param>
    /// <param name="files">The moves and deletions of the commit; null for the file system's.</param>
    public StagedFolder(string target, FileOperations? files = null)
    {
        _files = files ?? FileOperations.System;
        _target = System.IO.Path.GetFullPath(target);
        Directory.CreateDirectory(_target);
        foreach (string left in Directory.GetDirectories(_target, Prefix + "*"))
        {
            // The lock is ours, so no other writer is using it: a writer that was killed left it.
            TryDelete(left);
        }
        Path = System.IO.Path.Combine(_target, $"{Prefix}{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The staging folder: write the set here, in the layout it will have in the run folder.</summary>
    public string Path { get; }

    /// <summary>
    /// Moves every staged file into the run folder and deletes <paramref name="remove"/> (paths
    /// relative to it) from there, all or nothing; returns the run folder's paths of the files moved in.
    /// </summary>
    /// <param name="remove">Files of the run folder to delete with the move.</param>
    /// <param name="then">Run once the set is in place, with signals still held, so that an interruption cannot fall between the two (the deletion of the charts the new set does not show).</param>
    /// <exception cref="IOException">A file could not be moved into place (a folder where the file goes, a full disk); the run folder is as it was.</exception>
    public IReadOnlyList<string> Commit(IReadOnlyList<string> remove, Action<IReadOnlyList<string>>? then = null)
    {
        ArgumentNullException.ThrowIfNull(remove);
        List<string> relative = [.. Directory.GetFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal)];
        string aside = System.IO.Path.Combine(Path, AsideFolder);
        var done = new List<(string Target, string? Old, bool MovedIn)>();
        using var hold = new SignalHold();
        try
        {
            foreach (string name in relative)
            {
                string target = System.IO.Path.Combine(_target, name);
                if (Directory.Exists(target))
                {
                    throw new IOException($"{target} is a folder where Planner writes a file (allowed: move that folder away and run again)");
                }
                try
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                    string? old = SetAside(target, aside, name);
                    done.Add((target, old, false));
                    _files.Move(System.IO.Path.Combine(Path, name), target);
                    done[^1] = (target, old, true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Named by the file that would not move: a read-only charts/ was reported as the run folder's.
                    throw new IOException($"{name.Replace('\\', '/')}: {ReportSet.OperatingSystemReason(e)}", e);
                }
            }
            foreach (string name in remove)
            {
                string target = System.IO.Path.Combine(_target, name);
                if (!relative.Contains(name, StringComparer.Ordinal) && SetAside(target, aside, name) is string old)
                {
                    done.Add((target, old, false));
                }
            }
        }
        catch (Exception e)
        {
            // Every earlier file is put back, each on its own: one that cannot be must not leave the
            // rest in the staging folder, which is deleted when this is disposed.
            int stuckOld = 0;
            var stuckNew = new List<string>();
            for (int i = done.Count - 1; i >= 0; i--)
            {
                (string target, string? old, bool movedIn) = done[i];
                try
                {
                    if (movedIn)
                    {
                        _files.Delete(target);
                    }
                }
                catch (Exception undo) when (undo is IOException or UnauthorizedAccessException)
                {
                    // A new file that stays where an earlier one was: the earlier one cannot go back over it.
                    stuckNew.Add(target);
                    stuckOld += old is null ? 0 : 1;
                    continue;
                }
                try
                {
                    if (old is not null)
                    {
                        _files.Move(old, target);
                    }
                }
                catch (Exception restore) when (restore is IOException or UnauthorizedAccessException)
                {
                    stuckOld++;
                }
            }
            if (stuckOld > 0 || stuckNew.Count > 0)
            {
                string kept = stuckOld > 0 ? Keep(aside) : "";
                string newLeft = stuckNew.Count == 0 ? ""
                    : $"; {stuckNew.Count} of the new files could not be taken out again and stand in the folder ({string.Join(", ", stuckNew.Select(f => System.IO.Path.GetRelativePath(_target, f)))})";
                string oldKept = stuckOld == 0 ? "" : $"; {stuckOld} of the earlier files could not be put back: they are kept in {kept} (move them back by hand)";
                throw new RestoreIncompleteException($"{e.Message}{oldKept}{newLeft}", e);
            }
            throw;
        }
        List<string> moved = [.. relative.Select(name => System.IO.Path.Combine(_target, name))];
        then?.Invoke(moved);
        s_committed = true;
        return moved;
    }

    public void Dispose()
    {
        if (!_keep)
        {
            TryDelete(Path);
        }
    }

    /// <summary>Set when a failed commit could not move the earlier files out of the staging folder: it holds them and stays.</summary>
    private bool _keep;

    /// <summary>How the names of the folders that keep earlier files a failed commit could not put back start; no writer clears them.</summary>
    public const string KeptPrefix = ".planner-kept.";

    /// <summary>
    /// Moves the earlier files that could not go back (<paramref name="aside"/>) out of the staging
    /// folder, which the next writer clears, into a folder of the run folder that no writer touches;
    /// where that move fails too, the staging folder is kept. Returns where they are.
    /// </summary>
    private string Keep(string aside)
    {
        string kept = System.IO.Path.Combine(_target, $"{KeptPrefix}{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.{Guid.NewGuid():N}");
        try
        {
            Directory.Move(aside, kept);
            return kept;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _keep = true;
            return aside;
        }
    }

    /// <summary>Moves the run folder's <paramref name="target"/> into <paramref name="aside"/>; where it went, or null when there was none.</summary>
    private string? SetAside(string target, string aside, string name)
    {
        if (!File.Exists(target))
        {
            return null;
        }
        string old = System.IO.Path.Combine(aside, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(old)!);
        _files.Move(target, old);
        return old;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next writer of this folder to clear.
        }
    }

    private static int s_committing;
    private static volatile bool s_committed;

    /// <summary>Whether this process has moved a set of files into place (an interruption from then on leaves new files, not the earlier ones).</summary>
    public static bool Committed => s_committed;

    /// <summary>Whether files are being moved into place now, with signals held until the move is done (what an interrupted command tells the user).</summary>
    public static bool Committing => Volatile.Read(ref s_committing) > 0;

    /// <summary>
    /// Holds off SIGINT, SIGTERM and SIGHUP while it lives; once disposed, a signal that came in the
    /// meantime ends the process as it would have (exit code 128 + the signal's number).
    /// </summary>
    private sealed class SignalHold : IDisposable
    {
        private readonly List<PosixSignalRegistration> _registrations = [];
        private int _received;

        public SignalHold()
        {
            Interlocked.Increment(ref s_committing);
            foreach ((PosixSignal signal, int code) in new[] { (PosixSignal.SIGINT, 130), (PosixSignal.SIGTERM, 143), (PosixSignal.SIGHUP, 129) })
            {
                try
                {
                    _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        context.Cancel = true;
                        Interlocked.CompareExchange(ref _received, code, 0);
                    }));
                }
                catch (PlatformNotSupportedException)
                {
                    // Not on this platform: the commit is then as interruptible as any code.
                }
            }
        }

        public void Dispose()
        {
            foreach (PosixSignalRegistration r in _registrations)
            {
                r.Dispose();
            }
            Interlocked.Decrement(ref s_committing);
            if (_received != 0)
            {
                Environment.Exit(_received);
            }
        }
    }
}

/// <summary>A commit failed and some of the run folder's earlier files could not be put back; the message says where they are.</summary>
public sealed class RestoreIncompleteException(string message, Exception inner) : IOException(message, inner);
