"""The sales team's e-mail texts, one entry per language (`LEAD_EMAIL_LANGUAGE`). A new language is one
more entry with the same keys; an unknown language falls back to English."""

from __future__ import annotations

EMAIL_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "subject_created": "New lead: {model} ({company})",
        "subject_handoff": "A prospect asks to talk to a person ({company})",
        "intro_created": "A prospect confirmed their needs in the Outsourcing Advisor.",
        "intro_handoff": "A prospect asked to talk to a person. What the assistant knows so far:",
        "needs": "Needs",
        "processes": "Processes",
        "channels": "Channels",
        "languages": "Languages",
        "hours": "Hours",
        "volume": "Volume",
        "timeline": "Start",
        "recommendation": "Recommendation",
        "contact": "Contact",
        "no_contact": "no consent to contact: no personal data was kept",
        "no_company": "no company given",
        "conversation": "Conversation",
        "language": "Conversation language",
        "none": "-",
    },
    "it": {
        "subject_created": "Nuovo contatto: {model} ({company})",
        "subject_handoff": "Un potenziale cliente chiede di parlare con una persona ({company})",
        "intro_created": "Un potenziale cliente ha confermato le sue esigenze nell'Outsourcing Advisor.",
        "intro_handoff": "Un potenziale cliente ha chiesto di parlare con una persona. Cosa sa l'assistente:",
        "needs": "Esigenze",
        "processes": "Processi",
        "channels": "Canali",
        "languages": "Lingue",
        "hours": "Orari",
        "volume": "Volumi",
        "timeline": "Avvio",
        "recommendation": "Raccomandazione",
        "contact": "Contatto",
        "no_contact": "nessun consenso al contatto: nessun dato personale conservato",
        "no_company": "azienda non indicata",
        "conversation": "Conversazione",
        "language": "Lingua della conversazione",
        "none": "-",
    },
    "de": {
        "subject_created": "Neuer Lead: {model} ({company})",
        "subject_handoff": "Ein Interessent möchte mit einer Person sprechen ({company})",
        "intro_created": "Ein Interessent hat seinen Bedarf im Outsourcing Advisor bestätigt.",
        "intro_handoff": "Ein Interessent möchte mit einer Person sprechen. Was der Assistent bisher weiß:",
        "needs": "Bedarf",
        "processes": "Prozesse",
        "channels": "Kanäle",
        "languages": "Sprachen",
        "hours": "Servicezeiten",
        "volume": "Volumen",
        "timeline": "Start",
        "recommendation": "Empfehlung",
        "contact": "Kontakt",
        "no_contact": "keine Einwilligung zur Kontaktaufnahme: keine personenbezogenen Daten gespeichert",
        "no_company": "keine Firma angegeben",
        "conversation": "Gespräch",
        "language": "Sprache des Gesprächs",
        "none": "-",
    },
}


def email_texts(language: str) -> dict[str, str]:
    return EMAIL_TEXTS.get(language, EMAIL_TEXTS["en"])
