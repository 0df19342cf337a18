"""The terminal questionnaire (Textual)."""
