"""Words of a question or passage as comparable units: spaCy's tokenizer and lemma tables, accents folded.

Built from spaCy's own language data (`spacy.blank` and `spacy-lookups-data`), so it needs no model download
and serves every language spaCy has data for: "stipendi" and "stipendio", "salaries" and "salary" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.lookups import load_lookups

from knowledge.followup_words import FOLLOWUP_OPENERS
from knowledge.languages import (
    CLAUSE_BREAKS,
    COMPARISON_CUES,
    DEFINITION_OPENERS,
    DISJUNCTIONS,
    INDIRECT_QUESTION_OPENERS,
    MEANING_WORDS,
    NEGATION_CUES,
    ONLY_WORDS,
    OPEN_QUESTION_WORDS,
    QUESTION_OPENERS,
    QUESTION_TAILS,
    QUESTION_WORDS,
    SET_ASIDE_CUES,
)

WORDLIKE = re.compile(r"\w", re.UNICODE)
WORDS = re.compile(r"[\w'’]+")
PUNCTUATION_BREAK = re.compile(r"[,;.:!?()]")
# A quotation mark, not an elision's apostrophe ("dell'articolo"): "'27/7'" would split into "27" and "/7".
QUOTE_MARK = re.compile(r"(?<!\w)'|'(?!\w)")
# A sentence ends at . ! or ? followed by a space ("8.30" stays whole; "e.g. " splits, a rough cut that is
# enough to tell what a message states from what it asks), or at a dash between spaces that parts a
# statement from a question (dash_ends_a_sentence).
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s+[–—]\s+")
# The words a statement before such a dash has at least ("Mon – Fri, can you?" is a range).
DASH_CLAUSE_WORDS = 3
# Text in parentheses or quotation marks: the visitor quoting, not saying.
QUOTED = re.compile(r"\([^)]*\)|\"[^\"]*\"|„[^“”]*[“”]|“[^”]*”|«[^»]*»")
NEGATION_WINDOW = 3  # words
SET_ASIDE_GAP = 2  # words between "apart from" and the term
MAX_LEMMA_STEPS = 3


def fold_accents(text: str) -> str:
    """ "perché" -> "perche", "Gehälter" -> "gehalter": typing without accents still matches."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class TextAnalyzer:
    """Lower-case, accent-folded lemmas of one language's text."""

    def __init__(self, language: str):
        self.language = language
        blank = spacy.blank(language)
        self._tokenizer = blank.tokenizer
        kept = {fold_accents(word) for word in QUESTION_WORDS.get(language, ())}
        self._function_words = {fold_accents(word) for word in blank.Defaults.stop_words} | kept
        self._stop_words = self._function_words - kept
        try:  # a spaCy Table: keyed by string hashes, so looked up with its own get()
            self._lemmas = load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup")
        except ValueError:  # spacy-lookups-data has no lookup table for this language
            self._lemmas = {}
        meaning = {fold_accents(self.lemma(word)) for word in MEANING_WORDS.get(language, ())}
        self._function_words |= meaning
        self._stop_words |= meaning

    def lemma(self, word: str) -> str:
        """The lookup lemma, followed to its end: the Italian table maps "stipendi" to "stipendio" but
        "stipendio" to "stipendiare", so plural and singular only meet at the last step."""
        for _ in range(MAX_LEMMA_STEPS):
            lemma = self._lemmas.get(word, word)
            if lemma == word:
                break
            word = lemma
        return word

    def lemmas(self, text: str) -> list[str]:
        return [lemma for _, lemma in self._words_and_lemmas(text)]

    def _words_and_lemmas(self, text: str) -> list[tuple[str, str]]:
        pairs = []
        for token in self._tokenizer(QUOTE_MARK.sub(" ", text.lower().replace("’", "'"))):
            word = token.text.strip("'")
            if WORDLIKE.search(word):
                pairs.append((word, fold_accents(self.lemma(word))))
        return pairs

    def normalised(self, text: str) -> str:
        """The lemmas joined by spaces: the form keywords and questions are compared in."""
        return " ".join(self.lemmas(text))

    def is_stop_word(self, lemma: str) -> bool:
        return lemma in self._stop_words

    def has_content_word(self, text: str) -> bool:
        """Whether the text has a word beyond spaCy's stop words and the question words ("what is"); the word
        as written counts too (the lemma table makes the article "dei" a "dio")."""
        function_words = self._function_words
        return any(
            lemma not in function_words and word not in function_words
            for word, lemma in self._words_and_lemmas(text)
        )

    def content_words(self, text: str, keep: frozenset[str] = frozenset()) -> str:
        """The lemmas without spaCy's stop words, except question words and the words in `keep` (spaCy's
        English list has "call", "back" and "front"): what two questions share that matters, not
        "and what do ... there"."""
        return " ".join(w for w in self.lemmas(text) if w in keep or w not in self._stop_words)


@lru_cache(maxsize=8)
def analyzer_for(language: str) -> TextAnalyzer:
    return TextAnalyzer(language)


def words_just_before(before: str) -> list[str]:
    """The lower-case words between the last punctuation mark and a term ("no chat, only " -> only)."""
    return WORDS.findall(PUNCTUATION_BREAK.split(before.lower())[-1])


def is_negated(before: str, language: str) -> bool:
    """Whether the words just before a term negate it: "no chat", "nessuna chat o email", "senza email".

    Only the same clause counts ("phone only, no chat" leaves the phone alone), and "not only" does not.
    """
    words = words_just_before(before)
    breaks = CLAUSE_BREAKS.get(language, ())
    last_break = max((i for i, word in enumerate(words) if word in breaks), default=-1)
    words = words[last_break + 1 :][-NEGATION_WINDOW:]
    cues, only = NEGATION_CUES.get(language, ()), ONLY_WORDS.get(language, ())
    return any(
        word.replace("’", "'") in cues and (index + 1 >= len(words) or words[index + 1] not in only)
        for index, word in enumerate(words)
    )


def is_set_aside(before: str, language: str) -> bool:
    """Whether the words just before a term set it aside: "apart from the phones", "a parte rispondere al
    telefono", "abgesehen vom Telefon" (up to two words may come between)."""
    return cue_ends_near(words_just_before(before), SET_ASIDE_CUES.get(language, ()), SET_ASIDE_GAP)


def cue_ends_near(words: list[str], cues: Iterable[str], gap: int) -> bool:
    """Whether one of the cues (whole words) ends at most `gap` words before the end of `words`."""
    heads = [f" {' '.join(words[: len(words) - skipped])}" for skipped in range(min(gap, len(words)) + 1)]
    return any(head.endswith(f" {cue}") for head in heads for cue in cues)


def is_compared(before: str, language: str) -> bool:
    """Whether the words just before a term make it the comparison, not the subject: "are they trained too,
    just like in call centers?", "vengono formati come nei call center?", "eingearbeitet wie im Callcenter?".
    The cue must follow words of the question itself: "Wie im Callcenter ...?" (how) and "E come nei call
    center?" (a follow-up about call centers) ask about the term."""
    sentence = WORDS.findall(re.split(r"[.!?]", before.lower())[-1])
    openers = {word for opener in FOLLOWUP_OPENERS.get(language, ()) for word in opener.split()}
    for cue in COMPARISON_CUES.get(language, ()):
        cue_words = cue.split()
        if words_just_before(before)[-len(cue_words) :] == cue_words:
            return any(word not in openers for word in sentence[: -len(cue_words)])
    return False


def unquoted(text: str) -> str:
    """The text with what it quotes blanked out, same length (positions still match): the customers'
    questions an answer lists ("status queries (When will the insurer pay?)") are not the visitor's. A full
    stop that ends the quote stays, as the end of the visitor's sentence ("hieß es nur: „Wir haben Hunderte
    Callcenter.“ Woran liegt das?")."""
    return QUOTED.sub(_blanked, text)


def _blanked(quoted: re.Match[str]) -> str:
    inner = quoted.group()
    if len(inner) > 2 and inner[0] != "(" and inner[-2] == ".":
        return " " * (len(inner) - 2) + ". "
    return " " * len(inner)


def sentences(text: str) -> list[tuple[int, str, bool]]:
    """(start, sentence, asks) for each sentence of the text: split after . ! or ? and a space, outside
    quotes; `asks` when it ends in a question mark of the visitor's own. Sentences are the original text."""
    masked = unquoted(text)
    found, start = [], 0
    for gap in [*SENTENCE_BREAK.finditer(masked), None]:
        at_dash = gap is not None and not gap.group().isspace()
        if at_dash and not dash_ends_a_sentence(masked[start : gap.start()], masked[gap.end() :]):
            continue
        end = gap.start() if gap else len(text)
        piece = masked[start:end]
        if piece.strip():
            first = start + len(piece) - len(piece.lstrip())
            last = start + len(piece.rstrip())
            # Before a dash, a question may lack its mark: "Was für Leute arbeiten im BPO – reicht da ...?",
            # also after context ("Wir sind ... Welche Tätigkeiten lassen sich auslagern – nur ...?"), unless
            # the question comes after it ("Wie gesagt, die Buchhaltung machen wir selbst – was kostet das?").
            after_dash = masked[gap.end() :] if at_dash else ""
            opening = (
                at_dash and opens_like_a_question(piece.strip()) and not opens_with_interrogative(after_dash)
            )
            found.append((first, text[first:last], masked[first:last].endswith("?") or opening))
        start = gap.end() if gap else end
    return found


def dash_ends_a_sentence(before: str, after: str) -> bool:
    """A spaced dash between a statement and a question ("Datenerfassung aus Akten und Schriftsätzen –
    kurze Frage nebenbei: sind das ausgebildete Leute?"), not inside a range ("200 – 300 calls", "Mon – Fri")
    or around an aside ("Customer service – which we do in-house – should move to you")."""
    rest = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0]
    return (
        len(before.split()) >= DASH_CLAUSE_WORDS
        and not before.rstrip()[-1:].isdigit()
        and not after.lstrip()[:1].isdigit()
        and rest.rstrip().endswith("?")
    )


def asking_sentences(text: str) -> str:
    """The sentences that ask, or the whole text when none or all do."""
    parts = sentences(text)
    asking = [sentence for _, sentence, asks in parts if asks]
    return " ".join(asking) if asking and len(asking) < len(parts) else text


def stated_part(text: str) -> str:
    """The sentences that do not ask: what a message says, not what it asks."""
    return " ".join(sentence for _, sentence, asks in sentences(text) if not asks)


def in_asking_sentence(text: str, position: int) -> bool:
    """Whether the character at `position` belongs to a sentence that asks."""
    return any(start <= position < start + len(sentence) for start, sentence, asks in sentences(text) if asks)


def opens_with(text: str, openers: Iterable[str]) -> bool:
    """Whether the text begins with one of the openers as whole words: "and in 2015?" opens with "and",
    "tell me how FTE pricing works" with "tell me"."""
    words = " ".join(text.lower().replace("’", "'").split())
    return any(words == opener or words.startswith(f"{opener} ") for opener in openers)


INTERROGATIVES = frozenset(
    word for lists in (QUESTION_WORDS, OPEN_QUESTION_WORDS) for words in lists.values() for word in words
)
# Question words that also open statements ("many of our customers call us ...").
NOT_QUESTION_OPENERS = frozenset({"much", "many", "long", "often", "viel", "viele"})


def opens_with_interrogative(text: str) -> bool:
    """ "was kostet das?", "how much?": the text's first word asks (any language's question words)."""
    words = WORDS.findall(text.lower())
    return bool(words) and words[0] in INTERROGATIVES


def opens_like_a_question(text: str) -> bool:
    """ "How ...", "tell me ...", "spiegami ...", "erklären Sie ...": a question without its question mark."""
    openers = [word for words in (*QUESTION_WORDS.values(), *QUESTION_OPENERS.values()) for word in words]
    return opens_with(text, (opener for opener in openers if opener not in NOT_QUESTION_OPENERS))


def asks_what_it_means(text: str, language: str) -> bool:
    """ "What's FTE pricing", "und was heißt Abrechnung pro FTE": asks what something is, in the message's
    language, after at most one word that opens a follow-up."""
    followup_words = [word for word in FOLLOWUP_OPENERS.get(language, ()) if " " not in word]
    rest = re.sub(rf"^\W*({'|'.join(map(re.escape, followup_words))})\s+", "", text.lower(), count=1)
    return opens_with(rest, DEFINITION_OPENERS.get(language, ()))


# A greeting before the message proper: "Hi, I was wondering whether ...".
GREETING = re.compile(r"\W*(hi|hello|hey|ciao|salve|buongiorno|buonasera|hallo|servus|guten tag|grüezi)\b\W*")


def asks_indirectly(text: str) -> bool:
    """ "Mi chiedevo se l'outsourcing del call center copre anche l'inserimento dati", "Hi, I was wondering
    whether ...": a message that opens with a question asked without its question mark, in any language.
    Not a need stated first ("Payroll for our staff, and I'd like to know whether ..."): that answers."""
    lowered = text.lower().replace("’", "'")
    opening = lowered[greeting.end() :] if (greeting := GREETING.match(lowered)) else lowered
    opening = re.sub(r"[,;:]", " ", opening)  # "Ich frage mich, ob ..."
    return opens_with(opening, (o for openers in INDIRECT_QUESTION_OPENERS.values() for o in openers))


def ends_like_a_question(text: str) -> bool:
    """ "Kundenservice rund um die Uhr über ein Callcenter, geht das": a statement turned into a question by
    the tag after its last comma, in any language (not "Abbiamo un call center. Funziona.")."""
    last_sentence = re.split(r"[.!?]\s", text.lower().replace("’", "'").strip(" .!"))[-1]
    if "," not in last_sentence:
        return False
    tails = {tail for tails in QUESTION_TAILS.values() for tail in tails}
    return " ".join(last_sentence.rsplit(",", 1)[1].split()) in tails


def asks_without_its_mark(text: str) -> bool:
    """ "I wonder whether ...", "..., geht das": a question without its question mark."""
    return asks_indirectly(text) or ends_like_a_question(text)


def asked_indirectly_at(text: str, position: int) -> bool:
    """Whether the sentence holding `position` opens with a question asked without its mark ("We're in
    Krakow. I wonder whether outsourcing our helpline ...")."""
    return any(
        start <= position < start + len(sentence) and asks_indirectly(sentence)
        for start, sentence, _ in sentences(text)
    )


def only_joins(between: str, language: str) -> bool:
    """Whether the words between two terms only join them with an "or": "no WhatsApp or chat"."""
    words = WORDS.findall(between.lower())
    return len(words) == 1 and words[0] in DISJUNCTIONS.get(language, ())


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text without the given (start, end) spans, the pieces left joined by spaces."""
    kept, position = [], 0
    for start, end in sorted(spans):
        kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    return " ".join(kept)


def without_words(text: str, words: Iterable[str]) -> str:
    """The text without these whole words or phrases (any case; the longest first, so that "l'altro lato"
    goes as a whole, not as "l'altro")."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.sub(rf"(?<!\w)({alternatives})(?!\w)", " ", text, flags=re.IGNORECASE) if alternatives else text
