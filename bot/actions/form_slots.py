"""The prospect form's slots, by what they hold (shared by the form, its validation and leaving it)."""

FORM = "prospect_form"
NEEDS_SLOTS = ("processes", "channels", "languages", "hours", "volume", "timeline")
CONTACT_SLOTS = ("company", "contact_name", "email")
FORM_SLOTS = (*NEEDS_SLOTS, "consent", *CONTACT_SLOTS, "confirmed")
# Bookkeeping of the form itself, forgotten with it.
FORM_STATE_SLOTS = ("processes_text", "form_misses", "form_notes", "editing")
# What a skipped question leaves in its slot: an empty list for glossary lists, "-" for the rest.
LIST_SLOTS = {"processes", "channels", "languages"}
NOT_SPECIFIED = "-"
