using System.Diagnostics;
using System.Globalization;

namespace Planner.Cli.Console;

/// <summary>
/// Progress of long work where there is no terminal to draw a bar on (output piped or redirected,
/// CI): a line on stderr each time another tenth is done, and at least every few seconds while the
/// work runs, so a log shows that it moves and how far it got. Reports may come from worker threads.
/// Where the work grows as it goes (the optimizer's repairs add simulations), the share done can
/// fall: the line then says how much was added since the first report, so that it reads as more
/// work rather than lost progress.
/// </summary>
public sealed class ProgressLines : IProgress<(int Done, int Total)>, IDisposable
{
    /// <summary>The longest silence while work runs.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly string _label;
    private readonly string _unit;
    private readonly TimeSpan _interval;
    private readonly Func<TimeSpan> _elapsed;
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private int _done;
    private int _total;
    private int _firstTotal;
    private int _lastTenth = -1;
    private TimeSpan _lastLine;
    private bool _finished;

    /// <param name="writer">Where the lines go (stderr).</param>
    /// <param name="label">What is being done, for example "simulating 4 options × 36 months".</param>
    /// <param name="unit">What is counted, for example "windows".</param>
    /// <param name="interval">The longest silence; <see cref="DefaultInterval"/> when null.</param>
    /// <param name="elapsed">The clock (tests pass their own, and then no timer runs); a stopwatch when null.</param>
    public ProgressLines(TextWriter writer, string label, string unit, TimeSpan? interval = null, Func<TimeSpan>? elapsed = null)
    {
        _writer = writer;
        _label = label;
        _unit = unit;
        _interval = interval ?? DefaultInterval;
        if (elapsed is null)
        {
            var watch = Stopwatch.StartNew();
            _elapsed = () => watch.Elapsed;
            _timer = new Timer(_ => Tick(), null, _interval, _interval);
        }
        else
        {
            _elapsed = elapsed;
        }
    }

    public void Report((int Done, int Total) value)
    {
        lock (_gate)
        {
            _done = Math.Max(_done, value.Done);
            _total = value.Total;
            if (_firstTotal <= 0)
            {
                _firstTotal = value.Total;
            }
            int tenth = _total > 0 ? (int)(10L * Math.Min(_done, _total) / _total) : 0;
            if (tenth > _lastTenth || _elapsed() - _lastLine >= _interval)
            {
                Write(tenth);
            }
        }
    }

    /// <summary>Writes the state again if nothing was written for the interval (the timer calls this while work runs).</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (!_finished && _elapsed() - _lastLine >= _interval)
            {
                Write(_total > 0 ? (int)(10L * Math.Min(_done, _total) / _total) : 0);
            }
        }
    }

    /// <summary>Writes the closing line with the time taken; later reports are ignored.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }
            _finished = true;
            _timer?.Dispose();
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_label}: done in {_elapsed().TotalSeconds:0.0} s"));
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _finished = true;
        }
    }

    private void Write(int tenth)
    {
        if (_finished)
        {
            return;
        }
        _lastTenth = Math.Max(_lastTenth, tenth);
        _lastLine = _elapsed();
        string added = _firstTotal > 0 && _total > _firstTotal
            ? string.Create(CultureInfo.InvariantCulture, $"; {_total - _firstTotal:#,##0} added since the start")
            : "";
        string progress = _total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{100L * Math.Min(_done, _total) / _total}% ({_done:#,##0} of {_total:#,##0} {_unit}{added})")
            : "starting";
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_label}: {progress}, {_lastLine.TotalSeconds:0} s"));
        _writer.Flush();
    }
}
