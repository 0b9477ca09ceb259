"""The words with which prospects describe the work they want to outsource, and the work they keep.

Phrase lists per language, read by knowledge.work_description (lower case; matched as whole words).
"""

# What a prospect says around naming work that stays with them ("clinical notes and billing stay with the
# practice", "refertazione e fatturazione restano a noi", "die Buchhaltung machen wir selbst", "die Abrechnung
# macht unsere Verwaltung"): not a need.
KEPT_IN_HOUSE: dict[str, tuple[str, ...]] = {
    "en": (
        "stay with us",
        "stays with us",
        "stay with the",
        "stays with the",
        "stay in-house",
        "stays in-house",
        "stay in house",
        "we do ourselves",
        "we handle ourselves",
        "we keep",
        "remain with us",
        "remains with us",
        "we do that ourselves",
        "we do those ourselves",
        "we do it ourselves",
        "our team does",
        "our own team does",
        "done by our",
        "handled in-house",
        "done in-house",
        "we do in-house",
        "we'll keep",
        "we will keep",
        "we continue to handle",
        "we handle internally",
        "team handle everything else",
        "team handles everything else",
        "teams handle everything else",
        "our own team handles",
        "our own team handle",
        "our team handles that",
        "we handle the rest",
        "we do the rest",
        "we take care of the rest",
        "we answer ourselves",
        "is already done by our",
        "ourselves",
    ),
    "it": (
        "restano a noi",
        "resta a noi",
        "restano da noi",
        "resta da noi",
        "rimangono a noi",
        "rimane a noi",
        "restano interne",
        "resta interna",
        "li facciamo noi",
        "la facciamo noi",
        "le facciamo noi",
        "lo facciamo noi",
        "gestiamo noi",
        "ce ne occupiamo noi",
        "teniamo noi",
        "restano in casa",
        "fa la nostra",
        "fa il nostro",
        "fanno i nostri",
        "se ne occupa la nostra",
        "se ne occupa il nostro",
        "se ne occupano i nostri",
        "gestiamo internamente",
        "gestiamo ancora noi",
        "continuiamo a gestire noi",
        "continuiamo a farli noi",
        "continuiamo a farle noi",
        "li gestisce la nostra",
        "le gestisce la nostra",
        "li gestisce il nostro",
        "le gestisce il nostro",
        "li gestiscono i nostri",
        "le gestiscono i nostri",
        "restano in sede",
        "resta in sede",
        "rimangono in sede",
        "rimane in sede",
        "li voglio gestire io",
        "le voglio gestire io",
        "voglio gestirli io",
        "li gestisco io",
        "le gestisco io",
        "la fa già il nostro",
        "lo fa già il nostro",
        "la fa già la nostra",
        "le fa già il nostro",
        "li fa già il nostro",
        "rispondiamo noi",
        "rispondiamo già noi",
        "la facciamo internamente",
        "lo facciamo internamente",
        "li facciamo internamente",
        "le facciamo internamente",
    ),
    "de": (
        "machen wir selbst",
        "machen wir selber",
        "erledigen wir selbst",
        "erledigen wir selber",
        "bleibt bei uns",
        "bleiben bei uns",
        "behalten wir",
        "machen wir intern",
        "bleibt intern",
        "bleiben intern",
        "bleibt im haus",
        "bleiben im haus",
        "übernehmen wir selbst",
        "macht unsere",
        "macht unser",
        "machen unsere",
        "erledigt unsere",
        "erledigt unser",
        "erledigen unsere",
        "übernimmt unsere",
        "übernimmt unser",
        "wir selbst",
        "wir selber",
        "wir weiterhin selbst",
        "wir weiterhin selber",
        "wir weiter selbst",
        "wir weiter selber",
        "wir lieber selbst",
        "weiterhin intern",
        "wir intern",
    ),
}
# Words with which a description says the work is talking to customers, even when it names no service or
# channel the glossary knows ("when a client has an accident they call us", "Anfragen von Mietern
# beantworten").
CUSTOMER_CONTACT: dict[str, tuple[str, ...]] = {
    "en": (
        "call us", "calls us", "phone us", "phones us", "ring us", "rings us", "email us", "e-mail us",
        "write to us", "writes to us", "contact us", "contacts us", "get in touch", "gets in touch",
        "reach us", "reaches us", "answer questions", "answering questions", "answer their questions",
        "answering their questions", "talk to our customers", "talk to customers", "talking to customers",
        "help with customers", "help with our customers", "help with clients", "help with our clients",
        "deal with customers", "dealing with customers", "deal with our customers",
        "look after our customers",
        "looking after our customers",
        "customer questions", "questions from customers", "customer messages", "customer reviews",
        "online reviews",
        "replying to reviews", "respond to reviews", "replying to customers",
        "all customer-facing", "everything customer-facing", "all of it customer-facing",
        "user questions", "questions from users", "users' questions", "onboarding support",
        "support for new customers", "support for our users",
    ),
    "it": (
        "ci chiamano", "ci chiama", "ci telefonano", "ci telefona", "ci scrivono", "ci scrive",
        "ci contattano", "ci contatta", "rispondere alle domande", "rispondere alle richieste",
        "rispondere ai clienti", "parlare con i clienti", "risposte ai clienti",
        "aiuto con i clienti", "aiuto con clienti", "gestire i clienti", "gestire i nostri clienti",
        "seguire i clienti", "seguire i nostri clienti", "assistere i clienti", "assistere i nostri clienti",
        "domande dei clienti", "messaggi dei clienti", "recensioni dei clienti", "recensioni negative",
        "recensione negativa", "rispondere alle recensioni",
        "tutto lato cliente", "tutto a contatto con i clienti", "tutto rivolto ai clienti",
        "domande degli utenti", "richieste degli utenti", "supporto ai nuovi clienti", "supporto agli utenti",
    ),
    "de": (
        "ruft an", "ruft er an", "ruft sie an", "ruft man an", "rufen an", "rufen uns an", "ruft uns an",
        "anruft", "anrufen", "anrufer", "schreibt uns", "schreiben uns", "kontaktiert uns",
        "kontaktieren uns",
        "anfragen beantworten", "fragen beantworten", "anfragen von", "fragen von", "auskunft geben",
        "auskünfte geben", "mit den kunden sprechen", "mit kunden sprechen",
        "hilfe mit kunden", "hilfe mit den kunden", "hilfe bei den kunden", "kunden betreuen",
        "unsere kunden betreuen", "um unsere kunden kümmern", "um unsere kunden kuemmern",
        "fragen von kunden", "kundenfragen", "kundennachrichten", "kundenbewertungen", "mieteranfragen",
        "kundenanfragen", "gästeanfragen", "gaesteanfragen",
        "alles kundenseitig", "komplett kundenseitig", "rein kundenseitig",
        "nutzerfragen", "nutzeranfragen", "userfragen", "fragen der nutzer", "onboarding-support",
        "onboarding support", "support für neue kunden", "support für unsere nutzer",
    ),
}  # fmt: skip
# Words with which a description says the work is only talking to customers ("only talking to users, nothing
# internal", "reine Kundenkommunikation"): back-office work it also names is the customers' subject.
FRONT_OFFICE_ONLY: dict[str, tuple[str, ...]] = {
    "en": (
        "nothing internal", "only talking to", "only customer contact", "purely customer-facing",
        "only customer-facing", "just customer contact",
        "only someone to talk to", "just someone to talk to", "only need someone to talk to",
    ),
    "it": (
        "niente di interno", "nulla di interno", "solo contatto con i clienti", "solo rapporto con i clienti",
        "solo front office", "solo chi parla con i clienti",
        "solo qualcuno che parli con i clienti", "solo il contatto con i clienti",
    ),
    "de": (
        "nichts internes", "reine kundenkommunikation", "nur kundenkommunikation", "nur kundenkontakt",
        "rein kundenseitig", "nur front-office",
        "nur den kundenkontakt", "nur die kundenkommunikation", "nur jemanden für die kunden",
    ),
}  # fmt: skip
# Nouns for what customers ask: work named as their subject ("billing questions", "Fragen zur
# Betriebskostenabrechnung", "domande sulla fatturazione") is customer contact, not the back-office work.
QUESTION_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("question", "questions", "query", "queries", "enquiry", "enquiries", "inquiry", "inquiries"),
    "it": ("domanda", "domande", "richieste", "chiarimenti"),
    "de": ("frage", "fragen", "anfrage", "anfragen", "auskunft", "auskünfte", "rückfragen"),
}
# Words after a term that negate it in the same clause, where the verb comes last ("per Mail oder Chat
# nehmen wir Störungen nicht an"); English and Italian negate before the term (languages.NEGATION_CUES).
NEGATION_AFTER: dict[str, tuple[str, ...]] = {
    "de": ("nicht", "nichts", "kein", "keine", "keinen"),
}
# Languages that write compounds as one word: "Honorarrechnungen" names invoices ("Rechnungen").
COMPOUNDING_LANGUAGES = ("de",)
# A first part ending like a verb prefix makes a derived word, not a compound: "Auslagerung" (outsourcing) is
# not "Lagerung" (storage), "Wiederherstellung" not "Herstellung", "Hochrechnung" not "Rechnung".
COMPOUND_PREFIXES: dict[str, tuple[str, ...]] = {
    "de": ("aus", "be", "ver", "ent", "zer", "hoch", "wieder", "vor", "ab"),
}
# Glossary words that more often end another word than head a compound: "Festpreisen" is not travel.
NOT_COMPOUND_HEADS: dict[str, tuple[str, ...]] = {"de": ("reisen",)}
# A bare "no" right after a term, as the clause's only word: "email e chat, telefono no".
BARE_NO: dict[str, tuple[str, ...]] = {"en": ("no",), "it": ("no",), "de": ("nein", "nicht")}
# Words that may stand between a list's last item and its bare no: "Buchhaltung und so weiter nicht",
# "HR e cose simili no", "payroll and the like, no".
TRAILING_FILLERS: dict[str, tuple[str, ...]] = {
    "en": ("and", "so", "on", "the", "like", "etc", "or", "anything", "else", "stuff", "also", "too"),
    "it": ("e", "cose", "simili", "così", "via", "ecc", "o", "roba", "del", "genere", "anche"),
    "de": ("und", "so", "weiter", "usw", "oder", "ähnliches", "sowas", "auch", "alles", "das"),
}
# The pronoun that takes up a list before the words that keep it: "Le pratiche vere e proprie, volture,
# contabilità, le facciamo noi", "Lager, Versand, Buchhaltung, das machen wir selbst".
RESUMING_PRONOUNS: dict[str, tuple[str, ...]] = {
    "en": ("those", "these", "all that", "all of that", "all of those"),
    "it": ("le", "li", "la", "lo", "quelle", "quelli", "tutto questo", "tutto ciò", "tutto cio"),
    "de": ("das", "die", "diese", "dies", "alles", "das alles"),
}
# Words after work "kept" that say it is not kept after all: "die Buchhaltung können wir selbst nicht mehr
# stemmen", "we do the bookkeeping ourselves, but we want to outsource it".
KEPT_UNTIL_NOW: dict[str, tuple[str, ...]] = {
    "en": ("can't", "cannot", "no longer", "anymore", "any more", "want to outsource",
           "would like to outsource", "not keeping up", "can't keep up", "take it over", "take that over",
           "want to switch", "want to change"),
    "it": ("non riusciamo", "non ce la facciamo", "non più", "non piu", "vogliamo esternalizzare",
           "vorremmo esternalizzare", "passarlo a voi", "passarla a voi", "passarli a voi", "affidarlo a voi",
           "affidarla a voi", "vogliamo cambiare", "vorremmo cambiare", "sommersi"),
    "de": ("nicht mehr", "schaffen", "stemmen", "auslagern", "abgeben", "hinterher", "wechseln"),
}  # fmt: skip
# Words with which prospects describe their own company: "we're a ...", "siamo una ...", "wir sind ein ...".
SELF_DESCRIPTION: dict[str, tuple[str, ...]] = {
    "en": ("we're", "we are", "i run", "we run"),
    "it": ("siamo", "gestiamo", "gestisco"),
    "de": ("wir sind", "wir betreiben", "ich betreibe"),
}
# The word after a term that makes it the prospect's trade: "a logistics company", "Logistik Firma".
COMPANY_NOUNS: dict[str, tuple[str, ...]] = {
    "en": ("company", "firm", "business", "agency", "practice", "group"),
    "it": ("srl", "spa"),
    "de": ("unternehmen", "firma", "betrieb", "gmbh", "ag"),
}
PRODUCT_OWNERS: dict[str, tuple[str, ...]] = {
    "en": ("sell", "offer", "develop", "make", "build", "provide", "our"),
    "it": ("vendiamo", "offriamo", "sviluppiamo", "produciamo", "forniamo", "nostro", "nostra"),
    "de": ("bieten", "entwickeln", "verkaufen", "vertreiben", "herstellen", "unsere", "unser", "unseren"),
}
# Words that only stress a phrase and may stand inside it: "machen wir selbstverständlich selbst", "dieser
# Kontakt bleibt komplett bei unseren Verwaltern", "la facciamo ovviamente noi".
INTENSIFIERS = frozenset(
    {"selbstverständlich", "natürlich", "komplett", "ganz", "vollständig", "weiterhin", "ausschließlich",
     "überhaupt", "ueberhaupt", "gar",
     "naturally", "obviously", "entirely", "completely", "fully", "always",
     "ovviamente", "naturalmente", "sempre", "completamente", "interamente", "comunque", "già", "gia"}
)  # fmt: skip
# Articles, which may come between a cue and its term ("un gestionale per la contabilità").
ARTICLES = frozenset(
    {"the", "a", "an", "il", "lo", "la", "i", "gli", "le", "der", "die", "das", "den", "dem"}
)
# The two words before a term that make it what the prospect's product does: "eine Software zur
# Dienstplanung", "an app for booking appointments", "un gestionale per la contabilità", when the clause
# says the product is theirs (PRODUCT_OWNERS): "we're looking for a solution for customer service" asks for
# the work.
PRODUCT_FOR: dict[str, tuple[str, ...]] = {
    "en": ("software for", "platform for", "app for", "tool for", "system for", "solution for"),
    "it": ("software per", "piattaforma per", "app per", "gestionale per", "software di", "sistema per"),
    "de": ("software zur", "software für", "plattform für", "plattform zur", "app für", "app zur",
           "lösung für", "system zur", "system für", "tool für"),
}  # fmt: skip
# The two words before a term that make it what the prospect provides, after they describe themselves:
# "wir sind ein Softwareanbieter für Praxisverwaltung", "we're a provider of payroll software". A German
# compound ending in the noun counts ("Softwareanbieter").
PROVIDER_OF: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (("provider", "supplier", "vendor", "maker", "manufacturer", "developer"), ("of", "for")),
    "it": (("fornitore", "produttore", "sviluppatore", "distributore"), ("di", "per", "del", "della")),
    "de": (("anbieter", "hersteller", "lieferant", "entwickler"), ("für", "fuer", "von", "zur", "zum")),
}
# The two words before a term that make it the prospect's trade: "siamo una ditta di trasporti".
COMPANY_OF: dict[str, tuple[str, ...]] = {
    "en": ("are a", "are an", "run a", "run an"),
    "it": ("ditta di", "azienda di", "società di", "societa di", "impresa di", "agenzia di", "studio di"),
    "de": ("sind ein", "sind eine"),
}
