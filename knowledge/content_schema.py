"""The shape of the YAML content files, declared with pydantic (v1, as pinned by rasa 3.6)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Extra, Field, constr, validator

from knowledge.languages import REQUIRED_LANGUAGES

Key = constr(regex=r"^[a-z0-9][a-z0-9_]*$", max_length=64)
FactId = constr(regex=r"^[A-Z][0-9]+$")
LanguageCode = constr(regex=r"^[a-z]{2}$")
TermKind = Literal["service", "channel", "language", "office", "outsourcing_type", "role", "hours"]
ModelCode = Literal["call_center", "bpo_front_office", "bpo_back_office", "bpo_full"]
DEFAULT_VARIANT = "default"


def check_translations(texts: dict[str, str]) -> dict[str, str]:
    """Every required language present, no empty text, language keys that look like ISO codes."""
    cleaned = {}
    for language, text in texts.items():
        if not isinstance(language, str) or len(language) != 2 or not language.islower():
            raise ValueError(f"'{language}' is not a two-letter language code")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the '{language}' text is empty")
        cleaned[language] = " ".join(text.split())
    missing = [language for language in REQUIRED_LANGUAGES if language not in cleaned]
    if missing:
        raise ValueError(f"missing translation: {', '.join(missing)}")
    return cleaned


def check_placeholders(texts: dict[str, str]) -> dict[str, str]:
    for language, text in texts.items():
        try:
            text.format(term="x")
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"the '{language}' text has an unknown placeholder ({error}); only {{term}}"
            ) from None
    return texts


class Spec(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class SourceSpec(Spec):
    key: Key
    title: dict[str, str]
    url: constr(regex=r"^https?://\S+$") | None = None
    year: int | None = Field(None, ge=1900, le=2100)

    _title = validator("title", allow_reuse=True)(check_translations)


class FactSpec(Spec):
    id: FactId
    source: Key
    summary: constr(min_length=1)


def _per_language(lists: dict[str, list[str]], what: str, rule: str, valid_list) -> dict:
    """Checks shared by keywords and example questions: two-letter codes, a valid list for each, and
    every required language present."""
    for language, items in lists.items():
        if not isinstance(language, str) or len(language) != 2 or not language.islower():
            raise ValueError(f"'{language}' is not a two-letter language code")
        if not isinstance(items, list) or not items or not valid_list(items):
            raise ValueError(f"the '{language}' {what} must be {rule}")
    missing = [language for language in REQUIRED_LANGUAGES if language not in lists]
    if missing:
        raise ValueError(f"missing {what}: {', '.join(missing)}")
    return lists


def check_keywords(keywords: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keywords in every required language, lower case, single spaces, no empty ones."""
    _per_language(keywords, "keywords", "a non-empty list", lambda words: True)
    return {
        language: [" ".join(str(word).lower().split()) for word in words if str(word).strip()]
        for language, words in keywords.items()
    }


def check_questions(questions: dict[str, list[str]]) -> dict[str, list[str]]:
    """Example questions: none at all, or a non-empty list of non-empty questions per required language."""
    if not questions:
        return {}
    non_empty = "a list of non-empty questions"
    _per_language(questions, "questions", non_empty, lambda asked: all(str(q).strip() for q in asked))
    return {
        language: list(dict.fromkeys(" ".join(str(q).split()) for q in asked))
        for language, asked in questions.items()
    }


class PassageSpec(Spec):
    """One idea of an answer: its text, the facts it rests on, the words a question about it uses and
    example questions that it answers (compared with the visitor's question as a whole)."""

    facts: list[FactId] = Field(..., min_items=1)
    keywords: dict[str, list[str]]
    questions: dict[str, list[str]] = {}
    text: dict[str, str]

    _keywords = validator("keywords", allow_reuse=True)(check_keywords)
    _questions = validator("questions", allow_reuse=True)(check_questions)
    _text = validator("text", allow_reuse=True)(lambda v: check_placeholders(check_translations(v)))


class AnswerSpec(Spec):
    variant: Key = DEFAULT_VARIANT
    passages: list[PassageSpec] = Field(..., min_items=1)
    examples: dict[str, str] | None = None

    _examples = validator("examples", allow_reuse=True)(
        lambda v: None if v is None else check_placeholders(check_translations(v))
    )


class TopicSpec(Spec):
    """A question area. Its facts are its passages' facts; its sources are those facts' sources."""

    key: Key
    intent: Key
    title: dict[str, str]
    related: list[Key] = []
    # glossary term -> the topic that asks this topic's question about that term
    same_question_about: dict[Key, Key] = {}
    answers: list[AnswerSpec] = Field(..., min_items=1)

    _title = validator("title", allow_reuse=True)(check_translations)

    @validator("answers")
    def one_default_and_unique_variants(cls, answers: list[AnswerSpec]) -> list[AnswerSpec]:
        variants = [answer.variant for answer in answers]
        duplicates = sorted({v for v in variants if variants.count(v) > 1})
        if duplicates:
            raise ValueError(f"duplicate variant: {', '.join(duplicates)}")
        if DEFAULT_VARIANT not in variants:
            raise ValueError("needs a 'default' variant")
        return answers

    @property
    def facts(self) -> list[str]:
        return list(dict.fromkeys(f for a in self.answers for p in a.passages for f in p.facts))


class TermSpec(Spec):
    key: Key
    kind: TermKind
    broader: Key | None = None
    code: LanguageCode | None = None
    served: bool | None = None
    labels: dict[str, str]
    synonyms: dict[LanguageCode, list[constr(min_length=1)]]

    _labels = validator("labels", allow_reuse=True)(check_translations)

    @validator("synonyms")
    def lower_case_synonyms(cls, synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
        return {lang: [" ".join(s.lower().split()) for s in forms] for lang, forms in synonyms.items()}

    @validator("code", "served")
    def only_for_languages(cls, value, values, field):
        if value is not None and values.get("kind") != "language":
            raise ValueError(f"'{field.name}' is only for terms of kind language")
        return value


class ServiceModelSpec(Spec):
    code: ModelCode
    facts: list[FactId] = Field(..., min_items=1)
    names: dict[str, str]
    summary: dict[str, str]
    workforce: dict[str, str]
    not_covered: dict[str, str]

    _texts = validator("names", "summary", "workforce", "not_covered", allow_reuse=True)(check_translations)


# The top-level key of a content file decides what it holds.
SECTION_SPECS: dict[str, type[Spec]] = {
    "sources": SourceSpec,
    "facts": FactSpec,
    "topics": TopicSpec,
    "terms": TermSpec,
    "service_models": ServiceModelSpec,
}
