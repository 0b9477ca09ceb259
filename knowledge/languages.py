"""The languages the assistant speaks. Adding German means adding "de" here and its texts."""

DEFAULT_LANGUAGE = "en"
# Every knowledge-base text must exist in these; the loader refuses content without them.
REQUIRED_LANGUAGES: tuple[str, ...] = ("en", "it")
# Languages the assistant converses in (detection, responses, training data).
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "it")
