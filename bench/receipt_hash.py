"""
What a receipt hash costs per submission and per guess on the tracking page.

    .venv/bin/python bench/receipt_hash.py

Times hash_secret (paid by every submission) and verify_secret (paid by every tracking
attempt, wrong or right) for the BLAKE2b records written now and for the scrypt records of
earlier databases, in this process, one call at a time.
"""

import statistics
import time
from collections.abc import Callable
from functools import partial

from amane.reports import receipt

RUNS = {0: 2000, 8: 200, 14: 30}


def _per_call_ms(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    secret = receipt.generate().secret
    print(f"{'scheme':<14} {'memory':>8} {'hash median':>12} {'hash p95':>9} {'verify median':>14} {'verify p95':>11}")
    for log2_n, runs in RUNS.items():
        stored = receipt.hash_secret(secret, log2_n=log2_n)
        hash_median, hash_p95 = _per_call_ms(partial(receipt.hash_secret, secret, log2_n=log2_n), runs)
        verify_median, verify_p95 = _per_call_ms(partial(receipt.verify_secret, secret, stored), runs)
        name = "blake2b" if log2_n == 0 else f"scrypt 2**{log2_n}"
        memory = "-" if log2_n == 0 else f"{128 * 8 * 2**log2_n // 1024} KiB"
        print(
            f"{name:<14} {memory:>8} {hash_median:>10.4f}ms {hash_p95:>7.4f}ms"
            f" {verify_median:>12.4f}ms {verify_p95:>9.4f}ms"
        )


if __name__ == "__main__":
    main()
