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
           "used to be", "it used to", "than before", "compared to before", "compared with before",
           "always been", "always needed", "has always", "have always", "from the start", "from day one",
           "the first call centers", "the first call centres", "the early call centers",
           "the early call centres"),
    "it": ("all'epoca", "a quei tempi", "in passato", "agli inizi", "all'inizio", "all inizio",
           "inizialmente", "nei primi tempi", "ai primi tempi", "alle origini", "all'origine",
           "quando è nato", "quando e nato", "quando sono nati", "mentre una volta", "rispetto a una volta",
           "rispetto a prima", "rispetto al passato", "da sempre", "sempre stato", "sempre stati",
           "fin dall'inizio", "fin dagli inizi", "i primi call center", "nei primi call center",
           "dei primi call center"),
    "de": ("damals", "früher", "frueher", "anfangs", "am anfang", "ursprünglich", "urspruenglich",
           "zu der zeit", "zu dieser zeit", "seinerzeit", "in den anfängen", "in den anfaengen",
           "in der anfangszeit", "in den anfangszeiten", "anfangszeiten", "in der vergangenheit",
           "in den anfangsjahren", "einst", "schon immer", "seit jeher", "von anfang an",
           "die ersten callcenter", "in den ersten callcentern", "der ersten callcenter"),
}  # fmt: skip
# Past forms of "need" and "outsource": "servivano persone qualificate?", "brauchte man dafür Fachleute?",
# "e perché si esternalizzava?" just after the history ask about what it told of
# (knowledge.question.points_back_at_the_history).
PAST_NEED_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("did they need", "did it need", "did you need", "did that need", "did those need", "was needed",
           "were needed", "was required", "were required", "did it require", "did they require",
           "did they outsource", "did companies outsource", "was it outsourced", "were they outsourced"),
    "it": ("serviva", "servivano", "richiedeva", "richiedevano", "occorreva", "occorrevano", "bisognava",
           "ci volevano", "ci voleva", "si esternalizzava", "esternalizzavano", "si affidava", "affidavano"),
    "de": ("brauchte", "brauchten", "benötigte", "benötigten", "benoetigte", "benoetigten", "erforderte",
           "erforderten", "gebraucht hat", "gebraucht wurden", "nötig war", "noetig war", "lagerte man",
           "lagerten", "hat man ausgelagert", "wurde ausgelagert", "wurden ausgelagert"),
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
# A follow-up that asks for more of the answer just given, and nothing else: "what else?", "was noch?",
# "cos'altro?" get the passages it did not show (bot.actions.last_reply).
MORE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("what else", "anything else", "what more", "more", "tell me more", "go on", "and then",
           "and what else", "what else is there", "any more", "anything more", "more please",
           "what other reasons", "others"),
    "it": ("cos'altro", "cosa altro", "che altro", "cos altro", "altro", "e poi", "dimmi di più",
           "dimmi di piu", "di più", "di piu", "altro ancora", "e ancora", "ancora", "poi", "e cos'altro",
           "nient'altro", "che altro c'è", "altri motivi", "e altri"),
    "de": ("was noch", "was sonst", "und sonst", "sonst noch was", "sonst noch etwas", "noch mehr", "mehr",
           "erzähl mehr", "erzaehl mehr", "und weiter", "weiter", "was gibt es noch", "und was noch",
           "noch was", "noch etwas", "was denn noch", "sonst noch", "und noch"),
}  # fmt: skip
# Words that may go with "what else?" and say nothing more: "what else, please?", "und sonst, bitte?".
POLITE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("please", "pls", "ok", "okay", "then"),
    "it": ("per favore", "grazie", "ok", "allora"),
    "de": ("bitte", "danke", "ok", "denn", "dann"),
}
# ... or for its source: "source?", "fonte?", "Quelle?", "says who?" get the sources of what it showed.
SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("source", "sources", "what's the source", "what is the source", "your source", "your sources",
           "what's your source", "what is your source",
           "where is that from", "where does that come from", "says who",
           "where did you get that", "according to whom", "any source"),
    "it": ("fonte", "fonti", "qual è la fonte", "qual e la fonte", "quale fonte", "da dove viene",
           "chi lo dice", "da dove arriva", "dove l'avete preso", "secondo chi", "la fonte"),
    "de": ("quelle", "quellen", "welche quelle", "woher stammt das", "woher kommt das", "laut wem",
           "wer sagt das", "woher habt ihr das", "woher haben sie das", "woher hast du das", "die quelle",
           "was ist die quelle", "belege", "beleg"),
}  # fmt: skip
