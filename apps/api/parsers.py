"""The API's one parser: JSON, read in bounded memory.

DRF's JSONParser reads the request stream whole, past DATA_UPLOAD_MAX_MEMORY_SIZE (Django
checks that limit only when `request.body` is read), and hands it to `json.load`, which
recurses once per nesting level: a body of 100,000 opening brackets raised RecursionError,
which answers 500. This parser reads at most the limit (over it: 413, apps/ops/limits.py),
refuses JSON nested deeper than apps/ingest/jsonlimits.MAX_DEPTH levels before any parser
sees it, naming the byte (no body this API takes nests more than four), and refuses half a
UTF-16 pair spelled as an escape, which no text can hold.
"""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json

from apps.ingest.jsonlimits import TooDeep, check_depth

_SURROGATE = re.compile("[\ud800-\udfff]")


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        data = read_bounded(stream)
        try:
            text = data.decode(encoding)
            # Brackets are counted in UTF-8, where no other character holds their bytes.
            check_depth(data if encoding.lower() in {"utf-8", "utf8"} else text.encode())
            parse_constant = json.strict_constant if self.strict else None
            parsed = json.loads(text, parse_constant=parse_constant)
        except TooDeep as too_deep:
            raise ParseError(
                f"JSON parse error - {too_deep} of {len(data):,}: no request body needs more."
            ) from too_deep
        except ValueError as invalid:  # UnicodeDecodeError and JSONDecodeError among them
            raise ParseError(f"JSON parse error - {invalid}") from invalid
        refuse_lone_surrogates(parsed)
        return parsed


def refuse_lone_surrogates(parsed) -> None:
    """JSON may spell half a UTF-16 pair (`"\\ud800"`), which is no character: nothing can
    store or send it back (a field name holding one made the error answer fail, 500)."""
    pending = [parsed]
    while pending:  # the nesting is bounded (MAX_DEPTH); the walk is a loop all the same
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and (found := _SURROGATE.search(value)):
            raise ParseError(
                f"JSON parse error - U+{ord(found.group()):04X} is half of a UTF-16 pair, "
                f"not a character, in “{value[: found.start()][-30:]}…”: send text as valid "
                "Unicode."
            )


def read_bounded(stream) -> bytes:
    """The body, refused (RequestDataTooBig: 413) once past DATA_UPLOAD_MAX_MEMORY_SIZE."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream.read()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
    return data
