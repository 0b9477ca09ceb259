"""How a follow-up points back at the answer before it, per language (knowledge.question): the words that
open it, point at what was said, or ask about then or now.

Lower case; matched as whole words or phrases.
"""

# Words that open a follow-up ("and in 2015?", "e nel BPO?", "und beim Callcenter?"): the previous topic then
# competes with a prior of its own, whatever the classifier says (knowledge/answering.py).
FOLLOWUP_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("and", "but", "so", "what about", "how about", "also"),
    "it": ("e", "ed", "ma", "quindi", "invece", "e invece", "anche"),
    "de": ("und", "aber", "also", "und was", "wie ist es mit", "auch"),
}
# Words that ask about the past: "did those jobs need skilled staff back then?" after the history asks about
# then, not about today's workforce (knowledge.question.asks_about_the_past). Time phrases only: past verbs
# ("was", "war", "era") also ask "und wie war das mit den Gehältern?".
PAST_CUES: dict[str, tuple[str, ...]] = {
    "en": ("back then", "at the time", "at that time", "in those days", "originally", "at first",
           "in the beginning", "in the early days", "in the early years", "early on", "in the past",
           "in the old days", "when it started", "when it began", "when bpo started", "when bpo began",
           "used to be", "it used to", "than before", "compared to before", "compared with before"),
    "it": ("all'epoca", "a quei tempi", "in passato", "agli inizi", "all'inizio", "all inizio",
           "inizialmente", "nei primi tempi", "ai primi tempi", "alle origini", "all'origine",
           "quando è nato", "quando e nato", "quando sono nati", "mentre una volta", "rispetto a una volta",
           "rispetto a prima", "rispetto al passato"),
    "de": ("damals", "früher", "frueher", "anfangs", "am anfang", "ursprünglich", "urspruenglich",
           "zu der zeit", "zu dieser zeit", "seinerzeit", "in den anfängen", "in den anfaengen",
           "in der anfangszeit", "in den anfangszeiten", "anfangszeiten", "in der vergangenheit",
           "in den anfangsjahren", "einst"),
}  # fmt: skip
# Words of the present: "and do those jobs need a degree today?" asks about today even after the history.
PRESENT_CUES: dict[str, tuple[str, ...]] = {
    "en": ("today", "now", "nowadays", "these days", "currently"),
    "it": ("oggi", "adesso", "ora", "oggigiorno", "attualmente"),
    "de": ("heute", "jetzt", "heutzutage", "aktuell", "derzeit"),
}
# Words that point back at what was just said: "was it ever higher?", "were those jobs highly skilled?",
# "and which one covers both?". In a short message that names no term they keep the previous topic in the
# running (knowledge.question.refers_back). Not German "es"/"sie" ("gibt es", "Sie"), nor Italian "lo/la".
# The demonstratives point at things told ("those jobs" after the history: the jobs of back then); "it" and
# "they" also ask "and what did you say it costs?".
DEMONSTRATIVES: dict[str, tuple[str, ...]] = {
    "en": ("those", "these", "that kind of", "that sort of", "such jobs", "such work"),
    "it": ("quei", "quegli", "quelli", "quelle", "quello", "quella", "questi", "queste", "quel tipo di",
           "quel genere di", "del genere"),
    "de": ("jene", "jener", "jenen", "diese", "dieser", "diesen", "dieses", "solche", "solchen", "davon",
           "dabei", "dafür", "dafuer"),
}  # fmt: skip
REFERRING_WORDS: dict[str, tuple[str, ...]] = {
    "en": (*DEMONSTRATIVES["en"], "it", "its", "they", "them", "which one", "that one", "back then",
           "at the time", "at that time", "in those days", "in that case", "in this case"),
    "it": (*DEMONSTRATIVES["it"], "a quei tempi", "all'epoca", "in quel periodo", "quale dei",
           "quale di questi", "quale di queste", "quale delle", "in quel caso", "in questo caso"),
    "de": (*DEMONSTRATIVES["de"], "damals", "zu der zeit", "zu dieser zeit", "welches davon",
           "welcher davon", "da genau", "in dem fall", "in diesem fall"),
}  # fmt: skip
# "And the other one?" after an answer about one of a pair (front or back office, BPO or call center): the
# same question about the other of the two (knowledge.answering).
OTHER_ONE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("the other", "the other one", "the other side", "the opposite", "the other way round"),
    "it": ("l'altro", "l'altra", "l'altro lato", "dall'altra parte", "l'opposto", "il contrario"),
    "de": ("das andere", "die andere", "der andere", "den anderen", "die andere seite", "das gegenteil",
           "das gegenstück", "das gegenstueck"),
}  # fmt: skip
# Nouns that go with a subject and ask nothing of their own: "und ein BPO-Anbieter?", "and a BPO provider?",
# "e un fornitore BPO?" name only the subject (bot.actions.answers.names_only_terms).
SUBJECT_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("provider", "providers", "company", "companies", "firm", "firms", "vendor", "vendors", "one"),
    "it": ("fornitore", "fornitori", "azienda", "aziende", "società", "societa"),
    "de": ("anbieter", "dienstleister", "firma", "firmen", "unternehmen", "partner"),
}
