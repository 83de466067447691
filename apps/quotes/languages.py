"""Readable names for the BCP 47 codes quotes carry (`Quote.language`, `original_language`)."""

from django.utils.translation import get_language_info


def language_name(code: str) -> str:
    """The English name of a BCP 47 code ("ru" → "Russian", "pt-BR" → "Brazilian Portuguese",
    "fr-CA" → "French"), from the languages Django knows (it falls back from a region to the
    language); a code it does not know is shown as it is."""
    if not code:
        return ""
    try:
        return get_language_info(code.strip().lower())["name"]
    except KeyError:
        return code
