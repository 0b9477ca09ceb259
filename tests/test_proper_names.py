"""A short message that reads as a name in answer to the form's name and company questions."""

from __future__ import annotations

import pytest

from knowledge.proper_names import looks_like_a_name


@pytest.mark.parametrize(
    "text",
    [
        "Elena Guidi",
        "Titano Meccanica S.p.A.",
        "Jan van der Berg",
        "Müller & Söhne GmbH",
        "O'Brien",
        "Rossi, Mario",
    ],
)
def test_names_and_company_names(text):
    assert looks_like_a_name(text)


@pytest.mark.parametrize(
    "text", ["help me", "what do you mean", "Who are you?", "I am Elena", "&", "anna@example.com", ""]
)
def test_requests_and_sentences_are_no_name(text):
    assert not looks_like_a_name(text)
