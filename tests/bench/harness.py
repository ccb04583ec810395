"""Pieces of the benchmark: gunicorn servers, in-process timings, memory, budgets and reports."""

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(wsgi: str, *, env: dict, workers: int = 2):
    """Serve `wsgi` with gunicorn (sync workers on 127.0.0.1) for the duration of the block."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        wsgi,
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"gunicorn for {wsgi} exited with {process.returncode}"
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_peak_rss_mb(master_pid: int) -> float:
    """Peak resident memory (VmHWM) of the largest gunicorn worker of a master process."""
    peak = 0.0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    pids = children.read_text().split() if children.exists() else []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        except OSError:
            continue
    return peak


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def time_in_process(client, url: str, *, runs: int = 100, **kwargs) -> dict:
    """Median and p95 (ms) of `runs` requests through the Django test client, and its SQL count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **kwargs)  # warm: per-process caches (site chrome, content types)
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    status = response.status_code
    queries = len(ctx.captured_queries)  # now: every request_started empties the query log
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, **kwargs)
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "status": status,
        "queries": queries,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "runs": runs,
    }


@dataclass
class Budget:
    name: str
    figure: float
    limit: float
    unit: str
    higher_is_better: bool = False
    note: str = ""

    @property
    def verdict(self) -> str:
        ok = self.figure >= self.limit if self.higher_is_better else self.figure <= self.limit
        return "PASS" if ok else "MISS"

    def as_dict(self) -> dict:
        return {
            "figure": round(self.figure, 2),
            "limit": self.limit,
            "unit": self.unit,
            "comparison": ">=" if self.higher_is_better else "<=",
            "verdict": self.verdict,
            "note": self.note,
        }


@dataclass
class Report:
    machine: dict
    sections: dict = field(default_factory=dict)
    budgets: list = field(default_factory=list)

    def write(self) -> str:
        OUT.mkdir(parents=True, exist_ok=True)
        data = {
            "machine": self.machine,
            "sections": self.sections,
            "budgets": {b.name: b.as_dict() for b in self.budgets},
        }
        (OUT / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
        markdown = self.markdown()
        (OUT / "report.md").write_text(markdown)
        return markdown

    def markdown(self) -> str:
        lines = ["# Tori benchmark report", ""]
        lines += [f"- {key}: {value}" for key, value in self.machine.items()]
        for title, table in self.sections.items():
            lines += ["", f"## {title}", ""]
            if isinstance(table, list) and table:
                headers = list(table[0].keys())
                lines.append("| " + " | ".join(headers) + " |")
                lines.append("| " + " | ".join("---" for _ in headers) + " |")
                for row in table:
                    lines.append("| " + " | ".join(str(row.get(h, "")) for h in headers) + " |")
            else:
                lines.append(str(table))
        lines += [
            "",
            "## Budgets",
            "",
            "| budget | figure | limit | verdict |",
            "| --- | --- | --- | --- |",
        ]
        for b in self.budgets:
            comparison = "≥" if b.higher_is_better else "≤"
            lines.append(
                f"| {b.name} | {b.figure:.2f} {b.unit} | {comparison} {b.limit} {b.unit} | **{b.verdict}** |"
            )
        return "\n".join(lines) + "\n"
