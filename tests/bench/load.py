"""HTTP load on loopback: wrk when installed, otherwise a bounded Python client.

Both run for a fixed duration with a fixed number of connections, and report requests a
second, p50 and p95 latency in milliseconds and the number of non-2xx answers.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    tool: str
    seconds: float
    connections: int
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def load(url: str, *, seconds: float = 5.0, connections: int = 4, headers=None) -> LoadResult:
    if shutil.which("wrk"):
        return _wrk(url, seconds=seconds, connections=connections, headers=headers or {})
    return _python(url, seconds=seconds, connections=connections, headers=headers or {})


_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("TORI %d %d %d %f %f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(95)))
end
"""


def _wrk(url, *, seconds, connections, headers):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA)
    cmd = [
        "wrk",
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(seconds))}s",
        "-s",
        script.name,
    ]
    for key, value in headers.items():
        cmd += ["-H", f"{key}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 30).stdout
    match = re.search(r"TORI (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)", out)
    if not match:
        raise RuntimeError(f"wrk gave no summary: {out}")
    requests, errors, duration_us, p50_us, p95_us = match.groups()
    duration = int(duration_us) / 1e6
    return LoadResult(
        "wrk",
        duration,
        connections,
        int(requests),
        int(requests) / duration,
        float(p50_us) / 1000,
        float(p95_us) / 1000,
        int(errors),
    )


def _python(url, *, seconds, connections, headers):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if not 200 <= response.status < 300:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ms = [value * 1000 for value in latencies]
    return LoadResult(
        "python",
        elapsed,
        connections,
        len(ms),
        len(ms) / elapsed,
        statistics.median(ms) if ms else 0.0,
        percentile(ms, 0.95),
        errors[0],
    )
