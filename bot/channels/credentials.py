"""Writes the credentials Rasa starts with: REST and socketio always, each messaging channel only when its
environment variables are set (a half-configured channel is an error that names the missing variables).

Usage: python -m bot.channels.credentials var/credentials.yml
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

BASE = Path(__file__).resolve().parents[2] / "credentials.yml"
REST = "bot.channels.rest.CheckedRestInput"


@dataclass(frozen=True)
class Channel:
    key: str  # the connector name (or class path) in credentials.yml
    settings: dict[str, str]  # credentials.yml setting -> environment variable
    optional: tuple[str, ...] = ()  # settings that may stay unset


CHANNELS = (
    Channel(
        "telegram",
        {
            "access_token": "TELEGRAM_ACCESS_TOKEN",
            "verify": "TELEGRAM_BOT_NAME",
            "webhook_url": "TELEGRAM_WEBHOOK_URL",
        },
    ),
    Channel(
        "slack",
        {
            "slack_token": "SLACK_TOKEN",
            "slack_signing_secret": "SLACK_SIGNING_SECRET",
            "slack_channel": "SLACK_CHANNEL",
        },
        optional=("slack_channel",),
    ),
    Channel(
        "facebook",
        {
            "verify": "FACEBOOK_VERIFY",
            "secret": "FACEBOOK_SECRET",
            "page-access-token": "FACEBOOK_PAGE_ACCESS_TOKEN",
        },
    ),
    # WhatsApp and SMS through Twilio have no buttons: options go out as a numbered list (twilio.py).
    Channel(
        "bot.channels.twilio.NumberedTwilioInput",
        {
            "account_sid": "TWILIO_ACCOUNT_SID",
            "auth_token": "TWILIO_AUTH_TOKEN",
            "twilio_number": "TWILIO_NUMBER",
            "webhook_url": "TWILIO_WEBHOOK_URL",  # the public URL Twilio signs, when behind a proxy
        },
        optional=("webhook_url",),
    ),
)


class ChannelConfigError(ValueError):
    pass


def credentials(environment: Mapping[str, str], base: Path = BASE) -> dict:
    config = yaml.safe_load(base.read_text()) or {}
    problems = []
    for channel in CHANNELS:
        values = {setting: environment.get(variable, "") for setting, variable in channel.settings.items()}
        required = [s for s in channel.settings if s not in channel.optional]
        given = [s for s in required if values[s]]
        if not given:
            continue
        missing = [channel.settings[s] for s in required if not values[s]]
        if missing:
            problems.append(f"{channel.key}: set {', '.join(missing)} too, or unset the others")
            continue
        config[channel.key] = {setting: value for setting, value in values.items() if value}
    if problems:
        raise ChannelConfigError("messaging channels half configured:\n  " + "\n  ".join(problems))
    return config


def with_rest_token(config: dict) -> dict:
    """REST behind `Authorization: Bearer $REST_API_TOKEN` (bot/channels/rest.py) instead of open REST."""
    config = {key: value for key, value in config.items() if key not in ("rest", REST)}
    return {"bot.channels.rest.TokenRestInput": {"token_variable": "REST_API_TOKEN"}, **config}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", type=Path)
    parser.add_argument("--rest-token", action="store_true", help="REST requires $REST_API_TOKEN")
    args = parser.parse_args(argv)
    try:
        config = credentials(os.environ)
        if args.rest_token:
            config = with_rest_token(config)
    except ChannelConfigError as error:
        print(error, file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(yaml.safe_dump(config, sort_keys=False))
    print(f"channels: {', '.join(name.rsplit('.', 1)[-1] for name in config)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
