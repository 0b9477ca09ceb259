"""The languages the assistant speaks, and the little language data spaCy does not provide.

Adding a language: add its code here, then its texts (README, "Adding a language", lists every file).
"""

DEFAULT_LANGUAGE = "en"
# Every knowledge-base text must exist in these; the loader refuses content without them.
REQUIRED_LANGUAGES: tuple[str, ...] = ("en", "it", "de")
# Languages the assistant converses in (detection, responses, training data).
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "it", "de")

# Words that negate the glossary term right after them in a prospect's answer ("phone only, no chat or
# e-mail"); words that start a new clause, which a negation does not cross ("no chat, but phone"); and the
# words that turn a negation into "not only" ("not only phone but also chat").
NEGATION_CUES: dict[str, tuple[str, ...]] = {
    "en": ("no", "not", "don't", "dont", "doesn't", "without", "except", "never", "nor", "none", "neither"),
    "it": ("no", "non", "nessun", "nessuna", "nessuno", "senza", "né", "niente", "tranne", "mai"),
    "de": ("kein", "keine", "keinen", "keiner", "nicht", "ohne", "außer", "ausser", "nie", "weder", "nein"),
}
# Any language's negation, for short messages that may have been taken for another language ("no, ...").
ANY_NEGATION = frozenset(word for words in NEGATION_CUES.values() for word in words)
# Words that set a term aside in a question: "apart from answering phones, what else does a BPO do?" is
# about the BPO, not the phones.
SET_ASIDE_CUES: dict[str, tuple[str, ...]] = {
    "en": ("apart from", "aside from", "besides", "other than", "except", "except for", "beyond"),
    "it": ("a parte", "oltre a", "oltre al", "oltre alla", "oltre ai", "oltre alle", "tranne", "eccetto"),
    "de": ("abgesehen von", "abgesehen vom", "außer", "ausser", "neben", "jenseits von"),
}
# Words that make a term the comparison in a question about another subject: after a question about BPO
# skills, "are they trained first, as in call centers?" is still about the BPO. Not the English "like in"
# ("what is pay like in call centers?" asks about call centers).
COMPARISON_CUES: dict[str, tuple[str, ...]] = {
    "en": ("just like", "just like in", "as in", "as with", "same as", "same as in"),
    "it": ("come nei", "come nel", "come negli", "come nelle", "come in", "come per i", "come per il",
           "come per gli", "come succede nei", "come avviene nei", "a differenza dei", "a differenza del"),
    "de": ("wie im", "wie beim", "wie bei", "wie in", "genau wie", "genauso wie", "ähnlich wie", "anders als",
           "anders als im", "anders als bei"),
}  # fmt: skip
# "Or" words, which carry a negation on to the next term ("no WhatsApp or chat").
DISJUNCTIONS: dict[str, tuple[str, ...]] = {"en": ("or", "nor"), "it": ("o", "né"), "de": ("oder",)}
CLAUSE_BREAKS: dict[str, tuple[str, ...]] = {
    "en": ("but", "only", "just"),
    "it": ("ma", "però", "solo", "soltanto"),
    "de": ("aber", "sondern", "nur"),
}
# Question words spaCy lists as stop words but that tell passages apart ("why" a reason, "how much" a figure):
# the example-question index keeps them (knowledge/ranking.py).
QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("how", "why", "when", "where", "who", "which", "much", "many", "long", "often"),
    "it": (
        "perché",
        "come",
        "quando",
        "dove",
        "chi",
        "quale",
        "quali",
        "quanto",
        "quanti",
        "quante",
        "quanta",
    ),
    "de": (
        "warum",
        "wieso",
        "weshalb",
        "wie",
        "wann",
        "wo",
        "wer",
        "welche",
        "welcher",
        "welches",
        "viel",
        "viele",
    ),
}
# Openings that ask what something is or means ("what's FTE pricing", "und was heißt Abrechnung pro FTE"):
# a question even when it names work, so it starts no form (bot/actions/answers.states_a_need).
DEFINITION_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("what is", "what are", "what does", "what's"),
    "it": ("cos'è", "cosa è", "che cos'è", "cosa sono", "cosa vuol dire", "cosa significa"),
    "de": ("was ist", "was sind", "was heißt", "was heisst", "was bedeutet"),
}
# Words that open a question typed without its question mark ("tell me how FTE pricing works"), besides the
# question words: inside the form such a message is a question, not a description of the work.
QUESTION_OPENERS: dict[str, tuple[str, ...]] = {
    "en": (*DEFINITION_OPENERS["en"], "what kind of", "what sort of", "tell me", "explain", "can you",
           "could you", "do you"),
    "it": (*DEFINITION_OPENERS["it"], "che tipo di", "che genere di", "dimmi", "mi dica", "spiegami",
           "mi spieghi"),
    "de": (*DEFINITION_OPENERS["de"], "was für", "was fuer", "sagen sie", "erklären sie", "erklär mir",
           "können sie", "gibt es"),
}  # fmt: skip
# Tags after a comma that make the statement before them a question asked without its mark ("Kundenservice
# rund um die Uhr über ein Callcenter, geht das", "supporto in polacco, si può fare", "that's back office,
# right"), at the end of the message; not a sentence of their own ("Funziona.").
QUESTION_TAILS: dict[str, tuple[str, ...]] = {
    "en": ("is that possible", "is this possible", "is that doable", "can you do that", "can that be done",
           "would that work", "does that work", "possible", "right"),
    "it": ("è possibile", "e possibile", "si può fare", "si puo fare", "si può", "si puo", "è fattibile",
           "fattibile", "potete farlo", "funziona", "vero"),
    "de": ("geht das", "ginge das", "ist das möglich", "ist das moeglich", "wäre das möglich",
           "waere das moeglich", "klappt das", "machbar", "ist das machbar", "geht sowas", "möglich", "oder",
           "nicht wahr"),
}  # fmt: skip
# Openings of a question asked without its question mark ("mi chiedevo se l'outsourcing copre anche ..."):
# a question, not a need stated (knowledge.text_analysis.asks_indirectly).
INDIRECT_QUESTION_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("i wonder", "i was wondering", "i'm wondering", "i'd like to know", "i would like to know",
           "i want to know", "can you tell me", "could you tell me"),
    "it": ("mi chiedevo", "mi chiedo", "mi domandavo", "mi domando", "vorrei sapere", "volevo sapere",
           "mi sapete dire", "sapreste dirmi", "potete dirmi"),
    "de": ("ich frage mich", "ich habe mich gefragt", "ich hab mich gefragt", "ich wüsste gern",
           "ich wuesste gern", "ich würde gern wissen", "ich wuerde gern wissen", "ich wollte wissen",
           "mich würde interessieren", "mich wuerde interessieren", "können sie mir sagen"),
}  # fmt: skip
# Words that ask what something means ("what does FTE mean?", "cosa vuol dire win-win?", "was bedeutet
# 80/20?"): the shape of a question, not its subject. The ranking drops them like stop words, or "cosa vuol
# dire" matched the example questions of whichever topic explains most terms (nearshore).
MEANING_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("mean", "means", "meaning", "stand", "stands"),
    "it": ("vuol", "vuole", "dire", "significa", "significato", "intende", "intendete"),
    "de": ("bedeutet", "bedeuten", "bedeutung", "heißt", "heisst", "meint", "meinen"),
}
# Words that make an answer exclusive ("Just phone. We do have an email address, but our team handles it"),
# and after a no do not negate ("not only phone").
ONLY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("only", "just", "solely", "exclusively", "strictly", "purely"),
    "it": ("solo", "soltanto", "solamente", "esclusivamente", "unicamente", "strettamente"),
    "de": ("nur", "bloß", "bloss", "ausschließlich", "ausschliesslich", "lediglich", "strikt"),
}
# Words that open a yes: "Yes, that's correct. How do you handle GDPR?" confirms and asks. YES_WORDS may go
# straight on ("Sì potete contattarmi"); YES_IF_ALONE also start questions ("Si può ...?", "Stimmt es, dass
# ...?", "Right now, where ..."), so they count only followed by punctuation or nothing.
YES_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("yes", "yeah", "yep", "yup", "of course", "absolutely", "by all means", "i agree", "i consent",
           "agreed"),
    "it": ("sì", "certo", "certamente", "assolutamente", "volentieri", "acconsento", "autorizzo",
           "do il consenso", "do il mio consenso"),
    "de": ("ja", "jawohl", "jep", "selbstverständlich", "gerne", "gern", "einverstanden",
           "ich bin einverstanden", "ich stimme zu", "ich willige ein"),
}  # fmt: skip
YES_IF_ALONE: dict[str, tuple[str, ...]] = {
    "en": ("sure", "correct", "that's correct", "that's right", "that is correct", "right", "ok", "okay",
           "fine", "perfect"),
    "it": ("si", "corretto", "esatto", "va bene", "ok", "okay", "giusto", "perfetto"),
    "de": ("genau", "genau so", "genauso", "korrekt", "stimmt", "passt", "passt so", "ok", "okay", "richtig",
           "sicher", "klar", "perfekt"),
}  # fmt: skip
# Words that leave a question of the form to us ("non importa, basta che entro fine mese sia tutto
# registrato", "egal, Hauptsache pünktlich"): an answer to "which hours?" or "when?", not a request to stop,
# which the classifier takes them for. Not "any time" or "jederzeit": round the clock, to the hours question.
NO_PREFERENCE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("doesn't matter", "does not matter", "it doesn't matter", "no preference", "up to you",
           "we're flexible", "flexible", "whenever", "any time you like", "whenever you like"),
    "it": ("non importa", "è indifferente", "indifferente", "fa lo stesso", "quando volete",
           "a vostra scelta", "decidete voi", "siamo flessibili", "flessibile"),
    "de": ("egal", "ist egal", "spielt keine rolle", "keine präferenz", "keine vorgabe", "flexibel",
           "wie es ihnen passt", "beliebig", "wann immer", "egal wann"),
}  # fmt: skip
# Words that take back part of a yes to the summary ("yes, but the e-mail is wrong"): with one of them (or a
# correction word) the yes needs the buttons.
CONTRAST_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("but", "except", "however", "though", "although", "wrong", "mistake"),
    "it": ("ma", "però", "tranne", "tuttavia", "solo che", "salvo", "sbagliato", "sbagliata", "errore"),
    "de": ("aber", "außer", "ausser", "jedoch", "allerdings", "bis auf", "wobei", "falsch", "fehler"),
}
# The contrast words that only join ("but", "aber", "ma"), not those that judge ("wrong", "falsch"): before
# OTHERWISE_WORDS they take nothing back ("..., aber sonst stimmt alles").
CONTRAST_CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": ("but", "however", "though", "although"),
    "it": ("ma", "però", "tuttavia"),
    "de": ("aber", "jedoch", "allerdings", "wobei"),
}
# Words after a contrast word that confirm the rest ("... aber sonst stimmt alles", "but otherwise it's all
# correct"): the contrast takes nothing back.
OTHERWISE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("otherwise", "apart from that", "other than that", "everything else", "the rest is", "else is"),
    "it": ("per il resto", "a parte questo", "il resto è", "il resto va", "tutto il resto"),
    "de": (
        "sonst",
        "ansonsten",
        "abgesehen davon",
        "davon abgesehen",
        "der rest",
        "alles andere",
        "im übrigen",
    ),
}
# Words that leave the form after a no-preference opening ("non importa, lasciamo perdere", "doesn't
# matter, I'll stop here"): with them it is a stop after all.
LEAVING_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("stop", "quit", "cancel", "leave it", "forget it"),
    "it": ("fermati", "fermiamoci", "basta così", "annulla", "lasciamo perdere", "lascia perdere"),
    "de": ("stopp", "aufhören", "abbrechen", "vergessen sie es", "vergiss es", "lassen wir das"),
}
# The caller of a call center ("can the caller then ask for someone in the EU?", "kann ich als Anrufer ...
# verlangen?"): a request for a person that speaks of callers asks about callers' rights, not for our staff.
CALLER_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("caller", "callers", "as a caller", "the person calling", "people calling"),
    "it": ("chiamante", "chiamanti", "chi chiama", "come chiamante", "l'utente che chiama"),
    "de": ("anrufer", "anruferin", "anrufende", "anrufenden", "als anrufer", "der anrufer"),
}
# Words that ask for a person ("can I talk to someone?", "parlare con un operatore", "mit einem Menschen
# sprechen"): without one, a message the classifier took for a handoff that names work ("cerco agenti per
# chiamate commerciali") asks for people to do that work, which is a need.
PERSON_REQUEST_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("talk", "speak", "chat with", "human", "person", "someone", "somebody", "real", "call me",
           "contact me", "phone me", "representative", "consultant", "put me through", "connect me",
           "callback", "call back", "live agent", "question"),
    "it": ("parlare", "parlo", "sentire", "umano", "persona", "qualcuno", "vero", "chiamatemi",
           "richiamatemi", "contattatemi", "consulente", "referente", "passatemi", "mettetemi in contatto",
           "domanda"),
    "de": ("sprechen", "reden", "mensch", "menschen", "person", "jemand", "jemandem", "jemanden", "echte",
           "echten", "rufen sie mich", "ruft mich", "kontaktieren sie mich", "berater", "ansprechpartner",
           "verbinden", "rückruf", "rueckruf", "telefonieren", "frage"),
}  # fmt: skip
# Words that ask for deletion: a yes to "may I store your details?" that has none of them consents, whatever
# the classifier made of "Ja, Sie dürfen meine Angaben speichern" (it took it for a request to delete).
DELETION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("delete", "deleted", "erase", "erased", "remove", "removed", "forget", "wipe", "get rid"),
    "it": ("cancella", "cancellate", "cancellare", "cancellati", "elimina", "eliminate", "eliminare",
           "rimuovete", "rimuovere", "dimenticate"),
    "de": ("löschen", "lösche", "löscht", "gelöscht", "loeschen", "entfernen", "entfernt", "vergessen"),
}  # fmt: skip
# Words that call off what was asked for ("ok, forget it", "va bene, lascia perdere", "Okay, vergiss es"), and
# words that keep ("keep my data"): said to "delete everything?", they delete nothing, whatever the classifier
# made of them (it takes "ok, forget it" for a yes and "keep my data" for a request to delete).
CALLING_OFF_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("forget it", "never mind", "nevermind", "leave it", "don't bother", "no need", "not now",
           "changed my mind", "keep", "kept", "nothing"),
    "it": ("lascia stare", "lascia perdere", "lasciamo stare", "lasciamo perdere", "non importa", "fa niente",
           "non fa niente", "ho cambiato idea", "tenete", "tieni", "teneteli", "conservate", "conserva",
           "mantenete", "nulla"),
    "de": ("vergiss es", "vergessen sie es", "lass es", "lassen sie es", "lass mal", "schon gut", "egal",
           "doch nicht", "lieber nicht", "behalten", "behalte", "behaltet", "aufbewahren", "nichts"),
}  # fmt: skip
# Words that add to an answer given before ("also German") and words that correct it ("actually 24/7"): only
# with them does a message answering one question of the form change another one.
ADDITIVE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("also", "too", "as well", "add", "plus"),
    "it": ("anche", "pure", "inoltre", "aggiungi", "in più"),
    "de": ("auch", "zusätzlich", "außerdem", "ausserdem", "dazu", "plus"),
}
# Words that add work to what a model question named ("and if a phone hotline comes on top?", "e se
# aggiungiamo la chat?", "und wenn noch eine Hotline dazukommt?"): question.adds_to_the_previous_work.
ADDED_WORK_CUES: dict[str, tuple[str, ...]] = {
    "en": ("on top", "as well", "add", "adding", "added", "in addition", "plus", "also need"),
    "it": ("aggiungiamo", "aggiungessimo", "aggiungere", "si aggiunge", "in più", "in aggiunta", "oltre a"),
    "de": ("dazukommt", "dazu kommt", "dazukäme", "dazukaeme", "hinzukommt", "hinzu kommt", "zusätzlich",
           "zusaetzlich", "dazunehmen", "noch ein", "noch eine", "noch ne", "noch einen"),
}  # fmt: skip
CORRECTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("actually", "instead", "rather", "change", "correction"),
    "it": ("invece", "in realtà", "anzi", "cambia", "correggo"),
    # Not "eigentlich" or "doch": German fillers far more often than corrections ("ist eigentlich egal").
    "de": ("stattdessen", "lieber", "ändern", "korrektur", "korrigiere", "statt"),
}
# Yes/no questions about what a provider does ("Could a call centre run our emergency line?", "Il call center
# fa anche vendite?", "Übernimmt ein BPO die Dateneingabe?"): words that ask for a choice or a content
# answer instead (knowledge.verdict), the verbs of doing work, and the reply's opening word for yes and no.
OPEN_QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("what", "which", "who", "whom", "whose", "why", "how", "where", "when", "than", "better",
           "worse", "cheaper"),
    "it": ("cosa", "che", "quale", "quali", "qual", "come", "perché", "perche", "quanto", "quanti", "quanta",
           "quante", "chi", "dove", "quando", "rispetto", "meglio", "peggio"),
    "de": ("was", "welche", "welcher", "welches", "welchen", "welchem", "wer", "wen", "wem", "warum",
           "wieso", "weshalb", "wie", "wieviel", "wo", "wann", "wozu", "wofür", "wofuer", "inwieweit",
           "inwiefern", "als", "besser", "schlechter", "günstiger"),
}  # fmt: skip
WORK_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("do", "does", "doing", "handle", "handles", "take on", "take over", "takes on", "cover", "covers",
           "run", "runs", "offer", "offers", "provide", "provides", "manage", "manages", "deal with",
           "include", "includes", "part of", "something a", "able to", "work on", "look after", "support",
           "help with", "take care of", "speak", "speaks", "available", "possible", "feasible"),
    "it": ("fa", "fanno", "fare", "gestisce", "gestiscono", "gestire", "occupa", "occupano", "occuparsi",
           "offre", "offrono", "copre", "coprono", "include", "comprende", "rientra", "rientrano", "segue",
           "seguire", "può", "possono", "puo", "si può", "aiuta", "aiutare", "si occupa", "parlano", "parla",
           "disponibile", "disponibili", "possibile", "fattibile"),
    "de": ("macht", "machen", "übernimmt", "übernehmen", "uebernimmt", "uebernehmen", "kann", "können",
           "koennen", "bietet", "bieten", "deckt", "abdecken", "erledigt", "erledigen", "betreut", "betreuen",
           "gehört", "gehoert", "zuständig", "zustaendig", "leistet", "kümmert", "kuemmert", "hilft",
           "geht das", "sprechen", "spricht", "verfügbar", "verfuegbar", "möglich", "moeglich", "machbar"),
}  # fmt: skip
# Words that address the provider the visitor talks to ("can you ...?", "potete ...?", "könnt ihr ...?"):
# the question is then about us, not about a provider told of before.
ADDRESS_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("you", "your"),
    "it": ("voi", "vostro", "vostra", "vostri", "vostre", "potete", "fate", "gestite", "offrite", "lei"),
    "de": ("ihr", "euch", "euer", "eure", "sie", "ihnen"),
}
QUANTIFIERS: dict[str, tuple[str, ...]] = {
    "en": ("every", "all", "each", "any"),
    "it": ("ogni", "tutti", "tutte", "ciascun", "qualsiasi", "qualunque"),
    "de": ("jeder", "jedes", "jede", "jeden", "alle", "sämtliche", "saemtliche"),
}
VERDICT_OPENINGS: dict[str, tuple[str, str]] = {
    "en": ("Yes.", "No."),
    "it": ("Sì.", "No."),
    "de": ("Ja.", "Nein."),
}
