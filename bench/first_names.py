"""Round 23 (issue 19): a person's gender from their first name, when the text tells none.

Measured, not in the product (docs/importing.md, round 23). The lexicon is
nomquamgender's (MIT; Van Buskirk, Clauset and Larremore, "An open-source cultural
consensus approach to name-based gender classification", 2023): for each name, how many
sources and observations it has and p(gf), the estimated share of its bearers gendered
female. Its data file ships inside the wheel; it is read directly, without importing the
package, whose module imports pandas to print tables.

Only names the lexicon is sure of count: p(gf) at least 0.95 one way or the other, over
at least MIN_COUNT observations (`Taylor`, 0.36; `Jordan`; `Alex` stay unknown, and so do
rare strings such as `oklahoma`, 5 observations, 1.0). Text evidence wins: the gender is
given only to a person the text gave none (titles, gendered words, he or she after the
name), after the Discourse has read all of those.
"""

import importlib.util
import json
from functools import cache
from pathlib import Path

# How sure the lexicon must be: p(gf) at least this far from 0.5 ...
CERTAINTY = 0.45
# ... over at least this many observations (people recorded with the name).
MIN_COUNT = 1000


def sure_genders(name_data: dict) -> dict[str, str]:
    """{first name: "f" or "m"} of the names in the lexicon's data ({name: [sources,
    observations, p(gf), ...]}) that it is sure of: CERTAINTY and MIN_COUNT, and letters
    only (its data also holds strings such as `&gt;basti&lt;`)."""
    genders = {}
    for name, (_sources, count, female, *_rest) in name_data.items():
        if count >= MIN_COUNT and abs(female - 0.5) >= CERTAINTY and name.isalpha():
            genders[name] = "f" if female > 0.5 else "m"
    return genders


@cache
def lexicon() -> dict[str, str]:
    """The installed lexicon's sure names (read once, about a second: 22 MB of JSON), or
    none when nomquamgender is not installed."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return sure_genders(json.loads(path.read_text()))


def learn_first_name_genders(entities, genders=None) -> None:
    """Gives each person of unknown gender whose name has a first name and a surname the
    gender the lexicon (`genders`, by default the installed one) is sure their first name
    tells (`Kenneth Preston`: m). A single name (`Preston`) tells none: it may be a
    surname. A gender the text told is kept."""
    genders = lexicon() if genders is None else genders
    for entity in entities:
        parts = entity.name.split()
        if entity.kind != "person" or entity.gender is not None or len(parts) < 2:
            continue
        entity.gender = genders.get(parts[0].casefold())
