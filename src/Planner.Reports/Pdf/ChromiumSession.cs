using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Planner.Reports.Pdf;

/// <summary>
/// A headless Chromium started before the report exists, so that its start-up — most of a
/// print's time — overlaps other work (the simulation); <see cref="Print"/> then only loads
/// the page and prints it. The browser is driven over the DevTools protocol on a pipe
/// (<c>--remote-debugging-pipe</c>: commands on its descriptor 3, replies on 4), with the flags
/// and fresh profile of <see cref="ChromiumPdfPrinter"/> and the print settings its
/// <c>--print-to-pdf</c> uses, so the PDF is the same. It runs at low CPU priority (nice 10) and
/// with <see cref="QuietFlags"/>, so that it takes little from the work it overlaps.
/// </summary>
public sealed class ChromiumSession : IDisposable
{
    // Starts the browser with the pipe's ends on its descriptors 3 and 4 (at lower priority when
    // `nice` exists), lets go of the pipe itself, and once the browser has exited deletes its
    // profile: so the browser quits when the pipe closes, even should this process die first,
    // and nobody has to wait for it to shut down. A Ctrl+C or SIGTERM sent to the whole process
    // group (a terminal, `timeout`) would stop this shell before it deleted the profile: it passes
    // the signal to the browser instead and waits on, so the profile still goes.
    internal const string PipeLauncher = """
        profile=$1; shift
        exec 5<&0 6>&1 0</dev/null 1>/dev/null
        if command -v nice >/dev/null 2>&1; then set -- nice -n 10 "$@"; fi
        pid= stop=
        trap 'stop=1; [ -n "$pid" ] && kill $pid 2>/dev/null' INT TERM HUP
        "$@" 3<&5 4>&6 5<&- 6>&- &
        pid=$!
        [ -n "$stop" ] && kill $pid 2>/dev/null
        exec 5<&- 6>&-
        while :; do
            wait $pid
            status=$?
            kill -0 $pid 2>/dev/null || break
        done
        rm -rf "$profile"
        exit $status
        """;

    /// <summary>
    /// Flags that keep a browser waiting for its page from working meanwhile: no start-up
    /// window (the session opens its own page), and none of the browser's own interface pages
    /// (the address bar's pop-ups), which a headless print never shows but which otherwise
    /// keep a renderer busy for more than a CPU-second while the simulation runs. Unknown
    /// feature names are ignored, so an older or newer Chromium takes them too.
    /// </summary>
    public static IReadOnlyList<string> QuietFlags { get; } =
    [
        "--no-startup-window",
        "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
    ];

    private readonly TimeSpan _readyTimeout;
    private readonly Process _process;
    private readonly Stream _commands;
    private readonly string _profile;
    private readonly Lock _sendGate = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _replies = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _events = new();
    private readonly LastLine _lastError = new();
    private readonly Task<string> _page;
    private int _nextId;
    private int _disposed;
    private volatile string? _closedBecause;
    private volatile bool _readerFinished;

    private ChromiumSession(string chromium, TimeSpan readyTimeout)
    {
        ChromiumPath = chromium;
        _readyTimeout = readyTimeout;
        _profile = Path.Combine(Path.GetTempPath(), "planner-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profile);
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(PipeLauncher);
        start.ArgumentList.Add("planner-chromium");
        start.ArgumentList.Add(_profile);
        start.ArgumentList.Add(chromium);
        foreach (string flag in ChromiumPdfPrinter.OfflineFlags)
        {
            start.ArgumentList.Add(flag);
        }
        start.ArgumentList.Add("--user-data-dir=" + _profile);
        start.ArgumentList.Add("--remote-debugging-pipe");
        foreach (string flag in QuietFlags)
        {
            start.ArgumentList.Add(flag);
        }
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => _lastError.Offer(e.Data);
        try
        {
            _process.Start();
        }
        catch
        {
            _process.Dispose();
            Directory.Delete(_profile, recursive: true);
            throw;
        }
        _process.BeginErrorReadLine();
        _commands = _process.StandardInput.BaseStream;
        Stream replies = _process.StandardOutput.BaseStream;
        _ = Task.Run(() => ReadReplies(replies));
        _page = Task.Run(OpenPageAsync);
    }

    /// <summary>The browser's fresh profile folder, deleted once the browser has exited.</summary>
    internal string ProfileDirectory => _profile;

    /// <summary>The browser executable, for a one-off print should this session fail.</summary>
    public string ChromiumPath { get; }

    /// <summary>Whether this platform can run a session (it needs a POSIX shell to set up the pipe).</summary>
    public static bool IsSupported => !OperatingSystem.IsWindows() && File.Exists("/bin/sh");

    /// <summary>
    /// Starts the browser and opens an empty page in it, returning at once; null when a session
    /// cannot run here (the print then starts a browser of its own, as without a session).
    /// </summary>
    public static ChromiumSession? TryStart(string chromium) => TryStart(chromium, TimeSpan.FromSeconds(30));

    /// <param name="chromium">The browser executable.</param>
    /// <param name="readyTimeout">How long a print waits for a browser that has not yet opened its page before giving up on the session.</param>
    internal static ChromiumSession? TryStart(string chromium, TimeSpan readyTimeout)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        if (!IsSupported)
        {
            return null;
        }
        try
        {
            return new ChromiumSession(chromium, readyTimeout);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Loads <paramref name="htmlPath"/> and prints it to <paramref name="pdfPath"/> (atomically), within <paramref name="timeout"/> including any start-up still under way.</summary>
    public PdfResult Print(string htmlPath, string pdfPath, TimeSpan timeout)
    {
        string pdf = Path.GetFullPath(pdfPath);
        string temp = Path.Combine(Path.GetDirectoryName(pdf)!, $".{Path.GetFileName(pdf)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            byte[] bytes = PrintAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, cancel.Token).GetAwaiter().GetResult();
            File.WriteAllBytes(temp, PdfDates.Normalize(bytes));
            File.Move(temp, pdf, overwrite: true);
            return PdfResult.Ok;
        }
        catch (OperationCanceledException)
        {
            // A browser that hangs may not quit when its pipe closes either: it is stopped here, as a
            // one-off print's is, or it printed on after Planner had exited (a stand-in that slept).
            Terminate();
            return PdfResult.Failed(string.Create(CultureInfo.InvariantCulture, $"{ChromiumPath} did not finish printing within {timeout.TotalSeconds:0} s")) with { TimedOut = true };
        }
        catch (Exception e) when (e is ChromiumSessionException or IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return PdfResult.Failed($"{ChromiumPath}: {e.Message}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Tells the browser to quit and closes the pipe, without waiting: the shell that started
    /// the browser deletes its profile once it has exited.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _closedBecause ??= "the session was closed";
        try
        {
            Send("Browser.close", null, null);
        }
        catch (ChromiumSessionException)
        {
        }
        try
        {
            _commands.Dispose();
        }
        catch (IOException)
        {
        }
        _process.Dispose();
    }

    /// <summary>
    /// Sends SIGTERM to the launcher shell, which passes it on to the browser and deletes the
    /// profile once the browser has gone (<see cref="PipeLauncher"/>); SIGKILL would leave both.
    /// </summary>
    private void Terminate()
    {
        try
        {
            var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-TERM");
            start.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
            using Process? kill = Process.Start(start);
            kill?.WaitForExit(2000);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No kill command, or the shell has already gone: nothing left to stop.
        }
    }

    private async Task<string> OpenPageAsync()
    {
        JsonElement target = await CallAsync("Target.createTarget", new() { ["url"] = "about:blank" }, null, CancellationToken.None).ConfigureAwait(false);
        string targetId = target.GetProperty("targetId").GetString()!;
        JsonElement attached = await CallAsync("Target.attachToTarget", new() { ["targetId"] = targetId, ["flatten"] = true }, null, CancellationToken.None).ConfigureAwait(false);
        string session = attached.GetProperty("sessionId").GetString()!;
        await CallAsync("Page.enable", null, session, CancellationToken.None).ConfigureAwait(false);
        return session;
    }

    private async Task<byte[]> PrintAsync(string url, CancellationToken cancel)
    {
        string session;
        try
        {
            // The browser has had the whole simulation to start; one that has not opened a page
            // by now will not, and a one-off print should not wait for the full time limit.
            session = await _page.WaitAsync(_readyTimeout, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ChromiumSessionException(string.Create(CultureInfo.InvariantCulture, $"the browser did not open a page within {_readyTimeout.TotalSeconds:0.#} s"));
        }
        // Listen before navigating, so that the load event cannot come first.
        var loaded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _events[session + "/Page.loadEventFired"] = loaded;
        if (_readerFinished)
        {
            FailWaiters();
        }
        JsonElement navigated = await CallAsync("Page.navigate", new() { ["url"] = url }, session, cancel).ConfigureAwait(false);
        if (navigated.TryGetProperty("errorText", out JsonElement error))
        {
            throw new ChromiumSessionException($"could not load {url}: {error.GetString()}");
        }
        await loaded.Task.WaitAsync(cancel).ConfigureAwait(false);
        // What --print-to-pdf --no-pdf-header-footer --disable-pdf-tagging asks for.
        JsonElement printed = await CallAsync("Page.printToPDF", new()
        {
            ["displayHeaderFooter"] = false,
            ["generateTaggedPDF"] = false,
            ["printBackground"] = true,
            ["preferCSSPageSize"] = true,
        }, session, cancel).ConfigureAwait(false);
        byte[] bytes = Convert.FromBase64String(printed.GetProperty("data").GetString() ?? "");
        if (bytes.Length < 5 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            throw new ChromiumSessionException("the browser returned something that is not a PDF");
        }
        return bytes;
    }

    private async Task<JsonElement> CallAsync(string method, Dictionary<string, object>? parameters, string? session, CancellationToken cancel)
    {
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id = Interlocked.Increment(ref _nextId);
        _replies[id] = reply;
        try
        {
            if (_readerFinished)
            {
                FailWaiters();
            }
            Send(method, parameters, session, id);
            return await reply.Task.WaitAsync(cancel).ConfigureAwait(false);
        }
        finally
        {
            _replies.TryRemove(id, out _);
        }
    }

    private void Send(string method, Dictionary<string, object>? parameters, string? session, int id = 0)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id == 0 ? Interlocked.Increment(ref _nextId) : id);
            json.WriteString("method", method);
            if (session is not null)
            {
                json.WriteString("sessionId", session);
            }
            json.WriteStartObject("params");
            foreach ((string name, object value) in parameters ?? [])
            {
                switch (value)
                {
                    case bool b:
                        json.WriteBoolean(name, b);
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        try
        {
            lock (_sendGate)
            {
                _commands.Write(buffer.WrittenSpan);
                _commands.WriteByte(0);
                _commands.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new ChromiumSessionException(WhyClosed());
        }
    }

    /// <summary>Splits the browser's output into messages (each ends with a zero byte) and hands each to its waiter.</summary>
    private void ReadReplies(Stream replies)
    {
        var message = new ArrayBufferWriter<byte>();
        byte[] chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = replies.Read(chunk, 0, chunk.Length)) > 0)
            {
                ReadOnlySpan<byte> rest = chunk.AsSpan(0, read);
                int end;
                while ((end = rest.IndexOf((byte)0)) >= 0)
                {
                    message.Write(rest[..end]);
                    Dispatch(message.WrittenSpan);
                    message.ResetWrittenCount();
                    rest = rest[(end + 1)..];
                }
                message.Write(rest);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            _closedBecause ??= "the browser sent a message that is not DevTools protocol JSON";
        }
        _closedBecause ??= "the browser exited";
        _readerFinished = true;
        FailWaiters();
    }

    /// <summary>Once the replies have stopped, every waiter (and any that registers later) fails with the reason.</summary>
    private void FailWaiters()
    {
        var closed = new ChromiumSessionException(WhyClosed());
        foreach (TaskCompletionSource<JsonElement> waiter in _replies.Values)
        {
            waiter.TrySetException(closed);
        }
        foreach (TaskCompletionSource<bool> waiter in _events.Values)
        {
            waiter.TrySetException(closed);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> utf8)
    {
        using JsonDocument document = JsonDocument.Parse(utf8.ToArray());
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("id", out JsonElement idElement) && idElement.TryGetInt32(out int id))
        {
            if (!_replies.TryGetValue(id, out TaskCompletionSource<JsonElement>? reply))
            {
                return;
            }
            if (root.TryGetProperty("error", out JsonElement error))
            {
                string text = error.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? "" : error.GetRawText();
                reply.TrySetException(new ChromiumSessionException($"the browser refused a command: {text}"));
            }
            else
            {
                reply.TrySetResult(root.TryGetProperty("result", out JsonElement result) ? result.Clone() : default);
            }
        }
        else if (root.TryGetProperty("method", out JsonElement method))
        {
            string session = root.TryGetProperty("sessionId", out JsonElement s) ? s.GetString() ?? "" : "";
            if (_events.TryRemove(session + "/" + method.GetString(), out TaskCompletionSource<bool>? waiter))
            {
                waiter.TrySetResult(true);
            }
        }
    }

    private string WhyClosed()
    {
        string why = _closedBecause ?? "the browser closed its pipe";
        try
        {
            if (_process.HasExited)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"the browser exited with code {_process.ExitCode}");
            }
        }
        catch (InvalidOperationException)
        {
            // The session was closed meanwhile; the reason above stands.
        }
        return _lastError.Value is string line ? $"{why}: {line}" : why;
    }

    /// <summary>A failure of the session itself (the browser exited or refused a command), for the user in one line.</summary>
    private sealed class ChromiumSessionException(string message) : Exception(message);
}
