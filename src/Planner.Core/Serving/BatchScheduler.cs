using System.Diagnostics;
using Planner.Core.Engine;
using Planner.Core.Metrics;
using Planner.Core.Specs;

namespace Planner.Core.Serving;

/// <summary>
/// The iteration-level inference engine of each replica, as vLLM runs it.
/// <para>
/// Each step admits waiting requests while batch slots, the step's token budget and free KV
/// cache (the request's whole prompt) allow. With mixed batches (vLLM's V1 scheduler,
/// TensorRT-LLM's in-flight batching) it runs every decoding sequence one token forward and fills
/// the rest of the token budget with prompts; without (SGLang's default), a step with prompts to
/// prefill is prefill-only and pauses decoding. With chunked prefill a prompt is cut to what the
/// budget leaves; without, each prompt goes whole into one step (one larger than the budget
/// alone). A request's first token comes at the end of the step that
/// finishes its prompt; the cached share of a prompt skips prefill when prefix caching is on.
/// When a decode step would overrun the KV cache, the newest running request is preempted and
/// later recomputed (prompt plus what it had generated). KV use counts every held token plus half
/// a 16-token block of fragmentation per sequence.
/// </para>
/// <para>
/// Runs of decode-only steps with nothing to decide are simulated as one event: the steps until
/// the next sequence finishes (or the KV cache would fill), each timed at the run's mean context,
/// which is exact for step times linear in context. A request that arrives mid-run and could be
/// admitted cuts the run at the next step boundary, so batching stays step-exact.
/// </para>
/// </summary>
internal sealed class BatchScheduler
{
    private const double FragmentationTokensPerSequence = ReplicaFootprint.BlockTokens / 2.0;
    private readonly ServingEngineSpec _engine;
    private readonly IPerformanceProfile _profile;
    private readonly SimulationContext _ctx;
    private readonly long _kvCapacityTokens;
    private readonly Router _router;
    private readonly bool _mixed;
    private readonly bool _reserveOutput;

    public BatchScheduler(ServingEngineSpec engine, IPerformanceProfile profile, SimulationContext context, long kvCapacityTokens, Router router)
    {
        _engine = engine;
        _profile = profile;
        _ctx = context;
        _kvCapacityTokens = kvCapacityTokens;
        _router = router;
        _mixed = engine.PrefillSharesSteps;
        _reserveOutput = engine.ReserveOutputKv;
    }

    /// <summary>Set once by the fleet: who is told that a request has finished.</summary>
    public ReplicaPool Pool { get; set; } = null!;

    /// <summary>A request was queued at <paramref name="r"/>: start a step if it is idle, or end a decode run early if the request could join.</summary>
    public void WorkArrived(Replica r, int id)
    {
        if (!r.Busy && !r.Kicked)
        {
            // Start the step after everything else due at this instant, so simultaneous arrivals share it.
            r.Kicked = true;
            r.Version++;
            _ctx.Queue.Schedule(new SimEvent(_ctx.Now, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Control);
        }
        else if (r.StepCount > 1 && CanAdmit(r, id))
        {
            CutRun(r);
        }
    }

    /// <summary>The replica's step (or deferred step start) is due.</summary>
    public void Progress(Replica r)
    {
        if (r.Busy)
        {
            FinishStep(r);
        }
        else if (r.Kicked)
        {
            r.Kicked = false;
            StartStep(r);
        }
    }

    private bool CanAdmit(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        int sequences = r.Running.Count + r.Prefilling.Count;
        double fragmentation = (sequences + 1) * FragmentationTokensPerSequence;
        return sequences < _engine.MaxConcurrentSequences
            && (_reserveOutput
                ? r.WholeRequestReservedTokens + fragmentation + WholeRequestTokens(t, id) <= _kvCapacityTokens
                : r.KvTokensInUse + fragmentation + t[id].PromptTokens <= _kvCapacityTokens);
    }

    /// <summary>Composes and starts the replica's next step, or leaves it idle.</summary>
    private void StartStep(Replica r)
    {
        RequestTable t = _ctx.Requests;
        int running = r.Running.Count;
        // A mixed step's budget counts its decode tokens too; a prefill-only step has it all.
        int budget = _mixed ? _engine.MaxBatchedTokens - running : _engine.MaxBatchedTokens;
        long queuedPromptTokens = 0;
        for (int i = 0; i < r.Prefilling.Count; i++)
        {
            int p = r.Prefilling[i];
            queuedPromptTokens += t[p].PromptTokens - t[p].Prefilled;
        }
        // Admission, oldest first; preempted requests sit at the front of the queue. While the
        // window drains, only into a replica's first step after its end: what had arrived to wait
        // for that step (the replica's room, not a backlog) joins it; a backlog stays unfinished.
        bool admits = !_ctx.Draining || r.StepStart < _ctx.DrainFrom;
        while (admits && r.Waiting.Count > 0 && queuedPromptTokens < Math.Max(1, budget))
        {
            int id = r.Waiting.PeekFront();
            if (!CanAdmit(r, id))
            {
                break;
            }
            if (!_engine.ChunkedPrefill && r.Prefilling.Count > 0 && queuedPromptTokens + t[id].PromptTokens > budget)
            {
                break;
            }
            r.PopWaiting(t);
            _router.LeaveQueue(id);
            if (_reserveOutput)
            {
                t[id].ReservedTokens = (int)WholeRequestTokens(t, id);
                r.WholeRequestReservedTokens += t[id].ReservedTokens;
            }
            ref InFlightRequest q = ref t[id];
            double queued = _ctx.Now - q.EnqueuedAt;
            _ctx.Metrics.CapacityQueueWaitSeconds += q.Weight * queued;
            if (queued >= WindowMetrics.CapacityQueueThresholdSeconds)
            {
                _ctx.Metrics.CapacityQueueWaits += q.Weight;
                if ((q.Flags & RequestTable.HeldForReplica) != 0)
                {
                    _ctx.Metrics.ReplicaStartWaits += q.Weight;
                    _ctx.Metrics.ReplicaStartWaitSeconds += q.Weight * queued;
                }
            }
            // Held this time only: a request preempted or requeued later waits afresh.
            q.Flags &= unchecked((byte)~RequestTable.HeldForReplica);
            q.Phase = RequestTable.PhasePrefilling;
            q.Prefilled = _engine.PrefixCaching ? Math.Min(q.Cached, q.PromptTokens - 1) : 0;
            r.PrefillReservedTokens += q.PromptTokens;
            r.Prefilling.Add(id);
            queuedPromptTokens += q.PromptTokens - q.Prefilled;
        }

        r.ChunkIds.Clear();
        r.ChunkTokens.Clear();
        int prefillTokens = 0;
        long pairs = 0;
        bool decodes = running > 0 && (_mixed || r.Prefilling.Count == 0);
        if (r.Prefilling.Count > 0 && (budget > 0 || !decodes))
        {
            int room = Math.Max(budget, 1);
            foreach (int p in r.Prefilling)
            {
                int remaining = t[p].PromptTokens - t[p].Prefilled;
                int chunk = _engine.ChunkedPrefill ? Math.Min(remaining, room - prefillTokens) : remaining;
                if (chunk <= 0)
                {
                    break;
                }
                r.ChunkIds.Add(p);
                r.ChunkTokens.Add(chunk);
                pairs += (long)chunk * t[p].Prefilled + (long)chunk * (chunk + 1) / 2;
                prefillTokens += chunk;
            }
        }
        if (prefillTokens == 0 && running == 0)
        {
            r.Busy = false;
            return;
        }

        int steps = 1;
        double kvInUse;
        if (decodes)
        {
            // Make room for this step's new tokens, preempting the newest sequences if need be.
            while (r.Running.Count > 0 && r.KvTokensInUse + r.Running.Count + (r.Running.Count + r.Prefilling.Count) * FragmentationTokensPerSequence > _kvCapacityTokens)
            {
                Preempt(r);
            }
            kvInUse = r.KvTokensInUse;
            running = r.Running.Count;
            decodes = running > 0;
            if (decodes && prefillTokens == 0)
            {
                r.Running.TryPeek(out _, out double finish);
                double toFinish = Math.Max(1, Math.Round(finish - r.Steps));
                double headroom = _kvCapacityTokens - kvInUse - running * FragmentationTokensPerSequence;
                double kvSteps = Math.Max(1, Math.Floor(headroom / running));
                steps = (int)Math.Min(Math.Min(toFinish, kvSteps), int.MaxValue);
            }
            if (!decodes && prefillTokens == 0)
            {
                StartStep(r);
                return;
            }
        }
        else
        {
            kvInUse = r.KvTokensInUse;
        }
        long context = decodes ? (long)Math.Round(r.SumPromptTokens + running * (r.Steps + 1) - r.SumStartSteps) : 0;
        double stepSeconds = _profile.StepSeconds(new StepShape(prefillTokens, pairs, decodes ? running : 0, context));
        if (steps > 1)
        {
            // Each step adds one token per sequence; the mean of the first and last step's times is
            // the run's mean step time, exactly so when step time is linear in context.
            stepSeconds = (stepSeconds + _profile.StepSeconds(new StepShape(0, 0, running, context + (long)running * (steps - 1)))) / 2;
        }
        r.Busy = true;
        r.StepStart = _ctx.Now;
        r.StepSeconds = stepSeconds;
        r.StepCount = steps;
        r.StepDecodes = decodes;
        r.StepBatch = (decodes ? running : 0) + r.ChunkIds.Count;
        r.StepKvUtilization = kvInUse / _kvCapacityTokens;
        r.Version++;
        _ctx.Queue.Schedule(new SimEvent(_ctx.Now + steps * stepSeconds, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
    }

    /// <summary>Shortens a run of decode steps to end at the next step boundary.</summary>
    private void CutRun(Replica r)
    {
        int done = (int)Math.Floor((_ctx.Now - r.StepStart) / r.StepSeconds);
        int steps = Math.Clamp(done + 1, 1, r.StepCount);
        if (steps == r.StepCount)
        {
            return;
        }
        r.StepCount = steps;
        r.Version++;
        _ctx.Queue.Schedule(new SimEvent(r.StepStart + steps * r.StepSeconds, EventKind.ReplicaProgress, r.Id, r.Version), EventPhase.Completion);
    }

    private void FinishStep(Replica r)
    {
        RequestTable t = _ctx.Requests;
        double duration = _ctx.Now - r.StepStart;
        WindowMetrics m = _ctx.Metrics;
        double w = duration * _ctx.Weight;
        m.BatchSizeSeconds[Math.Min(r.StepBatch, WindowMetrics.BatchBuckets - 1)] += w;
        m.KvUtilizationSeconds[(int)Math.Clamp(Math.Round(r.StepKvUtilization / WindowMetrics.KvBucketWidth), 0, WindowMetrics.KvBuckets - 1)] += w;
        r.Busy = false;
        if (r.StepDecodes)
        {
            r.Steps += r.StepCount;
            // Every running sequence got one token a step: each gap is one step's time.
            int decoding = r.StepBatch - r.ChunkIds.Count;
            m.InterTokenLatency.Record(duration / r.StepCount, _ctx.Weight * decoding * r.StepCount);
        }
        // Chunks go to the prefilling requests in order and only the last can be partial, so the
        // requests whose prompts are done are the first ones of the list: they leave it at once.
        int prefilled = 0;
        for (int i = 0; i < r.ChunkIds.Count; i++)
        {
            int id = r.ChunkIds[i];
            ref InFlightRequest q = ref t[id];
            q.Prefilled += r.ChunkTokens[i];
            if (q.Prefilled < q.PromptTokens)
            {
                continue;
            }
            Debug.Assert(r.Prefilling[prefilled] == id, "prompts finish in the order they started");
            prefilled++;
            r.PrefillReservedTokens -= q.PromptTokens;
            if (double.IsNaN(q.FirstTokenAt))
            {
                q.FirstTokenAt = _ctx.Now;
            }
            q.Generated++;
            if (q.Generated >= q.Output)
            {
                Release(r, id);
                Pool.Finished(r, id);
                continue;
            }
            q.Phase = RequestTable.PhaseRunning;
            q.DecodeStartStep = r.Steps;
            r.SumPromptTokens += q.PromptTokens;
            r.SumStartSteps += r.Steps;
            r.Running.Enqueue(id, r.Steps + q.Output - q.Generated);
            LinkRunning(r, id);
        }
        r.Prefilling.RemoveRange(0, prefilled);
        while (r.Running.TryPeek(out int id, out double finish) && finish <= r.Steps + 1e-9)
        {
            r.Running.Dequeue();
            UnlinkRunning(r, id);
            ref InFlightRequest q = ref t[id];
            r.SumPromptTokens -= q.PromptTokens;
            r.SumStartSteps -= q.DecodeStartStep;
            q.Generated = q.Output;
            Release(r, id);
            Pool.Finished(r, id);
        }
        if (r.State != ReplicaState.Stopped)
        {
            StartStep(r);
        }
    }

    /// <summary>What a request reserves under <see cref="ServingEngineSpec.ReserveOutputKv"/>: its prompt and the output it has yet to generate.</summary>
    private static long WholeRequestTokens(RequestTable t, int id) => t[id].PromptTokens + t[id].Output - t[id].Generated;

    /// <summary>Gives back what a finished (or preempted) request reserved at admission.</summary>
    private void Release(Replica r, int id)
    {
        if (_reserveOutput)
        {
            r.WholeRequestReservedTokens -= _ctx.Requests[id].ReservedTokens;
        }
    }

    /// <summary>Appends a request that starts decoding to the replica's running list (newest last).</summary>
    private void LinkRunning(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        t[id].OlderRunning = r.NewestRunning;
        t[id].NewerRunning = -1;
        if (r.NewestRunning >= 0)
        {
            t[r.NewestRunning].NewerRunning = id;
        }
        r.NewestRunning = id;
    }

    /// <summary>Takes a request that stops running (finished or preempted) out of the replica's running list.</summary>
    private void UnlinkRunning(Replica r, int id)
    {
        RequestTable t = _ctx.Requests;
        int older = t[id].OlderRunning;
        int newer = t[id].NewerRunning;
        if (older >= 0)
        {
            t[older].NewerRunning = newer;
        }
        if (newer >= 0)
        {
            t[newer].OlderRunning = older;
        }
        else
        {
            r.NewestRunning = older;
        }
    }

    private void Preempt(Replica r)
    {
        RequestTable t = _ctx.Requests;
        // The newest running sequence is preempted first.
        int id = r.NewestRunning;
        UnlinkRunning(r, id);
        r.Running.Remove(id, out _, out _);
        ref InFlightRequest q = ref t[id];
        r.SumPromptTokens -= q.PromptTokens;
        r.SumStartSteps -= q.DecodeStartStep;
        Release(r, id);
        q.Generated += (int)Math.Round(r.Steps - q.DecodeStartStep);
        q.PromptTokens = q.Input + q.Generated;
        q.Prefilled = 0;
        _ctx.Metrics.Preemptions += q.Weight;
        _router.EnterQueue(id);
        r.PushWaiting(t, id, front: true);
    }
}
