"""How visitors ask which of the service models fits them, per language (knowledge.question.asks_which_model).

Lower case; phrases are matched as whole words, patterns in the sentences that ask.
"""

# Words that ask which of the service models to choose ("which model fits if we only need a hotline?",
# "quale soluzione ci conviene", "was nehmen wir"): with the work named, the service models compete with a
# strong prior. Only phrases that ask for a choice: "do you recommend outsourcing?" asks for reasons.
MODEL_CHOICE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("which model", "what model", "which service model", "which of your models", "which package",
           "which solution fits", "which solution suits", "what do you recommend", "what would you recommend",
           "what should we choose", "what should we pick", "what should we go for", "which one fits us",
           "what fits us", "which suits us", "what do you suggest", "what would you suggest",
           "which service do we need", "what service do we need", "which service fits", "what would suit us",
           "what would you advise", "what do you advise", "need the full package", "need the whole package",
           "need the complete package"),
    "it": ("quale modello", "che modello", "quale dei vostri modelli", "quale pacchetto",
           "quale soluzione ci", "quale soluzione mi", "cosa ci consigli", "cosa mi consigli",
           "cosa consigliate", "cosa ci consigliate", "cosa mi consigliate", "cosa ci consiglia",
           "cosa mi consiglia",
           "cosa ci conviene scegliere", "cosa dovremmo scegliere", "quale scegliere",
           "che servizio ci serve", "quale servizio ci serve", "che servizio mi serve",
           "quale servizio fa per noi", "di che servizio abbiamo bisogno", "cosa ci consigliereste",
           "cosa mi consigliereste", "cosa consiglieresti", "cosa mi consiglieresti",
           "cosa ci consiglieresti", "serve il pacchetto completo", "servirebbe il pacchetto completo"),
    "de": ("welches modell", "welches servicemodell", "welches ihrer modelle", "welches paket",
           "welche lösung passt", "welche loesung passt", "welche lösung empfehlen",
           "welche loesung empfehlen", "was empfehlen sie uns", "was empfiehlst du uns", "was nehmen wir",
           "was sollen wir nehmen", "was sollten wir nehmen", "was passt zu uns", "was empfehlen sie",
           "was würden sie empfehlen", "was empfehlt ihr", "was passt da am besten",
           "welchen service brauchen wir", "welcher service passt", "was bräuchten wir",
           "was würdest du empfehlen", "was würdest du uns empfehlen", "was würden sie uns empfehlen",
           "was würdet ihr empfehlen", "was würdet ihr uns empfehlen", "was empfiehlst du",
           "brauchen wir das komplettpaket", "bräuchten wir das komplettpaket", "das komplettpaket brauchen"),
}  # fmt: skip
# A question for one of the service models in general words: "which option fits?", "che tipo di soluzione
# sarebbe?", "welche Variante wäre das?": an interrogative, then the model noun (at most "of your" between, so
# "what payment options ...?" is no model question), or one model named and asked whether it fits ("does a
# call center make sense for us?", "lohnt sich ein Callcenter?"). Only with work named does it ask for the
# model that fits (knowledge.question.asks_which_model), and only in an asking sentence.
MODEL_CHOICE_QUESTIONS: dict[str, str] = {
    "en": r"\b(which|what)\s+(of\s+(your|the|these)\s+)?(service\s+)?(models?|packages?|solutions?|options?"
    r"|set-?ups?|services?\s+would)\b"
    # "Does a call center make sense for us, or something else?": one model named, asked whether it fits.
    r"|\b(a|an)\s+(call[\s-]?cent(er|re)|bpo)\b.{0,25}\b(makes?\s+sense|be\s+enough|be\s+right|fit\s+us)\b"
    # "... what's that service called?", "can you do both in one package?"
    r"|\bwhat('s|\s+is|\s+would\s+be)\s+(that|this|such\s+an?)\s+(service|model|package|offering)\s+called\b"
    r"|\bwhat\s+would\s+(that|this|such\s+an?)\s+(service|model|package|offering)\s+be\s+called\b"
    r"|\bwhat\s+do\s+you\s+call\s+(that|this|such)\b"
    r"|\b(in|as)\s+(one|a\s+single)\s+(package|bundle)\b"
    # "... what can you offer us?", "which service would you suggest?"
    r"|\bwhat\s+(can|could|would|do)\s+you\s+(offer|propose|suggest)\b",
    "it": r"\b(quale|quali|qual\s+è\s+il|(che|quale)\s+tipo\s+di)\s+(dei\s+vostri\s+|delle\s+vostre\s+)?"
    r"(modell[oi]|pacchett[oi]|soluzion[ei]|formul[ae]|opzion[ei])\b|\bche\s+servizio\s+(sarebbe|serve|fa)\b"
    r"|\b((abbia|ha|avrebbe)\s+senso|conviene|basta)\s+(un|il)\s+(call[\s-]?center|bpo)\b"
    r"|\bche\s+soluzion[ei]\s+(avete|offrite|proponete|ci\s+proponete|mi\s+proponete)\b"
    r"|\b(in|con)\s+un\s+(unico|solo)\s+pacchetto\b"
    # "Che servizio ci consigliate?", "cosa ci proponete?", "... che servizio è" (at the end).
    r"|\b(che|quale)\s+servizio\s+(ci|mi)\s+(consigli\w*|propo\w+|suggeri\w+)\b"
    r"|\bcosa\s+(ci|mi)\s+(propon\w+|proporre\w*|suggeri\w+|offrite|offrireste)\b"
    r"|\bche\s+servizio\s+(è|e)\b(?!\s*\w)"
    # "... che soluzione fa al caso nostro?", "quale servizio fa per noi?"
    r"|\b(che|quale|cosa)\s+(soluzione\s+|servizio\s+|modello\s+)?fa\s+(al\s+caso\s+nostro|per\s+noi)\b",
    "de": r"\b(welche[srmn]?|was\s+f(ü|ue)r\s+ein(e|en)?)\s+(ihrer\s+|eurer\s+)?"
    r"((service)?modell(e|en)?|paket|l(ö|oe)sung(en)?|option(en)?|variante(n)?)\b|\bwelcher\s+service\s+w(ä|ae)re\b"
    r"|\b(lohnt|reicht|passt|taugt)\s+(sich\s+|uns\s+)?(ein|einen|das|der)\s+(call[\s-]?center|bpo)\b"
    r"|\bin\s+einem\s+paket\b|\baus\s+einer\s+hand\b"
    # "... was passt da?", "was können Sie uns anbieten?", "was schlagen Sie vor?"
    r"|\bwas\s+passt\s+da\b|\bwas\s+(k(ö|oe)nn(en|t)|w(ü|ue)rden|w(ü|ue)rdet)\s+(sie|ihr|du)\s+(uns\s+)?"
    r"(anbieten|vorschlagen|empfehlen)\b|\bwas\s+(schlagen\s+sie|schlagt\s+ihr|schl(ä|ae)gst\s+du)\s+vor\b",
}
# "... accounting AND the customer chat: call center or BPO?": the two models named as the choice. Not after
# a question word of its own ("Who earns more, call center or BPO?" compares them; MODEL_PAIR_QUESTION_WORDS).
MODEL_PAIR_CHOICES: dict[str, str] = {
    "en": r"\b(call[\s-]?cent(er|re)|bpo)\s+or\s+(an?\s+)?(call[\s-]?cent(er|re)|bpo)\b",
    "it": r"\b(call[\s-]?center|bpo)\s+o\s+(un\s+)?(call[\s-]?center|bpo)\b",
    "de": r"\b(call[\s-]?center|bpo)\s+oder\s+(ein\s+)?(call[\s-]?center|bpo)\b",
}
MODEL_PAIR_QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("who", "how", "why", "when", "where", "what", "whose"),
    "it": ("chi", "come", "perché", "perche", "quando", "dove", "quanto", "quanti", "cosa"),
    "de": ("wer", "wie", "warum", "wieso", "weshalb", "wann", "wo", "was", "wem"),
}
# Models of billing, not of service: "quale modello di tariffazione usate?", "what pricing models ...?",
# "welche Abrechnungsmodelle ...?", "what do you offer in terms of pricing?" ask how outsourcing is billed.
BILLING_MODELS = (
    r"\bmodell[oi]\s+di\s+(tariff|prezz|pagament|fattur|cost)|\b(pricing|billing|payment)\s+models?\b"
    r"|preismodell|abrechnungsmodell|\bin\s+terms\s+of\s+pric|\bmodell[oi]\s+tariffari"
)
