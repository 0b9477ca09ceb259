"""The REST channel for integrations, behind a bearer token (the production profile's credentials).

    Authorization: Bearer $REST_API_TOKEN

The token is read from the environment variable that credentials.yml names (`token_variable`), so it is
never written to a file. Without a token configured every message is refused: the channel fails closed.
The web page does not use this channel (it talks socket.io), and `make run` keeps Rasa's plain REST
channel on localhost.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)
DEFAULT_TOKEN_VARIABLE = "REST_API_TOKEN"


class TokenRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # same URL as Rasa's REST channel: /webhooks/rest/webhook

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TokenRestInput:
        variable = (credentials or {}).get("token_variable") or DEFAULT_TOKEN_VARIABLE
        token = os.environ.get(variable, "")
        if not token:
            logger.error("REST channel: %s is not set; every message will be refused", variable)
        return cls(token)

    def __init__(self, token: str) -> None:
        self.token = token

    def authorized(self, request: Request) -> bool:
        scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
        return bool(self.token) and scheme.lower() == "bearer" and hmac.compare_digest(given, self.token)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def require_token(request: Request) -> Any:
            if request.method == "POST" and not self.authorized(request):
                return response.json(
                    {"error": "unauthorized", "message": "send Authorization: Bearer <REST_API_TOKEN>"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return None

        return blueprint
