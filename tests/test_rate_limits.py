"""Which failed calls the rate limiter repeats: only those that cannot happen twice."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot import rate_limits
from bot.rate_limits import rate_limiter, safe_to_retry


def _timed_out(cause: Exception) -> TimedOut:
    try:
        raise TimedOut from cause
    except TimedOut as error:
        return error


@pytest.mark.parametrize(
    ("error", "endpoint", "expected"),
    [
        (NetworkError("httpx.ConnectError: refused"), "sendMessage", True),
        (_timed_out(httpx.ConnectTimeout("connect")), "sendMessage", True),
        (_timed_out(httpx.PoolTimeout("pool")), "copyMessage", True),
        (_timed_out(httpx.WriteTimeout("write")), "sendMessage", True),
        # The request went out; Telegram may have delivered the message already.
        (_timed_out(httpx.ReadTimeout("read")), "sendMessage", False),
        (_timed_out(httpx.ReadTimeout("read")), "copyMessage", False),
        (_timed_out(httpx.ReadTimeout("read")), "getChatMember", True),
        (BadRequest("chat not found"), "sendMessage", False),
    ],
)
def test_only_calls_that_cannot_happen_twice_are_retried(
    error: NetworkError, endpoint: str, expected: bool
) -> None:
    assert safe_to_retry(error, endpoint) is expected


async def _run(errors: list[Exception], endpoint: str) -> tuple[Any, int]:
    limiter = rate_limiter()
    await limiter.initialize()
    attempts = 0

    async def call(*_: Any, **__: Any) -> dict[str, Any]:
        nonlocal attempts
        attempts += 1
        if errors:
            raise errors.pop(0)
        return {"ok": True}

    try:
        result = await limiter.process_request(call, (), {}, endpoint, {"chat_id": 1}, None)
    finally:
        await limiter.shutdown()
    return result, attempts


async def test_a_connect_timeout_is_retried_until_the_call_succeeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rate_limits, "SERVER_ERROR_BACKOFF", (0.0, 0.0, 0.0, 0.0))
    errors: list[Exception] = [_timed_out(httpx.ConnectTimeout("c")), NetworkError("reset")]
    result, attempts = await _run(errors, "sendMessage")
    assert result == {"ok": True}
    assert attempts == 3


async def test_a_read_timeout_of_a_message_is_not_sent_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rate_limits, "SERVER_ERROR_BACKOFF", (0.0, 0.0, 0.0, 0.0))
    with pytest.raises(TimedOut):
        await _run([_timed_out(httpx.ReadTimeout("r"))], "sendMessage")


async def test_retries_stop_after_the_last_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limits, "SERVER_ERROR_BACKOFF", (0.0, 0.0))
    errors: list[Exception] = [NetworkError("down")] * 5
    with pytest.raises(NetworkError):
        await _run(errors, "sendMessage")
