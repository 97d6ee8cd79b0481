"""An in-process fake Telegram Bot API server for tests.

Every request is checked against the published Bot API description (api.json);
answers are realistic result objects; updates are queued for ``getUpdates`` or
posted to a webhook; failures and slow answers can be injected.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import json
import random
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, cast

import httpx
import tornado.httpserver
import tornado.httputil
import tornado.netutil
import tornado.web
from tornado.iostream import StreamClosedError

from .html import HtmlError, parse_text
from .limits import Clock, RateLimiter, TelegramLimits
from .spec import BotApiSpec, MethodSpec, RawRequest, UploadedFile

__all__ = ["DEFAULT_SPEC_PATH", "Call", "Delivery", "FakeBotApi"]

DEFAULT_SPEC_PATH = (
    Path(__file__).resolve().parents[3] / "shared" / "telegram-bot-api" / "api.json"
)
TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuv"
BOT_ID = 123456
LONG_POLL_CAP = 1.0  # seconds; getUpdates never waits longer in the fake
DEFAULT_ICON_COLOR = 7322096
# Update kinds Telegram leaves out unless allowed_updates names them.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
# What a call that creates messages returns; with a send/copy/forward name it counts
# against the flood limits (sendChatAction and drafts return True and do not).
_MESSAGE_RESULTS = frozenset({"Message", "Array of Message", "MessageId", "Array of MessageId"})
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)

JSONDict = dict[str, Any]
_Queued = TypeVar("_Queued", "_Fault", "_Delay")
_Json = TypeVar("_Json")


@dataclass
class Call:
    """One request the bot made, with decoded parameters.

    ``failed_with`` is the HTTP status of an error answer (spec violation, injected
    fault or simulated Telegram error), ``None`` on success. ``answered_late``: carried
    out, but answered after ``answer_late_next``'s wait.
    """

    method: str
    params: dict[str, Any]
    failed_with: int | None = None
    answered_late: bool = False
    files: dict[str, UploadedFile] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Delivery:
    """A message the bot created: where, and when on the fake's clock (monotonic seconds)."""

    chat_id: int
    message_id: int
    at: float


@dataclass
class _Fault:
    status: int
    retry_after: int | None
    description: str | None
    remaining: int

    def body(self) -> JSONDict:
        status = self.status
        retry_after = self.retry_after
        if status == 429 and retry_after is None:
            retry_after = 1
        default = {
            400: "Bad Request: injected failure",
            401: "Unauthorized",
            403: "Forbidden: bot was blocked by the user",
            404: "Not Found",
            409: "Conflict: terminated by other getUpdates request; make sure that only one "
            "bot instance is running",
            429: f"Too Many Requests: retry after {retry_after}",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }
        description = self.description or default.get(status) or _phrase(status)
        return _error_body(status, description, retry_after)


@dataclass
class _Delay:
    seconds: float
    remaining: int


class _ApiError(Exception):
    """A Telegram error answer produced while executing a (spec-valid) call."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        violation: bool = False,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.violation = violation
        self.retry_after = retry_after


def _json_copy(value: _Json) -> _Json:
    """A deep copy of JSON data; several times faster than copy.deepcopy, which the fake
    called on every message it stored, answered or put into an update."""
    if isinstance(value, dict):
        return cast(_Json, {key: _json_copy(item) for key, item in value.items()})
    if isinstance(value, list):
        return cast(_Json, [_json_copy(item) for item in value])
    if value is None or isinstance(value, str | int | float):
        return value
    return copy.deepcopy(value)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _error_body(status: int, description: str, retry_after: int | None = None) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


def _update_kind(update: JSONDict) -> str:
    return next((k for k in update if k != "update_id"), "")


class _Handler(tornado.web.RequestHandler):
    """Routes ``/bot<token>/<method>`` to the owning :class:`FakeBotApi`."""

    api: FakeBotApi

    def initialize(self, api: FakeBotApi) -> None:
        """Remember the fake this handler serves."""
        self.api = api

    async def get(self, token: str, method: str) -> None:
        """Telegram accepts GET with query parameters."""
        await self.api._serve(self, token, method)

    async def post(self, token: str, method: str) -> None:
        """The usual way: form, multipart or JSON body."""
        await self.api._serve(self, token, method)


class _NotFound(tornado.web.RequestHandler):
    """Anything outside ``/bot<token>/<method>``: Telegram answers 404 Not Found."""

    def prepare(self) -> None:
        """Answer every verb the same way."""
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(_error_body(404, "Not Found")))


@functools.lru_cache(maxsize=4)
def _load_spec(path: Path) -> BotApiSpec:
    """Parse api.json once per path and process."""
    return BotApiSpec.load(path)


def _quiet_log(handler: tornado.web.RequestHandler) -> None:
    """Suppress tornado's access log."""


class FakeBotApi:
    """A fake Telegram Bot API server; use as ``async with FakeBotApi() as api:``.

    With ``limits`` it refuses messages over Telegram's flood limits with 429 and
    ``retry_after``, as Telegram does; without, it never limits (the tests' default).
    """

    def __init__(
        self,
        limits: TelegramLimits | None = None,
        *,
        spec_path: Path = DEFAULT_SPEC_PATH,
        clock: Clock = time.monotonic,
    ) -> None:
        """Load the spec; the server starts on ``__aenter__``. ``clock`` is for tests."""
        self.spec = _load_spec(spec_path.resolve())
        self._clock = clock
        self.set_limits(limits)
        # Connections closed unanswered by drop_next, by method name, in order.
        self.dropped: list[str] = []
        self._drops: dict[str, int] = {}
        # 429s answered because a limit was reached (not those injected with fail_next).
        self.limit_rejections = 0
        # Every message the bot created, in order, with the moment it was created.
        self.deliveries: list[Delivery] = []
        self._counted = frozenset(
            name
            for name, method in self.spec.methods.items()
            if name.startswith(("send", "copyMessage", "forwardMessage"))
            and set(method.returns) <= _MESSAGE_RESULTS
        )
        self.token: str = TOKEN
        self.bot_user: JSONDict = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "PlzenBot",
            "username": "plzen_test_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.chat_members: dict[tuple[int, int], str] = {}
        self.pushed_updates: list[JSONDict] = []
        self.webhook_url: str = ""
        self.commands: dict[str, list[JSONDict]] = {}
        self._server: tornado.httpserver.HTTPServer | None = None
        self._port = 0
        self._queue: list[JSONDict] = []
        self._undelivered: set[int] = set()
        self._next_update_id = 1
        self._update_event = asyncio.Event()
        self._closing = asyncio.Event()
        self._allowed_updates: frozenset[str] | None = None
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Delay]] = {}
        self._lates: dict[str, list[_Delay]] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._next_message_id: dict[int, int] = {}
        self._users: dict[int, JSONDict] = {}
        self._channels: dict[str, int] = {}
        # Forum topics that exist, per chat: thread id -> name (deleted ones are removed).
        self.forum_topics: dict[int, dict[int, str]] = {}
        self._callback_ids: set[str] = set()
        self._blocked_chats: dict[int, str] = {}
        self._file_counter = 0
        self._inflight = 0
        self._last_activity = time.monotonic()

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> FakeBotApi:
        """Start the HTTP server on 127.0.0.1 and a free port."""
        app = tornado.web.Application(
            [(r"/bot([^/]*)/([^/]*)", _Handler, {"api": self})],
            default_handler_class=_NotFound,
            log_function=_quiet_log,
        )
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        self._port = sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Wake long polls and delayed answers, then stop the server."""
        self._closing.set()
        self._update_event.set()
        if self._server is not None:
            self._server.stop()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.close_all_connections(), 2.0)
            self._server = None

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        return self._port

    @property
    def base_url(self) -> str:
        """PTB ``base_url``: requests go to ``{base_url}{token}/{method}``."""
        return f"http://127.0.0.1:{self._port}/bot"

    # ------------------------------------------------------------------ inspection

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of ``method`` (case-insensitive)."""
        wanted = method.lower()
        return [c for c in self.calls if c.method.lower() == wanted]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts of successful sendMessage and editMessageText calls, optionally for one chat."""
        return [
            str(c.params.get("text"))
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText")
            and c.failed_with is None
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """The current state of a message the fake knows (sent by the bot or pushed)."""
        msg = self._messages.get((chat_id, message_id))
        return _json_copy(msg) if msg is not None else None

    def callback_data(self, chat_id: int, message_id: int) -> list[str]:
        """callback_data of the inline buttons the message carries now, row by row."""
        msg = self._messages.get((chat_id, message_id)) or {}
        rows = msg.get("reply_markup", {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    @property
    def busy(self) -> bool:
        """Updates wait for getUpdates, or a request (other than a long poll) is in flight."""
        return bool(self._undelivered) or self._inflight > 0

    def set_limits(self, limits: TelegramLimits | None) -> None:
        """Start (or stop) enforcing Telegram's limits, e.g. after a benchmark's set-up."""
        self.limits = limits
        self._limiter = RateLimiter(limits, self._clock) if limits is not None else None

    def messages_in(self, chat_id: int, thread_id: int | None = None) -> list[JSONDict]:
        """Messages in a chat (optionally one forum topic), oldest first."""
        return [
            copy.deepcopy(m)
            for (cid, _), m in sorted(self._messages.items())
            if cid == chat_id and (thread_id is None or m.get("message_thread_id") == thread_id)
        ]

    def _recent(self, limit: int = 15) -> str:
        recent = [c for c in self.calls if c.method != "getUpdates"][-limit:]
        lines = [
            f"  {c.method}{' [failed ' + str(c.failed_with) + ']' if c.failed_with else ''} "
            f"{json.dumps(c.params, ensure_ascii=False, default=str)[:300]}"
            for c in recent
        ]
        return "\n".join(lines) or "  (none)"

    # ------------------------------------------------------------------ waiting

    async def wait_for(
        self,
        predicate: Callable[[Call], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        since: int = 0,
    ) -> Call:
        """First recorded call (from index ``since``) satisfying ``predicate``; polls every 10 ms."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls[since:]:
                if predicate(call):
                    return call
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"no matching call within {timeout} s; recent calls:\n{self._recent()}"
                )
            await asyncio.sleep(0.01)

    async def wait_for_calls(
        self,
        method: str,
        count: int,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Call]:
        """Wait until ``method`` was called at least ``count`` times; return all its calls."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"{method}: {len(found)} calls within {timeout} s, expected {count}; "
                    f"recent calls:\n{self._recent()}"
                )
            await asyncio.sleep(0.01)

    async def idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update was delivered and no request came for ``quiet`` s.

        Empty long polls (getUpdates returning nothing) do not count as activity.
        """
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if (
                not self._undelivered
                and self._inflight == 0
                and now - self._last_activity >= quiet
            ):
                return
            if now >= deadline:
                raise AssertionError(
                    f"not idle within {timeout} s ({len(self._undelivered)} undelivered "
                    f"updates, {self._inflight} requests in flight); recent calls:\n"
                    f"{self._recent()}"
                )
            await asyncio.sleep(0.01)

    # ------------------------------------------------------------------ faults

    def _canonical(self, method: str) -> str:
        spec = self.spec.method(method)
        if spec is None:
            raise ValueError(f"{method!r} is not a Bot API method")
        return spec.name

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` valid calls of ``method`` with an error of ``status``."""
        name = self._canonical(method)
        self._faults.setdefault(name, []).append(_Fault(status, retry_after, description, times))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` only after ``seconds``."""
        name = self._canonical(method)
        self._delays.setdefault(name, []).append(_Delay(seconds, times))

    def answer_late_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Carry out the next ``times`` calls of ``method`` at once but answer only after
        ``seconds``: longer than the bot's read timeout, this is Telegram's ambiguous
        timeout, where the message arrived and the bot cannot know it."""
        name = self._canonical(method)
        self._lates.setdefault(name, []).append(_Delay(seconds, times))

    @staticmethod
    def _take(queue: dict[str, list[_Queued]], method: str) -> _Queued | None:
        items = queue.get(method)
        if not items:
            return None
        item = items[0]
        item.remaining -= 1
        if item.remaining <= 0:
            items.pop(0)
        return item

    # ------------------------------------------------------------------ updates

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """A member deletes a forum topic, with every message in it (as Telegram does)."""
        self.forum_topics.get(chat_id, {}).pop(thread_id, None)
        for key in [
            k
            for k, m in self._messages.items()
            if k[0] == chat_id and m.get("message_thread_id") == thread_id
        ]:
            del self._messages[key]

    def push_update(self, update: JSONDict) -> int:
        """Assign an update_id, check the update against the spec and queue it for getUpdates."""
        update = self._stamp(update)
        self._queue.append(update)
        self._undelivered.add(update["update_id"])
        self.pushed_updates.append(update)
        self._wake_pollers()
        self._touch()
        return int(update["update_id"])

    def _stamp(self, update: JSONDict) -> JSONDict:
        update = _json_copy(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        problems = self.spec.check_object(update, "Update", "update")
        if problems:
            raise AssertionError("the test built an invalid Update:\n  " + "\n  ".join(problems))
        callback = update.get("callback_query")
        if isinstance(callback, dict):
            self._callback_ids.add(str(callback.get("id")))
        self._remember(update)
        return update

    def _remember(self, update: JSONDict) -> None:
        """Learn users and messages from a hand-built update so later calls can refer to them."""
        for kind in ("message", "edited_message", "channel_post", "business_message"):
            msg = update.get(kind)
            if not isinstance(msg, dict):
                continue
            cid, mid = msg["chat"]["id"], msg["message_id"]
            self._messages.setdefault((cid, mid), _json_copy(msg))
            self._next_message_id[cid] = max(self._next_message_id.get(cid, 1), mid + 1)
            sender = msg.get("from")
            if isinstance(sender, dict) and not sender.get("is_bot"):
                self._users.setdefault(sender["id"], dict(sender))

    def _wake_pollers(self) -> None:
        self._update_event.set()
        self._update_event = asyncio.Event()

    def _user(
        self, user_id: int, first_name: str | None = None, language_code: str = "uk"
    ) -> JSONDict:
        if user_id == BOT_ID:
            return dict(self.bot_user)
        user = self._users.get(user_id)
        if user is None or first_name is not None:
            user = {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name or "Olena",
                "language_code": language_code,
            }
            self._users[user_id] = user
        return dict(user)

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id > 0:
            user = self._users.get(chat_id)
            chat: JSONDict = {
                "id": chat_id,
                "type": "private",
                "first_name": user["first_name"] if user else "User",
            }
            return chat
        for name, cid in self._channels.items():
            if cid == chat_id:
                return {"id": chat_id, "type": "channel", "title": name, "username": name}
        return {
            "id": chat_id,
            "type": "supergroup",
            "title": f"Test group {chat_id}",
            "is_forum": True,
        }

    def _resolve_chat(self, chat_id: Any) -> int:
        if isinstance(chat_id, int):
            return chat_id
        name = str(chat_id).lstrip("@")
        if name not in self._channels:
            self._channels[name] = -1001000000000 - len(self._channels) - 1
        return self._channels[name]

    def _new_message_id(self, chat_id: int) -> int:
        mid = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = mid + 1
        return mid

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        first_name: str | None,
        language_code: str,
        fields: JSONDict,
    ) -> JSONDict:
        cid = user_id if chat_id is None else chat_id
        user = self._user(user_id, first_name, language_code)
        msg: JSONDict = {
            "message_id": self._new_message_id(cid),
            "from": user,
            "chat": self._chat(cid),
            "date": int(time.time()),
        }
        msg.update(fields)
        self._messages[(cid, msg["message_id"])] = msg
        return msg

    def _reply_target(self, chat_id: int, message_id: int) -> JSONDict:
        original = self._messages.get((chat_id, message_id))
        if original is None:
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chat(chat_id),
            }
        return {k: v for k, v in _json_copy(original).items() if k != "reply_to_message"}

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str = "uk",
        chat_id: int | None = None,
        first_name: str = "Olena",
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> int:
        """Push a text message from a user (a private chat unless ``chat_id`` is given)."""
        fields: JSONDict = {"text": text}
        command = _COMMAND_RE.match(text)
        if command:
            fields["entities"] = [
                {
                    "type": "bot_command",
                    "offset": 0,
                    "length": len(command.group().encode("utf-16-le")) // 2,
                }
            ]
        cid = user_id if chat_id is None else chat_id
        if message_thread_id is not None:
            fields["message_thread_id"] = message_thread_id
            fields["is_topic_message"] = True
            if cid < 0:  # a topic members created themselves, unless the test made it
                self.forum_topics.setdefault(cid, {}).setdefault(message_thread_id, "Topic")
        if reply_to_message_id is not None:
            fields["reply_to_message"] = self._reply_target(cid, reply_to_message_id)
        msg = self._user_message(user_id, chat_id, first_name, language_code, fields)
        return self.push_update({"message": msg})

    def send_message(
        self,
        user_id: int,
        *,
        chat_id: int | None = None,
        first_name: str = "Olena",
        language_code: str = "uk",
        **message_fields: Any,
    ) -> int:
        """Push a message of any kind: pass Message fields (photo=[...], location={...}, ...)."""
        msg = self._user_message(user_id, chat_id, first_name, language_code, message_fields)
        return self.push_update({"message": msg})

    def press_button(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        require_button: bool = True,
    ) -> int:
        """Push a callback query: ``user_id`` pressed a button of bot message ``message_id``.

        With ``require_button`` the message must carry a button with that callback_data.
        """
        cid = user_id if chat_id is None else chat_id
        msg = self._messages.get((cid, message_id))
        if msg is None or msg.get("from", {}).get("id") != BOT_ID:
            raise AssertionError(f"the bot sent no message {message_id} in chat {cid}")
        if require_button:
            datas = self.callback_data(cid, message_id)
            if data not in datas:
                raise AssertionError(
                    f"message {message_id} in chat {cid} has no button with callback_data "
                    f"{data!r}; it has {datas}"
                )
        callback = {
            "id": str(random.getrandbits(62)),
            "from": self._user(user_id),
            "message": _json_copy(msg),
            "chat_instance": str(zlib.crc32(str(cid).encode()) * 7919),
            "data": data,
        }
        return self.push_update({"callback_query": callback})

    def member_update(self, user_id: int, status: str, *, chat_id: int | None = None) -> int:
        """Push a my_chat_member update: the bot's status changes to ``status`` (e.g. kicked).

        Afterwards, while the bot is "kicked" or "left", messages to that chat fail with 403
        as in Telegram; status "member" (or "administrator") undoes it.
        """
        cid = user_id if chat_id is None else chat_id
        if status in ("kicked", "left"):
            self._blocked_chats[cid] = status
        else:
            self._blocked_chats.pop(cid, None)
        private = cid > 0
        old = "member" if status != "member" else ("kicked" if private else "left")
        bot = dict(self.bot_user)
        change = {
            "chat": self._chat(cid),
            "from": self._user(user_id),
            "date": int(time.time()),
            "old_chat_member": self._member(old, bot),
            "new_chat_member": self._member(status, bot),
        }
        return self.push_update({"my_chat_member": change})

    async def post_webhook(self, url: str, update: JSONDict, secret: str | None = None) -> int:
        """POST an update (update_id assigned if missing) to the bot's webhook; return the status."""
        update = self._stamp(update)
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with httpx.AsyncClient() as client:
            response = await client.post(url, json=update, headers=headers, timeout=10.0)
        self._touch()
        return response.status_code

    # ------------------------------------------------------------------ serving

    def _touch(self) -> None:
        self._last_activity = time.monotonic()

    def drop_next(self, method: str, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without an answer,
        before doing anything: the call is lost on the way, as on a broken network."""
        name = self._canonical(method)
        self._drops[name] = self._drops.get(name, 0) + times

    async def _serve(self, handler: tornado.web.RequestHandler, token: str, method: str) -> None:
        if self._drops:
            spec = self.spec.method(method)
            name = spec.name if spec is not None else method
            if self._drops.get(name):
                self._drops[name] -= 1
                self.dropped.append(name)
                handler.request.connection.close()  # type: ignore[union-attr]
                return
        is_poll = method.lower() == "getupdates"
        if not is_poll:
            self._inflight += 1
            self._touch()
        try:
            status, body = await self._process(handler.request, token, method)
        finally:
            if not is_poll:
                self._inflight -= 1
                self._touch()
        if is_poll and body.get("result"):
            self._touch()
        handler.set_status(status, _phrase(status))
        handler.set_header("Content-Type", "application/json")
        with contextlib.suppress(StreamClosedError):
            await handler.finish(json.dumps(body, ensure_ascii=False))

    async def _process(
        self, request: tornado.httputil.HTTPServerRequest, token: str, method: str
    ) -> tuple[int, JSONDict]:
        if token != self.token:
            self.violations.append(f"{method}: wrong bot token {token!r}")
            self.calls.append(Call(method, {}, failed_with=401))
            return 401, _error_body(401, "Unauthorized")
        raw, read_problems = _read_request(request)
        spec = self.spec.method(method)
        if spec is None:
            self.violations.append(f"{method}: no such Bot API method")
            self.calls.append(Call(method, raw.args, failed_with=404))
            return 404, _error_body(404, "Not Found")
        checked = self.spec.check_request(spec, raw)
        call = Call(spec.name, checked.params, files=checked.attachments)
        self.calls.append(call)
        problems = read_problems + checked.problems
        if problems:
            call.failed_with = 400
            description = "; ".join(problems)
            self.violations.append(f"{spec.name}: {description}")
            return 400, _error_body(400, f"Bad Request: {description}")
        delay = self._take(self._delays, spec.name)
        fault = self._take(self._faults, spec.name)
        if delay is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay.seconds)
        if fault is not None:
            call.failed_with = fault.status
            return fault.status, fault.body()
        try:
            result = await self._execute(spec, call.params)
        except _ApiError as err:
            call.failed_with = err.status
            if err.violation:
                self.violations.append(f"{spec.name}: {err.description}")
            return err.status, _error_body(err.status, err.description, err.retry_after)
        except Exception as exc:  # a gap in the fake, not in the bot: say so loudly
            call.failed_with = 500
            self.violations.append(f"fake bug: {spec.name} crashed: {exc!r}")
            return 500, _error_body(500, "Internal Server Error")
        late = self._take(self._lates, spec.name)
        if late is not None:
            call.answered_late = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), late.seconds)
        return 200, {"ok": True, "result": result}

    # ------------------------------------------------------------------ methods

    async def _execute(self, spec: MethodSpec, params: JSONDict) -> Any:
        name = spec.name
        if name == "getUpdates":
            return await self._get_updates(params)
        self._check_reachable(name, params)
        handler = _METHODS.get(name)
        if handler is None:
            return True
        limiter = self._limiter if name in self._counted else None
        if limiter is not None:
            chat_id, count = self._admit(limiter, name, params)
        result = handler(self, params)
        if limiter is not None:
            limiter.record(chat_id, count)
        problems = self.spec.check_object(result, spec.returns, "result")
        if problems:
            self.violations.append(f"fake bug: {name} answered off-spec: {'; '.join(problems)}")
        return result

    def _admit(self, limiter: RateLimiter, name: str, params: JSONDict) -> tuple[int, int]:
        """The chat and number of messages of a counted call; 429 if over a limit."""
        chat_id = self._resolve_chat(params["chat_id"])
        if name == "sendMediaGroup":
            count = len(params["media"])
        elif name in ("copyMessages", "forwardMessages"):
            count = len(params["message_ids"])
        else:
            count = 1
        retry_after = limiter.retry_after(chat_id, count)
        if retry_after is not None:
            self.limit_rejections += 1
            raise _ApiError(
                429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
            )
        return chat_id, count

    def delivered_counts(self) -> dict[int, int]:
        """Messages the bot created per chat."""
        counts: dict[int, int] = {}
        for delivery in self.deliveries:
            counts[delivery.chat_id] = counts.get(delivery.chat_id, 0) + 1
        return counts

    def _check_reachable(self, name: str, params: JSONDict) -> None:
        """Telegram refuses to send to chats that blocked or removed the bot."""
        if not name.startswith(("send", "copyMessage", "forwardMessage")):
            return
        chat_id = params.get("chat_id")
        status = self._blocked_chats.get(chat_id) if isinstance(chat_id, int) else None
        if status is None:
            return
        if chat_id is not None and chat_id > 0:
            reason = "bot was blocked by the user"
        elif status == "kicked":
            reason = "bot was kicked from the supergroup chat"
        else:
            reason = "bot is not a member of the supergroup chat"
        raise _ApiError(403, f"Forbidden: {reason}")

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
                violation=True,
            )
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        offset = params.get("offset")
        if isinstance(offset, int):
            if offset < 0:
                self._queue = self._queue[offset:]
            else:
                self._queue = [u for u in self._queue if u["update_id"] >= offset]
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), LONG_POLL_CAP)
        deadline = time.monotonic() + timeout
        while True:
            self._queue = [u for u in self._queue if self._allowed(u)]
            batch = self._queue[:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing.is_set():
                break
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        for update in batch:
            self._undelivered.discard(update["update_id"])
        return _json_copy(batch)

    def _allowed(self, update: JSONDict) -> bool:
        kind = _update_kind(update)
        keep = (
            kind in self._allowed_updates if self._allowed_updates else kind not in _OPT_IN_UPDATES
        )
        if not keep:
            self._undelivered.discard(update["update_id"])
        return keep

    def _bot_message(self, params: JSONDict, content: JSONDict) -> JSONDict:
        cid = self._resolve_chat(params["chat_id"])
        msg: JSONDict = {
            "message_id": 0,
            "from": dict(self.bot_user),
            "chat": self._chat(cid),
            "date": int(time.time()),
        }
        thread = params.get("message_thread_id")
        if isinstance(thread, int) and cid < 0 and thread not in self.forum_topics.get(cid, {}):
            raise _ApiError(400, "Bad Request: message thread not found")
        if isinstance(thread, int):
            msg["message_thread_id"] = thread
            if cid < 0:
                msg["is_topic_message"] = True
        reply = params.get("reply_parameters")
        if isinstance(reply, dict) and isinstance(reply.get("message_id"), int):
            target = self._resolve_chat(reply.get("chat_id", cid))
            if (target, reply["message_id"]) in self._messages and target == cid:
                msg["reply_to_message"] = self._reply_target(cid, reply["message_id"])
            elif not reply.get("allow_sending_without_reply") and target == cid:
                raise _ApiError(400, "Bad Request: message to be replied not found")
        msg.update(content)
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            msg["reply_markup"] = markup
        msg["message_id"] = self._new_message_id(cid)
        self._messages[(cid, msg["message_id"])] = msg
        self.deliveries.append(Delivery(cid, msg["message_id"], self._clock()))
        return _json_copy(msg)

    def _formatted(self, params: JSONDict, key: str, entities_key: str) -> JSONDict:
        text = params.get(key)
        if not isinstance(text, str):
            return {}
        explicit = params.get(entities_key)
        mode = params.get("parse_mode")
        try:
            parsed = parse_text(text, mode if isinstance(mode, str) else None, bool(explicit))
        except HtmlError as exc:  # already refused by the spec check; be safe
            raise _ApiError(400, f"Bad Request: {exc}", violation=True) from exc
        out: JSONDict = {key: parsed.text}
        entities = explicit or parsed.entities
        if entities:
            out[entities_key] = entities
        return out

    def _new_file(self, kind: str, value: Any) -> JSONDict:
        self._file_counter += 1
        n = self._file_counter
        if isinstance(value, str) and not value.startswith(("attach://", "http://", "https://")):
            file_id = value
        else:
            file_id = f"FAKE-{kind}-{n}"
        info: JSONDict = {"file_id": file_id, "file_unique_id": f"U{n:08d}", "file_size": 1024}
        if isinstance(value, UploadedFile):
            info["file_size"] = len(value.data)
        return info

    def _media_content(self, kind: str, params: JSONDict, value: Any) -> JSONDict:
        info = self._new_file(kind, value)
        duration = params.get("duration", 1)
        if kind == "photo":
            small = dict(info, width=90, height=90)
            small["file_id"] = info["file_id"] + "-s"
            return {"photo": [small, dict(info, width=1280, height=960)]}
        if kind == "document":
            if isinstance(value, UploadedFile):
                info["file_name"] = value.filename
            return {"document": info}
        if kind == "animation":
            anim = dict(info, width=320, height=240, duration=duration)
            return {"animation": anim, "document": dict(info)}
        extra: dict[str, JSONDict] = {
            "audio": {"duration": duration},
            "video": {"width": 640, "height": 360, "duration": duration},
            "voice": {"duration": duration},
            "video_note": {"length": 240, "duration": duration},
            "sticker": {
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            },
        }
        return {kind: dict(info, **extra.get(kind, {}))}

    def _find(self, params: JSONDict, *, purpose: str) -> tuple[int, JSONDict]:
        if "chat_id" not in params or "message_id" not in params:
            raise _ApiError(
                400,
                "Bad Request: chat_id and message_id (or inline_message_id) are required",
                violation=True,
            )
        cid = self._resolve_chat(params["chat_id"])
        msg = self._messages.get((cid, params["message_id"]))
        if msg is None:
            raise _ApiError(400, f"Bad Request: message to {purpose} not found")
        return cid, msg

    def _edit(self, params: JSONDict, content: JSONDict, clear: tuple[str, ...] = ()) -> Any:
        """Apply an edit to a stored bot message; ``clear`` lists fields the edit removes.

        As in Telegram, an edit without ``reply_markup`` removes the inline keyboard.
        """
        if "inline_message_id" in params:
            return True
        _, msg = self._find(params, purpose="edit")
        if msg.get("from", {}).get("id") != BOT_ID:
            raise _ApiError(400, "Bad Request: message can't be edited")
        markup = params.get("reply_markup")
        new_markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        clear = tuple(k for k in clear if k not in content)
        unchanged = (
            all(msg.get(k) == v for k, v in content.items())
            and all(k not in msg for k in clear)
            and msg.get("reply_markup") == new_markup
        )
        if unchanged:
            raise _ApiError(400, _NOT_MODIFIED)
        for key in clear:
            msg.pop(key, None)
        msg.update(content)
        if new_markup is None:
            msg.pop("reply_markup", None)
        else:
            msg["reply_markup"] = new_markup
        msg["edit_date"] = int(time.time())
        return _json_copy(msg)

    def _member(self, status: str, user: JSONDict) -> JSONDict:
        type_name = {
            "creator": "ChatMemberOwner",
            "administrator": "ChatMemberAdministrator",
            "member": "ChatMemberMember",
            "restricted": "ChatMemberRestricted",
            "left": "ChatMemberLeft",
            "kicked": "ChatMemberBanned",
        }.get(status)
        if type_name is None:
            raise ValueError(f"unknown chat member status {status!r}")
        member = self._defaults(type_name)
        member.update(status=status, user=user)
        if status == "restricted":
            member["is_member"] = True
        if status == "administrator":
            member.update(can_manage_chat=True, can_delete_messages=True, can_invite_users=True)
        return member

    def _defaults(self, type_name: str) -> JSONDict:
        """Required fields of ``type_name`` filled with neutral values."""
        out: JSONDict = {}
        for name, fspec in self.spec.types[type_name].fields.items():
            if not fspec.required:
                continue
            kind = fspec.types[0]
            if kind == "Boolean":
                out[name] = False
            elif kind == "Integer":
                out[name] = 0
            elif kind == "String":
                out[name] = ""
            elif kind.startswith("Array of"):
                out[name] = []
            elif kind in self.spec.types and not self.spec.types[kind].subtypes:
                out[name] = self._defaults(kind)
        return out


# ---------------------------------------------------------------------- method table


def _m_get_me(api: FakeBotApi, params: JSONDict) -> Any:
    return dict(api.bot_user)


def _m_set_webhook(api: FakeBotApi, params: JSONDict) -> Any:
    api.webhook_url = str(params.get("url", ""))
    if params.get("drop_pending_updates"):
        _drop_pending(api)
    return True


def _m_delete_webhook(api: FakeBotApi, params: JSONDict) -> Any:
    api.webhook_url = ""
    if params.get("drop_pending_updates"):
        _drop_pending(api)
    return True


def _drop_pending(api: FakeBotApi) -> None:
    for update in api._queue:
        api._undelivered.discard(update["update_id"])
    api._queue.clear()


def _m_get_webhook_info(api: FakeBotApi, params: JSONDict) -> Any:
    return {
        "url": api.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(api._queue),
    }


def _m_send_message(api: FakeBotApi, params: JSONDict) -> Any:
    return api._bot_message(params, api._formatted(params, "text", "entities"))


def _media_sender(kind: str) -> Callable[[FakeBotApi, JSONDict], Any]:
    def send(api: FakeBotApi, params: JSONDict) -> Any:
        content = api._media_content(kind, params, params.get(kind))
        content.update(api._formatted(params, "caption", "caption_entities"))
        return api._bot_message(params, content)

    return send


def _m_send_location(api: FakeBotApi, params: JSONDict) -> Any:
    location = {"latitude": params["latitude"], "longitude": params["longitude"]}
    if "live_period" in params:
        location["live_period"] = params["live_period"]
    return api._bot_message(params, {"location": location})


def _m_send_venue(api: FakeBotApi, params: JSONDict) -> Any:
    location = {"latitude": params["latitude"], "longitude": params["longitude"]}
    venue = {"location": location, "title": params["title"], "address": params["address"]}
    return api._bot_message(params, {"venue": venue, "location": dict(location)})


def _m_send_contact(api: FakeBotApi, params: JSONDict) -> Any:
    contact = {k: params[k] for k in ("phone_number", "first_name", "last_name") if k in params}
    return api._bot_message(params, {"contact": contact})


def _m_send_dice(api: FakeBotApi, params: JSONDict) -> Any:
    dice = {"emoji": params.get("emoji", "🎲"), "value": random.randint(1, 6)}
    return api._bot_message(params, {"dice": dice})


def _m_send_poll(api: FakeBotApi, params: JSONDict) -> Any:
    poll = api._defaults("Poll")
    poll.update(
        id=str(random.getrandbits(62)),
        question=params["question"],
        options=[
            dict(api._defaults("PollOption"), text=o.get("text", "")) for o in params["options"]
        ],
        is_anonymous=params.get("is_anonymous", True),
        type=params.get("type", "regular"),
        allows_multiple_answers=params.get("allows_multiple_answers", False),
    )
    return api._bot_message(params, {"poll": poll})


def _m_send_media_group(api: FakeBotApi, params: JSONDict) -> Any:
    group_id = str(random.getrandbits(62))
    messages = []
    for item in params["media"]:
        kind = item.get("type", "document")
        content = api._media_content(kind, params, item.get("media"))
        content.update(api._formatted(item, "caption", "caption_entities"))
        content["media_group_id"] = group_id
        messages.append(api._bot_message(params, content))
    return messages


def _m_forward_message(api: FakeBotApi, params: JSONDict) -> Any:
    source = api._resolve_chat(params["from_chat_id"])
    original = api._messages.get((source, params["message_id"]))
    if original is None:
        raise _ApiError(400, "Bad Request: message to forward not found")
    skip = {"message_id", "from", "chat", "date", "reply_to_message", "edit_date", "reply_markup"}
    content = {k: _json_copy(v) for k, v in original.items() if k not in skip}
    sender = original.get("from")
    content["forward_origin"] = (
        {"type": "user", "date": original["date"], "sender_user": sender}
        if sender
        else {"type": "hidden_user", "date": original["date"], "sender_user_name": "Unknown"}
    )
    return api._bot_message(params, content)


def _m_copy_message(api: FakeBotApi, params: JSONDict) -> Any:
    source = api._resolve_chat(params["from_chat_id"])
    original = api._messages.get((source, params["message_id"]))
    if original is None:
        raise _ApiError(400, "Bad Request: message to copy not found")
    skip = {
        "message_id",
        "from",
        "chat",
        "date",
        "reply_to_message",
        "edit_date",
        "reply_markup",
        "message_thread_id",
        "is_topic_message",
        "media_group_id",
    }
    content = {k: _json_copy(v) for k, v in original.items() if k not in skip}
    if params.get("caption") == "" or params.get("remove_caption"):
        content.pop("caption", None)
        content.pop("caption_entities", None)
    elif "caption" in params:
        content.update(api._formatted(params, "caption", "caption_entities"))
    message = api._bot_message(params, content)
    return {"message_id": message["message_id"]}


def _m_copy_messages(api: FakeBotApi, params: JSONDict) -> Any:
    return [
        _m_copy_message(api, dict(params, message_id=mid)) for mid in sorted(params["message_ids"])
    ]


def _m_forward_messages(api: FakeBotApi, params: JSONDict) -> Any:
    out = []
    for mid in sorted(params["message_ids"]):
        message = _m_forward_message(api, dict(params, message_id=mid))
        out.append({"message_id": message["message_id"]})
    return out


def _m_edit_text(api: FakeBotApi, params: JSONDict) -> Any:
    if "inline_message_id" not in params:
        _, msg = api._find(params, purpose="edit")
        if "text" not in msg:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
    return api._edit(params, api._formatted(params, "text", "entities"), ("entities",))


def _m_edit_caption(api: FakeBotApi, params: JSONDict) -> Any:
    content = api._formatted(params, "caption", "caption_entities")
    return api._edit(params, content, ("caption", "caption_entities"))


def _m_edit_markup(api: FakeBotApi, params: JSONDict) -> Any:
    return api._edit(params, {})


_MEDIA_KEYS = ("photo", "video", "audio", "document", "animation", "caption", "caption_entities")


def _m_edit_media(api: FakeBotApi, params: JSONDict) -> Any:
    media = params["media"]
    kind = media.get("type", "document")
    content = api._media_content(kind, params, media.get("media"))
    content.update(api._formatted(media, "caption", "caption_entities"))
    return api._edit(params, content, _MEDIA_KEYS)


def _m_edit_live_location(api: FakeBotApi, params: JSONDict) -> Any:
    location = {"latitude": params["latitude"], "longitude": params["longitude"]}
    return api._edit(params, {"location": location})


def _m_stop_live_location(api: FakeBotApi, params: JSONDict) -> Any:
    if "inline_message_id" in params:
        return True
    _, msg = api._find(params, purpose="edit")
    msg["edit_date"] = int(time.time())
    return _json_copy(msg)


def _m_delete_message(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    if api._messages.pop((cid, params["message_id"]), None) is None:
        raise _ApiError(400, "Bad Request: message to delete not found")
    return True


def _m_delete_messages(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    for mid in params["message_ids"]:
        api._messages.pop((cid, mid), None)
    return True


def _m_get_chat_member(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    uid = int(params["user_id"])
    status = api.chat_members.get((cid, uid), "member")
    return api._member(status, api._user(uid))


def _m_get_chat(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    info = api._defaults("ChatFullInfo")
    info.update(api._chat(cid))
    info["max_reaction_count"] = 11
    return info


def _m_get_chat_member_count(api: FakeBotApi, params: JSONDict) -> Any:
    return 2


def _m_get_chat_administrators(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    return [
        api._member(status, api._user(uid))
        for (chat, uid), status in api.chat_members.items()
        if chat == cid and status in ("creator", "administrator")
    ]


def _m_create_forum_topic(api: FakeBotApi, params: JSONDict) -> Any:
    cid = api._resolve_chat(params["chat_id"])
    if cid > 0:
        raise _ApiError(400, "Bad Request: the chat is not a forum")
    icon_color = params.get("icon_color", DEFAULT_ICON_COLOR)
    service = api._bot_message(
        {"chat_id": cid},
        {"forum_topic_created": {"name": params["name"], "icon_color": icon_color}},
    )
    api.forum_topics.setdefault(cid, {})[service["message_id"]] = params["name"]
    topic = {
        "message_thread_id": service["message_id"],
        "name": params["name"],
        "icon_color": icon_color,
    }
    if "icon_custom_emoji_id" in params:
        topic["icon_custom_emoji_id"] = params["icon_custom_emoji_id"]
    return topic


def _topic(api: FakeBotApi, params: JSONDict) -> tuple[int, int]:
    cid = api._resolve_chat(params["chat_id"])
    thread = params["message_thread_id"]
    if thread not in api.forum_topics.get(cid, {}):
        raise _ApiError(400, "Bad Request: TOPIC_ID_INVALID")
    return cid, thread


def _m_edit_forum_topic(api: FakeBotApi, params: JSONDict) -> Any:
    cid, thread = _topic(api, params)
    if "name" in params:
        api.forum_topics[cid][thread] = params["name"]
    return True


def _m_delete_forum_topic(api: FakeBotApi, params: JSONDict) -> Any:
    cid, thread = _topic(api, params)
    api.delete_topic(cid, thread)
    return True


def _commands_key(params: JSONDict) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code", "")], sort_keys=True)


def _m_set_my_commands(api: FakeBotApi, params: JSONDict) -> Any:
    api.commands[_commands_key(params)] = list(params["commands"])
    return True


def _m_delete_my_commands(api: FakeBotApi, params: JSONDict) -> Any:
    api.commands.pop(_commands_key(params), None)
    return True


def _m_get_my_commands(api: FakeBotApi, params: JSONDict) -> Any:
    return _json_copy(api.commands.get(_commands_key(params), []))


def _m_answer_callback_query(api: FakeBotApi, params: JSONDict) -> Any:
    if params["callback_query_id"] not in api._callback_ids:
        raise _ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    return True


def _m_get_file(api: FakeBotApi, params: JSONDict) -> Any:
    file_id = str(params["file_id"])
    return {
        "file_id": file_id,
        "file_unique_id": f"U{zlib.crc32(file_id.encode()):08x}",
        "file_size": 1024,
        "file_path": f"files/{file_id}",
    }


def _m_export_invite_link(api: FakeBotApi, params: JSONDict) -> Any:
    return f"https://t.me/+FAKE{random.getrandbits(40):x}"


def _m_create_invite_link(api: FakeBotApi, params: JSONDict) -> Any:
    link = api._defaults("ChatInviteLink")
    link.update(invite_link=_m_export_invite_link(api, params), creator=dict(api.bot_user))
    for key in ("name", "expire_date", "member_limit", "creates_join_request"):
        if key in params:
            link[key] = params[key]
    return link


def _m_get_my_name(api: FakeBotApi, params: JSONDict) -> Any:
    return {"name": api.bot_user["first_name"]}


def _m_get_my_description(api: FakeBotApi, params: JSONDict) -> Any:
    return {"description": ""}


def _m_get_my_short_description(api: FakeBotApi, params: JSONDict) -> Any:
    return {"short_description": ""}


def _m_get_chat_menu_button(api: FakeBotApi, params: JSONDict) -> Any:
    return {"type": "default"}


_METHODS: dict[str, Callable[[FakeBotApi, JSONDict], Any]] = {
    "getMe": _m_get_me,
    "setWebhook": _m_set_webhook,
    "deleteWebhook": _m_delete_webhook,
    "getWebhookInfo": _m_get_webhook_info,
    "sendMessage": _m_send_message,
    "sendPhoto": _media_sender("photo"),
    "sendAudio": _media_sender("audio"),
    "sendDocument": _media_sender("document"),
    "sendVideo": _media_sender("video"),
    "sendAnimation": _media_sender("animation"),
    "sendVoice": _media_sender("voice"),
    "sendVideoNote": _media_sender("video_note"),
    "sendSticker": _media_sender("sticker"),
    "sendLocation": _m_send_location,
    "sendVenue": _m_send_venue,
    "sendContact": _m_send_contact,
    "sendDice": _m_send_dice,
    "sendPoll": _m_send_poll,
    "sendMediaGroup": _m_send_media_group,
    "forwardMessage": _m_forward_message,
    "forwardMessages": _m_forward_messages,
    "copyMessage": _m_copy_message,
    "copyMessages": _m_copy_messages,
    "editMessageText": _m_edit_text,
    "editMessageCaption": _m_edit_caption,
    "editMessageReplyMarkup": _m_edit_markup,
    "editMessageMedia": _m_edit_media,
    "editMessageLiveLocation": _m_edit_live_location,
    "stopMessageLiveLocation": _m_stop_live_location,
    "deleteMessage": _m_delete_message,
    "deleteMessages": _m_delete_messages,
    "getChat": _m_get_chat,
    "getChatMember": _m_get_chat_member,
    "getChatMemberCount": _m_get_chat_member_count,
    "getChatAdministrators": _m_get_chat_administrators,
    "createForumTopic": _m_create_forum_topic,
    "editForumTopic": _m_edit_forum_topic,
    "deleteForumTopic": _m_delete_forum_topic,
    "setMyCommands": _m_set_my_commands,
    "deleteMyCommands": _m_delete_my_commands,
    "getMyCommands": _m_get_my_commands,
    "answerCallbackQuery": _m_answer_callback_query,
    "getFile": _m_get_file,
    "exportChatInviteLink": _m_export_invite_link,
    "createChatInviteLink": _m_create_invite_link,
    "getMyName": _m_get_my_name,
    "getMyDescription": _m_get_my_description,
    "getMyShortDescription": _m_get_my_short_description,
    "getChatMenuButton": _m_get_chat_menu_button,
}


def _read_request(request: tornado.httputil.HTTPServerRequest) -> tuple[RawRequest, list[str]]:
    """Collect parameters from the query string and a form, multipart or JSON body."""
    problems: list[str] = []
    args: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}

    def take(source: dict[str, list[bytes]]) -> None:
        for key, values in source.items():
            if len(values) > 1:
                problems.append(f'parameter "{key}" is given {len(values)} times')
            try:
                args[key] = values[-1].decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f'parameter "{key}" is not valid UTF-8')

    take(request.query_arguments)
    content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if request.body:
        if content_type == "application/json":
            try:
                body = json.loads(request.body)
            except ValueError:
                problems.append("the JSON body does not parse")
                body = {}
            if isinstance(body, dict):
                args.update(body)
            else:
                problems.append("the JSON body must be an object")
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            take(request.body_arguments)
            for key, uploads in request.files.items():
                upload = uploads[-1]
                files[key] = UploadedFile(
                    str(upload.filename), str(upload.content_type), bytes(upload.body)
                )
        else:
            problems.append(f"unsupported Content-Type {content_type!r}")
    return RawRequest(args, files), problems
