"""Random trouble for fault-injection tests and the soak benchmark."""

from __future__ import annotations

import random

from .server import FakeBotApi

FAULTS = ("429", "500", "502", "slow", "drop")


def inject_random_fault(
    api: FakeBotApi,
    rng: random.Random,
    methods: tuple[str, ...],
    *,
    read_timeout: float | None = None,
) -> tuple[str, str]:
    """Make the next call of one of methods go wrong in one of Telegram's ways.

    With the bot's read_timeout given, "timeout" is one of the ways. Returns the method
    and the fault.
    """
    method = rng.choice(methods)
    fault = rng.choice(FAULTS if read_timeout is None else (*FAULTS, "timeout"))
    inject_fault(api, method, fault, read_timeout=read_timeout)
    return method, fault


def inject_fault(
    api: FakeBotApi, method: str, fault: str, *, read_timeout: float | None = None
) -> None:
    """Make the next call of method go wrong: one of FAULTS, or "timeout" (carried out,
    but answered only after the bot's read_timeout)."""
    if fault == "timeout":
        if read_timeout is None:
            raise ValueError("a timeout fault needs the bot's read timeout")
        api.answer_late_next(method, read_timeout * 1.5)
    elif fault == "drop":
        api.drop_next(method)
    elif fault == "429":
        api.fail_next(method, status=429, retry_after=1)
    elif fault == "slow":
        api.delay_next(method, 0.3)
    elif fault in FAULTS:
        api.fail_next(method, status=int(fault))
    else:
        raise ValueError(f"unknown fault {fault!r}")
