#!/usr/bin/env python3
"""Per-request lengths of `sglang.bench_serving --dataset-name random`, rebuilt without NumPy.

SGLang's random dataset (python/sglang/bench_serving.py, sample_random_requests, 2025) seeds
NumPy's legacy generator with `np.random.seed(args.seed)` (default 1) and draws

    input_lens  = np.random.randint(max(int(input_len * range_ratio), 1), input_len + 1, size=n)
    output_lens = np.random.randint(int(output_len * range_ratio), output_len + 1, size=n)

(default range ratio 0.0: inputs uniform in [1, X], outputs in [0, Y]). NumPy's legacy
RandomState is MT19937 seeded by init_genrand for an integer seed, and its randint for a
range below 2**32 takes 32-bit outputs masked to the range's bit width, rejecting those above
it. This script reproduces both so that `published.csv` can name the lengths a run drew.

Check against a run: the published input and output token throughputs of one run share its
duration, so their ratio is total input tokens / total output tokens of the draw.

Usage: sglang_random_lengths.py INPUT_LEN OUTPUT_LEN NUM_PROMPTS [RANGE_RATIO] [SEED] > file.csv
"""
import sys


class LegacyMt19937:
    """MT19937 (Matsumoto and Nishimura, 1998) as NumPy's legacy RandomState seeds it from an int."""

    def __init__(self, seed: int):
        self.state = [0] * 624
        self.state[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            prev = self.state[i - 1]
            self.state[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF
        self.index = 624

    def _twist(self):
        s = self.state
        for k in range(624):
            y = (s[k] & 0x80000000) | (s[(k + 1) % 624] & 0x7FFFFFFF)
            s[k] = s[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
        self.index = 0

    def next_u32(self) -> int:
        if self.index >= 624:
            self._twist()
        y = self.state[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF

    def randint(self, low: int, high: int, n: int) -> list:
        """n integers in [low, high), as RandomState.randint draws them (masked rejection)."""
        span = high - low - 1
        if span == 0:
            return [low] * n
        mask = span
        for shift in (1, 2, 4, 8, 16):
            mask |= mask >> shift
        out = []
        for _ in range(n):
            while True:
                value = self.next_u32() & mask
                if value <= span:
                    break
            out.append(low + value)
        return out


def draw(input_len: int, output_len: int, n: int, range_ratio: float = 0.0, seed: int = 1):
    rng = LegacyMt19937(seed)
    inputs = rng.randint(max(int(input_len * range_ratio), 1), input_len + 1, n)
    outputs = rng.randint(int(output_len * range_ratio), output_len + 1, n)
    return inputs, outputs


def main(argv):
    if len(argv) not in (4, 5, 6):
        sys.exit(__doc__.strip().splitlines()[-1])
    input_len, output_len, n = int(argv[1]), int(argv[2]), int(argv[3])
    ratio = float(argv[4]) if len(argv) > 4 else 0.0
    seed = int(argv[5]) if len(argv) > 5 else 1
    inputs, outputs = draw(input_len, output_len, n, ratio, seed)
    print("input_tokens,output_tokens")
    for i, o in zip(inputs, outputs):
        print(f"{i},{o}")


if __name__ == "__main__":
    main(sys.argv)
