using System.Diagnostics;

namespace Planner.Reports.Pdf;

/// <summary>
/// Prints an HTML file to PDF with headless Chromium, kept off the network by its flags and a
/// fresh profile. The PDF goes to a temporary file beside the target and is moved into place
/// only when complete, so a failed or timed-out print never leaves a torn report.pdf.
/// </summary>
public static class ChromiumPdfPrinter
{
    /// <summary>The flags that keep headless Chromium from any network traffic of its own.</summary>
    public static IReadOnlyList<string> OfflineFlags { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>
    /// Runs the browser (the arguments after the profile folder) and deletes the profile once it has
    /// exited, whatever ends it. Chromium sits in a process group of its own once it starts, so a
    /// Ctrl+C or a SIGTERM that stops Planner would leave it printing, with its profile in the
    /// temporary folder (an interrupted <c>planner report</c> left browser trees running under PID 1):
    /// this shell passes INT, TERM and HUP on to the browser, and a watcher reading the shell's
    /// input, which Planner holds open until the print is done, stops the browser when Planner goes.
    /// </summary>
    internal const string Launcher = """
        profile=$1; shift
        exec 3<&0 0</dev/null
        pid= stop=
        trap 'stop=1; [ -n "$pid" ] && kill $pid 2>/dev/null' INT TERM HUP
        "$@" 3<&- &
        pid=$!
        [ -n "$stop" ] && kill $pid 2>/dev/null
        (trap - INT TERM HUP; cat <&3; kill $pid) >/dev/null 2>&1 &
        exec 3<&-
        watcher=$!
        while :; do
            wait $pid
            status=$?
            kill -0 $pid 2>/dev/null || break
        done
        kill $watcher 2>/dev/null
        rm -rf "$profile"
        exit $status
        """;

    /// <summary>How long, once the browser has exited or been killed, its output may take to close.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    public static PdfResult Print(string chromium, string htmlPath, string pdfPath, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        string html = Path.GetFullPath(htmlPath);
        string pdf = Path.GetFullPath(pdfPath);
        string directory = Path.GetDirectoryName(pdf)!;
        string temp = Path.Combine(directory, $".{Path.GetFileName(pdf)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string profile = Path.Combine(Path.GetTempPath(), "planner-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            bool launched = ChromiumSession.IsSupported;
            var start = new ProcessStartInfo(launched ? "/bin/sh" : chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            if (launched)
            {
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(Launcher);
                start.ArgumentList.Add("planner-chromium");
                start.ArgumentList.Add(profile);
                start.ArgumentList.Add(chromium);
            }
            foreach (string flag in OfflineFlags)
            {
                start.ArgumentList.Add(flag);
            }
            start.ArgumentList.Add("--user-data-dir=" + profile);
            start.ArgumentList.Add("--no-pdf-header-footer");
            // A tagged PDF gives every table cell its own structure object: seven times the size
            // for the monthly appendix. The HTML report is the accessible version.
            start.ArgumentList.Add("--disable-pdf-tagging");
            start.ArgumentList.Add("--print-to-pdf=" + temp);
            start.ArgumentList.Add(new Uri(html).AbsoluteUri);

            using var process = new Process { StartInfo = start };
            var lastError = new LastLine();
            process.ErrorDataReceived += (_, e) => lastError.Offer(e.Data);
            process.OutputDataReceived += (_, _) => { };
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return PdfResult.Failed($"could not start {chromium}: {e.Message}");
            }
            // Without the launcher the browser gets no input; with it, its watcher holds the input
            // open until this process closes it (below) or dies.
            if (!launched)
            {
                process.StandardInput.Close();
            }
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            bool finished = process.WaitForExit(timeout);
            if (launched)
            {
                process.StandardInput.Close();
            }
            if (!finished)
            {
                process.Kill(entireProcessTree: true);
                // A child the browser left (reparented, so out of the tree Kill sees) may hold its
                // output open: waiting for that to close waited as long as the child lived (a stand-in
                // browser's `sleep 600` kept `planner report` for 10 minutes past its 90 s limit).
                process.WaitForExit(OutputGrace);
                return PdfResult.Failed(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{chromium} did not finish printing within {timeout.TotalSeconds:0} s"));
            }
            process.WaitForExit(OutputGrace);
            if (process.ExitCode != 0 || !LooksLikePdf(temp))
            {
                return PdfResult.Failed(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{chromium} exited with code {process.ExitCode} without writing a PDF{(lastError.Value is string l ? ": " + l : "")}"));
            }
            // The same report gives the same bytes: the print's own dates are replaced by a fixed one.
            File.WriteAllBytes(temp, PdfDates.Normalize(File.ReadAllBytes(temp)));
            File.Move(temp, pdf, overwrite: true);
            return PdfResult.Ok;
        }
        finally
        {
            TryDelete(() => File.Delete(temp));
            TryDelete(() => Directory.Delete(profile, recursive: true));
        }
    }

    private static bool LooksLikePdf(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        using FileStream stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[5];
        return stream.ReadAtLeast(head, 5, throwOnEndOfStream: false) == 5 && head.SequenceEqual("%PDF-"u8);
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
