"""`make bench`: Tori against a bare Django floor, on SQLite or (with DATABASE_URL) PostgreSQL.

SQLite: a fresh var/bench/tori.sqlite3. PostgreSQL: the databases `tori_bench` and
`tori_bench_floor` are created (and dropped first) on the server DATABASE_URL points at;
DATABASE_URL's own database is never touched. The report goes to stdout,
var/bench/report.md and var/bench/report.json. It never fails the build: a miss is a finding.
"""

import http.client
import os
import platform
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from .harness import OUT, ROOT, Budget, Report, gunicorn, time_in_process, worker_peak_rss_mb
from .load import load
from .pages import CATALOGUE_QUERY, page_urls

WRK_SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))  # 2 per worker
RUNS = int(os.environ.get("BENCH_RUNS", "100"))
QUERY_BUDGET = 15
CATALOGUE_100K = os.environ.get("BENCH_CATALOGUE_100K", "1") == "1"
VOTE_RESIDENTS = int(os.environ.get("BENCH_VOTERS", "800"))
VOTE_THREADS = 8
CSRF_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# --- databases ----------------------------------------------------------------------------


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _pg_recreate(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_with_db(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_db(server_url, name)


def _pg_drop(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_with_db(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def databases() -> tuple[str, str, str]:
    """(engine, Tori's database URL, the floor's database URL), both fresh."""
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        if urlsplit(server).path.strip("/") in ("tori_bench", "tori_bench_floor"):
            raise SystemExit(
                "Point DATABASE_URL at another database: the bench recreates tori_bench."
            )
        return (
            "postgresql",
            _pg_recreate(server, "tori_bench"),
            _pg_recreate(server, "tori_bench_floor"),
        )
    OUT.mkdir(parents=True, exist_ok=True)
    for name in ("tori.sqlite3", "floor.sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            (OUT / f"{name}{suffix}").unlink(missing_ok=True)
    return "sqlite", f"sqlite:///{OUT / 'tori.sqlite3'}", f"sqlite:///{OUT / 'floor.sqlite3'}"


def local_redis() -> str:
    """REDIS_URL, or the local Redis when one answers: docs/deploy.md requires a shared cache as
    soon as there is more than one worker (sessions, rate limits, page cache), and the bench runs
    two. Empty when there is none: the bench then runs with each worker's local memory."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/0"
    except OSError:
        pass
    return ""


def machine(engine: str) -> dict:
    memory = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    info = {
        "date (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "cpus (nproc)": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "database": engine,
        "load": f"{'wrk' if _has_wrk() else 'python client'}, {WRK_SECONDS:g} s per run, "
        f"{WRK_CONNECTIONS} connections, gunicorn 2 sync workers on 127.0.0.1",
        "in-process runs": RUNS,
        "cache": f"Redis ({os.environ['REDIS_URL']})"
        if os.environ.get("REDIS_URL")
        else "local memory per worker (no Redis found)",
    }
    from django.db import connection

    info["database version"] = (
        connection.cursor().execute("select version()").fetchone()[0].split(" on ")[0]
        if engine == "postgresql"
        else f"SQLite {connection.Database.sqlite_version}"
    )
    return info


def _has_wrk() -> bool:
    import shutil

    return bool(shutil.which("wrk"))


# --- content ------------------------------------------------------------------------------


def seed(entries: int, *, showcase_proposals: int, showcase_comments: int) -> tuple[dict, float]:
    from django.core.management import call_command

    from marketplace.management.scale.seed import showcase

    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_scale", catalogue_entries=entries, no_index=True, stdout=quiet)
    pages = showcase(proposals=showcase_proposals, comments=showcase_comments)
    with open(os.devnull, "w") as quiet:
        call_command("search_index", "--rebuild", stdout=quiet)
    return pages, time.perf_counter() - started


def in_process(urls: dict) -> dict:
    """Rendering costs: the anonymous page cache is off here (HTTP measures pages as served)."""
    from django.test import Client, override_settings

    client = Client()
    results = {}
    with override_settings(TORI_PAGE_CACHE_SECONDS=0):
        for name, url in urls.items():
            results[name] = time_in_process(client, url, runs=RUNS)
            log(f"  in-process {name}: {results[name]}")
    return results


# --- HTTP ---------------------------------------------------------------------------------


def warm(url: str, *, rounds: int = 3) -> None:
    """A fresh gunicorn worker needs seconds for its first request (imports, templates): send a
    few rounds of concurrent requests, with a long timeout, before any measurement."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")

    def get():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            conn.request("GET", path)
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()

    for _ in range(rounds):
        threads = [threading.Thread(target=get) for _ in range(WRK_CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def server_env(db_url: str) -> dict:
    return {"DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}


def page_cache_state(url: str, headers: dict) -> str:
    """What the anonymous page cache did for one more request (X-Page-Cache)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers
        )
        response = conn.getresponse()
        response.read()
        return response.getheader("X-Page-Cache") or "not cached"
    finally:
        conn.close()


# A cookie that makes the page cache step aside, as a signed-in visitor's session does.
BYPASS = {"Cookie": "csrftoken=bench"}


def http_pages(base_env: dict, urls: dict, floor: dict) -> tuple[list, float]:
    rows = []
    runs = [(name, url, {}) for name, url in urls.items()]
    runs.append(("challenge page, page cache bypassed", urls["challenge page"], BYPASS))
    with gunicorn("marketplace.site.wsgi:application", env=base_env) as (base, process):
        for name, url, headers in runs:
            warm(base + url)
            result = load(
                base + url, seconds=WRK_SECONDS, connections=WRK_CONNECTIONS, headers=headers
            )
            rows.append(
                {
                    "page": name,
                    "url": url,
                    "page cache": page_cache_state(base + url, headers),
                    "rps": round(result.rps, 1),
                    "p50 ms": round(result.p50_ms, 1),
                    "p95 ms": round(result.p95_ms, 1),
                    "errors": result.errors,
                    "÷ floor html": round(result.rps / floor["html"]["rps"], 2),
                    "÷ floor json": round(result.rps / floor["json"]["rps"], 2),
                }
            )
            log(f"  HTTP {name}: {rows[-1]}")
        rss = worker_peak_rss_mb(process.pid)
    return rows, rss


def http_floor(floor_url: str) -> dict:
    env = {"FLOOR_DATABASE_URL": floor_url, "DJANGO_SETTINGS_MODULE": "tests.bench.floor.settings"}
    subprocess.run(
        [sys.executable, "-m", "tests.bench.floor.prepare"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )
    results = {}
    with gunicorn("tests.bench.floor.wsgi:application", env=env) as (base, _process):
        for name in ("json", "html"):
            warm(f"{base}/{name}/")
            result = load(f"{base}/{name}/", seconds=WRK_SECONDS, connections=WRK_CONNECTIONS)
            results[name] = {
                "rps": round(result.rps, 1),
                "p50 ms": round(result.p50_ms, 1),
                "p95 ms": round(result.p95_ms, 1),
                "errors": result.errors,
            }
            log(f"  floor {name}: {results[name]}")
    return results


# --- votes --------------------------------------------------------------------------------


def signed_in_residents(count: int) -> list[tuple[object, str, str]]:
    """(user, session key, CSRF secret) for `count` new verified residents, sessions in the DB."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    User = get_user_model()
    tag = secrets.token_hex(3)
    users = User.objects.bulk_create(
        User(
            email=f"voter-{tag}-{i}@bench.invalid",
            display_name=f"Voter {i}",
            password=make_password(None),
            email_verified_at=timezone.now(),
        )
        for i in range(count)
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    residents = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        csrf = "".join(secrets.choice(CSRF_CHARS) for _ in range(32))  # Django's alphabet
        residents.append((user, session.session_key, csrf))
    return residents


def votes(base_env: dict, challenge) -> tuple[dict, list]:
    from django.conf import settings

    from ideas.management.commands.verify_counts import missing_quotas, proposal_drift, quota_drift
    from ideas.models import Proposal, Vote, VoteEvent

    proposals = list(
        Proposal.objects.public().filter(challenge=challenge).values_list("pk", flat=True)
    )
    residents = signed_in_residents(VOTE_RESIDENTS)
    # Each resident votes for 3 proposals (the challenge allows 3); one in ten of those votes
    # is sent twice, by different connections at the same time, to try to make duplicates.
    tasks = []
    for n, (user, session_key, csrf) in enumerate(residents):
        for j in range(challenge.votes_per_resident or 3):
            task = (user.pk, session_key, csrf, proposals[(n * 7 + j * 13) % len(proposals)])
            tasks.append(task)
            if (n + j) % 10 == 0:
                tasks.append(task)
    random.Random(11).shuffle(tasks)
    expected = {(user_pk, pk) for user_pk, _s, _c, pk in tasks}
    before_rows = Vote.objects.filter(challenge=challenge).count()
    before_events = VoteEvent.objects.filter(proposal__challenge=challenge).count()

    statuses: dict = {}
    lock = threading.Lock()
    language = settings.LANGUAGE_CODE

    def request(session_key, csrf, pk) -> bytes:
        body = urlencode({"csrfmiddlewaretoken": csrf}).encode()
        cookies = (
            f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        )
        head = (
            f"POST /{language}/proposals/{pk}/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {cookies}\r\nConnection: close\r\n\r\n"
        )
        return head.encode() + body

    # Every request is built before the clock starts, and the client only sends it and reads the
    # status line: the load generator shares the two cores with the server, so it must cost
    # as little as it can (with http.client it took 0.35 ms of CPU a vote; this takes 0.15 ms).
    queue = iter([request(session_key, csrf, pk) for _user, session_key, csrf, pk in tasks])

    def worker(port):
        while True:
            with lock:
                raw = next(queue, None)
            if raw is None:
                return
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
                    sock.sendall(raw)
                    answer = b""
                    while chunk := sock.recv(65536):  # the sync worker closes when done
                        answer += chunk
                status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else "error"
            except (OSError, ValueError, IndexError):
                status = "error"
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    with gunicorn("marketplace.site.wsgi:application", env=base_env) as (base, _process):
        port = urlsplit(base).port
        warm(f"{base}/{language}/")  # fresh workers import and compile before the clock starts
        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(port,)) for _ in range(VOTE_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

    rows = Vote.objects.filter(challenge=challenge).count() - before_rows
    events = (
        VoteEvent.objects.filter(
            proposal__challenge=challenge, action=VoteEvent.Action.CAST
        ).count()
        - before_events
    )
    pairs = set(
        Vote.objects.filter(
            challenge=challenge, user_id__in=[r[0].pk for r in residents]
        ).values_list("user_id", "proposal_id")
    )
    lost = len(expected - pairs)
    duplicated = max(0, rows - len(pairs)) + max(0, events - rows)
    drift = len(list(proposal_drift())) + len(list(quota_drift())) + len(list(missing_quotas()))
    result = {
        "residents": len(residents),
        "connections": VOTE_THREADS,
        "vote POSTs": len(tasks),
        "distinct votes expected": len(expected),
        "seconds": round(elapsed, 2),
        "vote POSTs a second": round(len(tasks) / elapsed, 1),
        "votes cast a second": round(rows / elapsed, 1),
        "answers": ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)),
        "vote rows": rows,
        "CAST events": events,
        "lost": lost,
        "duplicated": duplicated,
        "counter drift (verify_counts)": drift,
    }
    log(f"  votes: {result}")
    budgets = [
        Budget(
            "votes a second (PostgreSQL, 2 workers)",
            len(tasks) / elapsed,
            250,
            "/s",
            True,
            "vote POSTs answered a second, repeats included",
        ),
        Budget("votes lost", lost, 0, ""),
        Budget("votes duplicated", duplicated, 0, ""),
        Budget("vote counters drifted", drift, 0, ""),
    ]
    return result, budgets


# --- catalogue ----------------------------------------------------------------------------


def catalogue_timings(entries: int) -> list:
    """p50/p95 of catalogue searches through the search interface (search.catalogue.search, the
    database engine unless ELASTICSEARCH_URL is set): the budgeted query with and without two
    facets, and two searches reported without a budget — the most frequent word of the
    vocabulary (a search matching most of the catalogue) and browsing with the two facets."""
    from marketplace.management.scale.text import TOPIC_WORDS
    from search.catalogue import search
    from search.query import CatalogueQuery

    from .harness import percentile

    text, facets = CATALOGUE_QUERY["text"], CATALOGUE_QUERY["filters"]
    rows = []
    for label, words, filters, budgeted in (
        (f"“{text}”", text, {}, True),
        (f"“{text}” + 2 facets", text, facets, True),
        (f"“{TOPIC_WORDS[0]}” (broad)", TOPIC_WORDS[0], {}, False),
        ("no text + 2 facets", "", facets, False),
    ):
        result = search(CatalogueQuery(text=words, filters=filters, language="fi"))
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            search(CatalogueQuery(text=words, filters=filters, language="fi"))
            timings.append((time.perf_counter() - start) * 1000)
        rows.append(
            {
                "entries": entries,
                "search": label,
                "budgeted": "yes" if budgeted else "no",
                "hits": result.total,
                "p50 ms": round(percentile(timings, 0.5), 1),
                "p95 ms": round(percentile(timings, 0.95), 1),
            }
        )
        log(f"  catalogue: {rows[-1]}")
    return rows


# --- main ---------------------------------------------------------------------------------


def main() -> None:
    began = time.perf_counter()
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    server_url = os.environ.get("DATABASE_URL", "")
    engine, db_url, floor_url = databases()
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DEBUG": "0",
            "TORI_VAR_DIR": str(OUT / "var"),
            "TORI_VOTE_RATE_IP": "1000000/m",
            "TORI_VOTE_RATE_USER": "1000000/m",
            "TORI_API_THROTTLE_RATE": "1000000/min",
            "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
            "LOG_LEVEL": "ERROR",
            "CACHE_KEY_PREFIX": f"tori-bench-{secrets.token_hex(4)}",
        }
    )
    redis_url = local_redis()
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    import django

    django.setup()
    from django.core.management import call_command

    log(f"migrating {engine}")
    call_command("migrate", verbosity=0)
    report = Report(machine=machine(engine))
    report.machine["CONN_MAX_AGE"] = os.environ["CONN_MAX_AGE"]
    budgets = report.budgets
    not_measured = []

    log("floor")
    floor = http_floor(floor_url)
    report.sections["Floor (bare Django, same gunicorn)"] = [
        {"view": k, **v} for k, v in floor.items()
    ]

    log("small volume: 1,000 catalogue entries")
    small_pages, seconds = seed(1000, showcase_proposals=5, showcase_comments=5)
    small = in_process(page_urls(small_pages))
    catalogue_rows = catalogue_timings(1000)

    log("large volume: 10,000 catalogue entries")
    large_pages, seconds = seed(9000, showcase_proposals=200, showcase_comments=100)
    report.machine["seeding 9,000 entries (s)"] = round(seconds, 1)
    large_urls = page_urls(large_pages)
    large = in_process(large_urls)
    catalogue_rows += catalogue_timings(10000)

    table = []
    for name in large:
        s, big = small.get(name, {}), large[name]
        table.append(
            {
                "page": name,
                "status": f"{s.get('status')}/{big['status']}",
                "queries small": s.get("queries"),
                "queries large": big["queries"],
                "median ms small": s.get("median_ms"),
                "p95 ms small": s.get("p95_ms"),
                "median ms large": big["median_ms"],
                "p95 ms large": big["p95_ms"],
            }
        )
        budgets.append(Budget(f"SQL queries: {name}", big["queries"], QUERY_BUDGET, "queries"))
        budgets.append(
            Budget(
                f"SQL queries small = large: {name}",
                abs(big["queries"] - s.get("queries", -999)),
                0,
                "difference",
            )
        )
    report.sections[
        "In-process (Django test client): small = 1,000 entries, challenge with 5 proposals, "
        "proposal with 5 comments; large = 10,000 entries, 200 proposals, 100 comments"
    ] = table

    log("pages over HTTP")
    http_names = ["home", "challenge listing", "challenge page", "proposal page", "pilot page"]
    urls = {name: large_urls[name] for name in [*http_names, "catalogue"]}
    env = server_env(db_url)
    rows, rss = http_pages(env, urls, floor)
    report.sections[
        f"Pages over HTTP ({WRK_SECONDS:g} s, {WRK_CONNECTIONS} connections each; challenge page "
        "with 200 public proposals, proposal page with 100 comments)"
    ] = rows
    challenge_rps = next(r["rps"] for r in rows if r["page"] == "challenge page")
    budgets.append(
        Budget(
            "challenge page (200 proposals) ÷ floor template view",
            100 * challenge_rps / floor["html"]["rps"],
            50,
            "%",
            True,
        )
    )
    report.sections["Memory"] = [{"worker peak RSS (MB) after the page runs": round(rss, 1)}]
    budgets.append(Budget("worker peak RSS", rss, 250, "MB"))

    if engine == "postgresql":
        log("votes")
        result, vote_budgets = votes(env, large_pages["challenge"])
        report.sections["Votes over HTTP (PostgreSQL)"] = [result]
        budgets += vote_budgets
    else:
        report.sections["Votes over HTTP"] = "Measured on PostgreSQL only (run with DATABASE_URL)."
        not_measured.append("votes (SQLite run)")

    if engine == "postgresql" and CATALOGUE_100K:
        log("catalogue at 100,000 entries")
        seed(90000, showcase_proposals=1, showcase_comments=0)
        catalogue_rows += catalogue_timings(100000)
    elif engine == "postgresql":
        not_measured.append("catalogue at 100,000 entries (BENCH_CATALOGUE_100K=0)")
    report.sections["Catalogue (search interface, in-process)"] = catalogue_rows

    def p95(entries):
        return max(
            r["p95 ms"]
            for r in catalogue_rows
            if r["entries"] == entries and r["budgeted"] == "yes"
        )

    if engine == "postgresql":
        budgets.append(Budget("catalogue p95 at 10,000 (PostgreSQL)", p95(10000), 50, "ms"))
        if CATALOGUE_100K:
            budgets.append(Budget("catalogue p95 at 100,000 (PostgreSQL)", p95(100000), 150, "ms"))
    else:
        budgets.append(Budget("catalogue p95 at 10,000 (SQLite)", p95(10000), 100, "ms"))

    report.machine["whole bench (s)"] = round(time.perf_counter() - began, 1)
    if not_measured:
        report.sections["Budgets not measured in this run"] = "; ".join(not_measured)
    sys.stdout.write(report.write())
    if engine == "postgresql":  # leave the server as we found it
        from django.db import connections

        connections.close_all()
        for name in ("tori_bench", "tori_bench_floor"):
            _pg_drop(server_url, name)


if __name__ == "__main__":
    main()
