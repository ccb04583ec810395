"""Local development: `make run` sets DEBUG=1 and uses these settings."""

from .base import *  # noqa: F403

INTERNAL_IPS = ["127.0.0.1"]
