"""Measures what a GPU reaches, for Planner's step-time model: matrix throughput at the shapes of
Llama 3.1 8B and 70B layers (BF16 and FP8), memory bandwidth, attention (prefill and decode), and
whole Llama-3.1-8B-shaped forward steps (random weights) in PyTorch, prefill eagerly and decode
replayed from a CUDA graph as serving engines do.

Usage: python3 calibration/gpu/ceilings.py OUT_DIR   (needs PyTorch with CUDA; a few minutes)

Every figure is the median of timed repetitions after warm-up, from CUDA events. Writes
environment.json, gemm.csv, bandwidth.csv, attention.csv and llama8b_steps.csv into OUT_DIR.
This is PyTorch, not a serving engine: the step times bound what an engine reaches from below
(no fused kernels beyond PyTorch's own), and the GEMM and bandwidth ceilings are the hardware's.
"""
import csv
import json
import os
import platform
import subprocess
import sys
import time
import traceback

import torch
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "out"
os.makedirs(OUT, exist_ok=True)
DEV = torch.device("cuda")
torch.backends.cuda.matmul.allow_tf32 = False


def timed(fn, warmup=3, reps=20, min_ms=30.0):
    """Median milliseconds of fn() over repetitions (more of them for very short calls)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    fn()
    end.record()
    torch.cuda.synchronize()
    once = max(start.elapsed_time(end), 1e-3)
    reps = max(reps, min(2000, int(min_ms / once)))
    times = []
    for _ in range(reps):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        fn()
        e.record()
        torch.cuda.synchronize()
        times.append(s.elapsed_time(e))
    times.sort()
    return times[len(times) // 2], reps


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def section(name, body):
    t0 = time.time()
    try:
        body()
        print(f"{name}: done in {time.time() - t0:.1f} s", flush=True)
    except Exception:
        print(f"{name}: FAILED after {time.time() - t0:.1f} s", flush=True)
        traceback.print_exc()


def environment():
    props = torch.cuda.get_device_properties(0)
    smi = ""
    try:
        smi = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem,power.limit",
                              "--format=csv,noheader"], capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception as e:  # noqa: BLE001 - the record says what failed
        smi = f"nvidia-smi failed: {e}"
    env = {
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "gpu": props.name,
        "multiprocessors": props.multi_processor_count,
        "memory_gib": round(props.total_memory / 2**30, 1),
        "compute_capability": f"{props.major}.{props.minor}",
        "nvidia_smi": smi,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "python": platform.python_version(),
        "method": "median of CUDA-event timings after warm-up; random normal data; PyTorch eager (prefill) and CUDA-graph replay (decode)",
    }
    with open(os.path.join(OUT, "environment.json"), "w") as f:
        json.dump(env, f, indent=2)
    print(json.dumps(env), flush=True)


# (model, layer, in_features, out_features)
SHAPES = [
    ("llama-3.1-8b", "qkv", 4096, 6144), ("llama-3.1-8b", "o", 4096, 4096),
    ("llama-3.1-8b", "gate_up", 4096, 28672), ("llama-3.1-8b", "down", 14336, 4096),
    ("llama-3.1-70b", "qkv", 8192, 10240), ("llama-3.1-70b", "o", 8192, 8192),
    ("llama-3.1-70b", "gate_up", 8192, 57344), ("llama-3.1-70b", "down", 28672, 8192),
]
TOKENS = [1, 16, 64, 128, 256, 512, 1024, 2048, 4096, 8192]


def gemm():
    rows = []
    fp8 = hasattr(torch, "float8_e4m3fn") and hasattr(torch, "_scaled_mm")
    for model, layer, k, n in SHAPES:
        w = torch.randn(n, k, device=DEV, dtype=torch.bfloat16) / k**0.5
        w8 = w.to(torch.float8_e4m3fn) if fp8 else None
        one = torch.ones((), device=DEV, dtype=torch.float32)
        for m in TOKENS:
            x = torch.randn(m, k, device=DEV, dtype=torch.bfloat16)
            ms, reps = timed(lambda: torch.matmul(x, w.t()))
            flops = 2.0 * m * k * n
            bytes_moved = 2.0 * (m * k + k * n + m * n)
            rows.append([model, layer, "bf16", m, k, n, round(ms, 5), round(flops / ms / 1e9, 2), round(bytes_moved / ms / 1e6, 2), reps])
            if fp8 and m % 16 == 0:
                x8 = x.to(torch.float8_e4m3fn)
                try:
                    ms8, reps8 = timed(lambda: torch._scaled_mm(x8, w8.t(), scale_a=one, scale_b=one, out_dtype=torch.bfloat16))
                    rows.append([model, layer, "fp8", m, k, n, round(ms8, 5), round(flops / ms8 / 1e9, 2), round((m * k + k * n + 2 * m * n) / ms8 / 1e6, 2), reps8])
                except Exception as e:  # noqa: BLE001
                    print(f"fp8 {model} {layer} {m}: {e}", flush=True)
                    fp8 = False
            del x
        del w, w8
        torch.cuda.empty_cache()
    write_csv("gemm.csv", ["model", "layer", "precision", "tokens", "in_features", "out_features", "ms", "tflops", "gb_per_s", "repetitions"], rows)


def bandwidth():
    rows = []
    for gib in [1, 4]:
        n = gib * 2**30 // 2
        a = torch.randn(n, device=DEV, dtype=torch.bfloat16)
        b = torch.empty_like(a)
        ms, reps = timed(lambda: b.copy_(a))
        rows.append(["copy (read + write)", gib, round(ms, 4), round(2 * n * 2 / ms / 1e6, 1), reps])
        ms, reps = timed(lambda: a.sum(dtype=torch.float32))
        rows.append(["sum (read)", gib, round(ms, 4), round(n * 2 / ms / 1e6, 1), reps])
        del a, b
        torch.cuda.empty_cache()
    write_csv("bandwidth.csv", ["kernel", "gib", "ms", "gb_per_s", "repetitions"], rows)


def attention():
    rows = []
    heads, kv_heads, dim = 32, 8, 128
    for seq in [512, 1024, 2048, 4096, 8192]:
        q = torch.randn(1, heads, seq, dim, device=DEV, dtype=torch.bfloat16)
        k = torch.randn(1, kv_heads, seq, dim, device=DEV, dtype=torch.bfloat16)
        v = torch.randn_like(k)
        ms, reps = timed(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True))
        flops = 4.0 * heads * seq * seq * dim / 2
        rows.append(["prefill", 1, seq, seq, round(ms, 5), round(flops / ms / 1e9, 2), "", reps])
    for context in [512, 2048, 8192]:
        for batch in [1, 8, 32, 64, 128, 256]:
            if batch * context > 256 * 2048:
                continue
            q = torch.randn(batch, heads, 1, dim, device=DEV, dtype=torch.bfloat16)
            k = torch.randn(batch, kv_heads, context, dim, device=DEV, dtype=torch.bfloat16)
            v = torch.randn_like(k)
            ms, reps = timed(lambda: F.scaled_dot_product_attention(q, k, v, enable_gqa=True))
            kv_bytes = 2.0 * batch * kv_heads * context * dim * 2
            rows.append(["decode", batch, 1, context, round(ms, 5), "", round(kv_bytes / ms / 1e6, 1), reps])
            del q, k, v
        torch.cuda.empty_cache()
    write_csv("attention.csv", ["phase", "batch", "query_tokens", "context_tokens", "ms", "tflops", "kv_gb_per_s", "repetitions"], rows)


class Llama8B:
    """Llama 3.1 8B's shapes with random BF16 weights: 32 layers, hidden 4096, 32 heads, 8 KV heads, MLP 14336."""

    layers, hidden, heads, kv_heads, dim, mlp, vocab = 32, 4096, 32, 8, 128, 14336, 128256

    def __init__(self):
        g = lambda *s: (torch.randn(*s, device=DEV, dtype=torch.bfloat16) * 0.02)  # noqa: E731
        self.w = [dict(qkv=g(6144, 4096), o=g(4096, 4096), gate_up=g(28672, 4096), down=g(4096, 14336),
                       n1=torch.ones(4096, device=DEV, dtype=torch.bfloat16), n2=torch.ones(4096, device=DEV, dtype=torch.bfloat16))
                  for _ in range(self.layers)]
        self.head = g(self.vocab, 4096)

    @staticmethod
    def rms(x, w):
        return F.rms_norm(x, (x.shape[-1],), w, 1e-5)

    def layer_mlp(self, h, w):
        gu = F.linear(self.rms(h, w["n2"]), w["gate_up"])
        gate, up = gu.split(self.mlp, dim=-1)
        return h + F.linear(F.silu(gate) * up, w["down"])

    def prefill(self, x):
        """x: [tokens, hidden]; causal attention over the prompt itself."""
        t = x.shape[0]
        for w in self.w:
            qkv = F.linear(self.rms(x, w["n1"]), w["qkv"])
            q, k, v = qkv.split([4096, 1024, 1024], dim=-1)
            q = q.view(1, t, self.heads, self.dim).transpose(1, 2)
            k = k.view(1, t, self.kv_heads, self.dim).transpose(1, 2)
            v = v.view(1, t, self.kv_heads, self.dim).transpose(1, 2)
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
            x = x + F.linear(a.transpose(1, 2).reshape(t, 4096), w["o"])
            x = self.layer_mlp(x, w)
        return F.linear(self.rms(x[-1:], self.w[0]["n1"]), self.head)

    def decode(self, x, caches):
        """x: [batch, hidden], one new token per sequence attending to a full cache of each layer."""
        b = x.shape[0]
        for w, (kc, vc) in zip(self.w, caches):
            qkv = F.linear(self.rms(x, w["n1"]), w["qkv"])
            q, k, v = qkv.split([4096, 1024, 1024], dim=-1)
            kc[:, :, -1:, :] = k.view(b, self.kv_heads, 1, self.dim)
            vc[:, :, -1:, :] = v.view(b, self.kv_heads, 1, self.dim)
            a = F.scaled_dot_product_attention(q.view(b, self.heads, 1, self.dim), kc, vc, enable_gqa=True)
            x = x + F.linear(a.reshape(b, 4096), w["o"])
            x = self.layer_mlp(x, w)
        return F.linear(self.rms(x, self.w[0]["n1"]), self.head)


def llama_steps():
    model = Llama8B()
    rows = []
    with torch.inference_mode():
        for tokens in [128, 512, 1024, 2048, 4096]:
            x = torch.randn(tokens, 4096, device=DEV, dtype=torch.bfloat16)
            ms, reps = timed(lambda: model.prefill(x), warmup=2, reps=10)
            rows.append(["prefill", 1, tokens, tokens, round(ms, 4), "eager", reps])
            print(f"prefill {tokens}: {ms:.2f} ms", flush=True)
        for context in [1024, 4096]:
            for batch in [1, 8, 32, 64, 128, 256]:
                if batch * context > 256 * 1024:
                    continue
                caches = [(torch.randn(batch, 8, context, 128, device=DEV, dtype=torch.bfloat16) * 0.1,
                           torch.randn(batch, 8, context, 128, device=DEV, dtype=torch.bfloat16) * 0.1) for _ in range(model.layers)]
                x = torch.randn(batch, 4096, device=DEV, dtype=torch.bfloat16)
                stream = torch.cuda.Stream()
                stream.wait_stream(torch.cuda.current_stream())
                with torch.cuda.stream(stream):
                    for _ in range(2):
                        model.decode(x, caches)
                torch.cuda.current_stream().wait_stream(stream)
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph):
                    model.decode(x, caches)
                ms, reps = timed(graph.replay, warmup=3, reps=30)
                rows.append(["decode", batch, 1, context, round(ms, 4), "cuda graph", reps])
                print(f"decode batch {batch} context {context}: {ms:.3f} ms", flush=True)
                del caches, graph
                torch.cuda.empty_cache()
    write_csv("llama8b_steps.csv", ["phase", "batch", "query_tokens", "context_tokens", "ms", "execution", "repetitions"], rows)


if __name__ == "__main__":
    t0 = time.time()
    section("environment", environment)
    section("bandwidth", bandwidth)
    section("gemm", gemm)
    section("attention", attention)
    section("llama8b_steps", llama_steps)
    print(f"all done in {time.time() - t0:.1f} s", flush=True)
