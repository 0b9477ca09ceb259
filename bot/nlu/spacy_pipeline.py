"""Build the spaCy pipeline Rasa's SpacyNLP loads, from spaCy's own language data (no model download).

One pipeline serves every supported language:
- tokenizer: spaCy's multi-language defaults plus the Italian elision rule ("dell'outsourcing" splits) and
  hyphens between letters whatever their case ("E-Mail");
- lemmatizer: spaCy's lookup lemmatizer over the lemma tables of each language (spacy-lookups-data), merged
  and pruned to the entries that touch a word of the training data or the knowledge base (see below);
- entity_ruler: every glossary synonym of the knowledge base, labelled with its kind (service, channel, ...)
  and carrying the canonical term key as the pattern id.

Usage: python -m bot.nlu.spacy_pipeline build/spacy/pipeline
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.lang.it.punctuation import TOKENIZER_INFIXES as ITALIAN_INFIXES
from spacy.language import Language
from spacy.lookups import Lookups, load_lookups
from spacy.util import compile_infix_regex

from knowledge.languages import SUPPORTED_LANGUAGES
from knowledge.loader import CONTENT_DIR, read_content

ENTITY_LABELS = ("service", "channel", "language", "office", "outsourcing_type", "role", "hours")
TRAINING_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
WORD = re.compile(r"\w+")
# The Italian and German tables (330,000+ entries each) are pruned; the English one (42,000) is kept whole:
# pruning it cost held-out intent F1 (en 0.942 -> 0.936), pruning the others cost nothing measurable.
PRUNE_ABOVE = 100_000


def glossary_patterns(content_dir: Path = CONTENT_DIR) -> list[dict]:
    """Entity-ruler patterns from the knowledge-base glossary (read from YAML, validated)."""
    content = read_content(content_dir)
    return [
        {"label": term.kind, "pattern": surface, "id": term.key}
        for term in content.terms
        for surfaces in term.synonyms.values()
        for surface in surfaces
    ]


def known_words(folders: Iterable[Path] = (TRAINING_DATA_DIR, CONTENT_DIR)) -> set[str]:
    """Every word of the training data and the knowledge base, as written, lower-cased and capitalised."""
    words: set[str] = set()
    for folder in folders:
        for path in folder.rglob("*.yml"):
            for word in WORD.findall(path.read_text(encoding="utf-8")):
                words.update((word, word.lower(), word.capitalize()))
    return words


def pruned(table: dict[str, str], known: set[str]) -> dict[str, str]:
    """The entries whose word or lemma the model can know: the rest add no feature, only memory.

    Three languages' tables hold 730,000 entries (about 250 MB in the Rasa server); a message word whose
    lemma is no training word gets no word feature either way (only its character n-grams change).
    Keeping entries whose lemma is known still folds an unseen inflection ("Gehältern") onto a trained
    lemma ("Gehalt").
    """
    known_lemmas = known | {table[word] for word in known if word in table}
    return {word: lemma for word, lemma in table.items() if word in known or lemma in known_lemmas}


def merged_lemma_lookups(languages: tuple[str, ...], known: set[str] | None = None) -> Lookups:
    """One lookup table from each language's table; the first language listed wins a clash. Tables of
    more than PRUNE_ABOVE entries are pruned to the known words (when given)."""
    merged: dict[str, str] = {}
    for language in reversed(languages):
        table = dict(load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup"))
        merged.update(pruned(table, known) if known is not None and len(table) > PRUNE_ABOVE else table)
    lookups = Lookups()
    lookups.add_table("lemma_lookup", merged)
    return lookups


def build_pipeline(
    patterns: list[dict],
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES,
    known: set[str] | None = None,
) -> Language:
    nlp = spacy.blank("xx")
    # A hyphen between letters or digits splits, whatever the case ("E-Mail", "Call-Center", "Mo-Fr"), so
    # the lower-case glossary patterns ("e-mail") match the way German capitalises.
    hyphen = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
    nlp.tokenizer.infix_finditer = compile_infix_regex([*ITALIAN_INFIXES, hyphen]).finditer
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatizer.initialize(lookups=merged_lemma_lookups(languages, known))
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    # Patterns go in after any initialize(): initialize empties the ruler (spaCy warning W036).
    ruler.add_patterns(patterns)
    return nlp


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", type=Path, help="folder to write the pipeline to")
    args = parser.parse_args(argv)
    patterns = glossary_patterns()
    args.output.mkdir(parents=True, exist_ok=True)
    build_pipeline(patterns, known=known_words()).to_disk(args.output)
    print(f"spaCy pipeline with {len(patterns)} glossary patterns written to {args.output}")


if __name__ == "__main__":
    main()
