"""Random trouble for fault-injection tests and the soak benchmark."""

from __future__ import annotations

import random

from .server import FakeBotApi

FAULTS = ("429", "500", "502", "slow", "drop")


def inject_random_fault(api: FakeBotApi, rng: random.Random, methods: tuple[str, ...]) -> str:
    """Make the next call of one of methods go wrong in one of Telegram's ways; returns how."""
    method = rng.choice(methods)
    fault = rng.choice(FAULTS)
    if fault == "drop":
        api.drop_next(method)
    elif fault == "429":
        api.fail_next(method, status=429, retry_after=1)
    elif fault == "slow":
        api.delay_next(method, 0.3)
    else:
        api.fail_next(method, status=int(fault))
    return fault
