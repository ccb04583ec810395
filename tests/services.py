"""Outside services some tests need (Chromium, Redis): skipped where absent on a developer's
machine, a failed run where TORI_REQUIRE_SERVICES names them (CI sets "browser,redis"), so that
CI never passes by skipping what it claims to check."""

import os
import socket

import pytest

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def required() -> set[str]:
    return {s.strip() for s in os.environ.get("TORI_REQUIRE_SERVICES", "").split(",") if s.strip()}


def unavailable(service: str, reason: str):
    """The skip marker for tests that need `service`; an error when the run requires it."""
    if service in required():
        raise pytest.UsageError(f"{reason}, and TORI_REQUIRE_SERVICES requires {service}")
    return pytest.mark.skip(reason=reason)


def redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def requires_redis():
    """`pytestmark = requires_redis()` in a module whose tests talk to the local Redis."""
    if redis_answers():
        return []
    return [unavailable("redis", f"no Redis on {REDIS_HOST}:{REDIS_PORT}")]


def need_redis() -> None:
    """Inside a test or fixture: skip it without the local Redis, fail it when the run
    requires Redis."""
    if redis_answers():
        return
    reason = f"no Redis on {REDIS_HOST}:{REDIS_PORT}"
    if "redis" in required():
        pytest.fail(f"{reason}, and TORI_REQUIRE_SERVICES requires redis")
    pytest.skip(reason)
