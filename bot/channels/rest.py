"""The REST channel: Rasa's, with the request checked, and (production profile) behind a bearer token.

`CheckedRestInput` answers a malformed request with 400 and what is wrong, where Rasa's own REST channel
answers 500 (a JSON list as body) or an empty 200 (a number as message, metadata that is not an object),
and logs nothing of the message text (Rasa's logs it when handling fails or times out).

`TokenRestInput` also requires `Authorization: Bearer $REST_API_TOKEN`. The token is read from the
environment variable that credentials.yml names (`token_variable`), so it is never written to a file;
without it every message is refused (the channel fails closed). The web page does not use REST (it talks
socket.io), and `make run` keeps REST open, on localhost.
"""

from __future__ import annotations

import hmac
import logging
import os
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)
DEFAULT_TOKEN_VARIABLE = "REST_API_TOKEN"


class BadRequest(ValueError):
    pass


def message_from(request: Request) -> tuple[str, str, dict | None]:
    """(text, sender, metadata) of a well-formed request body; BadRequest says what is wrong."""
    try:
        body = request.json
    except Exception as error:  # Sanic's InvalidUsage, or invalid UTF-8
        raise BadRequest("the body must be JSON in UTF-8") from error
    if not isinstance(body, dict):
        raise BadRequest('the body must be a JSON object: {"sender": "...", "message": "..."}')
    text, sender, metadata = body.get("message"), body.get("sender", "default"), body.get("metadata")
    if not isinstance(text, str):
        raise BadRequest('"message" must be a string')
    if isinstance(sender, bool) or not isinstance(sender, str | int) or not str(sender).strip():
        raise BadRequest('"sender" must be a non-empty string')
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be an object')
    return text, str(sender), metadata


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # same URL as Rasa's REST channel: /webhooks/rest/webhook

    def refusal(self, request: Request) -> HTTPResponse | None:
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            try:
                text, sender, metadata = message_from(request)
            except BadRequest as error:
                return response.json({"error": "bad_request", "message": str(error)}, status=400)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
                )
            except CancelledError:
                logger.error("REST: no reply in time (a message of %d characters)", len(text))
            except Exception:
                logger.exception("REST: handling a message of %d characters failed", len(text))
            return response.json(collector.messages)

        return webhook


class TokenRestInput(CheckedRestInput):
    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TokenRestInput:
        variable = (credentials or {}).get("token_variable") or DEFAULT_TOKEN_VARIABLE
        token = os.environ.get(variable, "")
        if not token:
            logger.error("REST channel: %s is not set; every message will be refused", variable)
        return cls(token)

    def __init__(self, token: str) -> None:
        self.token = token

    def refusal(self, request: Request) -> HTTPResponse | None:
        scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
        expected = self.token.encode()
        if expected and scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), expected):
            return None
        return response.json(
            {"error": "unauthorized", "message": "send Authorization: Bearer <REST_API_TOKEN>"},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
