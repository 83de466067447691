"""Reading names in the text: runs of capitalised words (cut at sentence ends and at
page furniture glued to a name), what a run names (a person, an organisation, or no one:
a place, a title alone), and what the words around a name say of it (an appositive, a role
in commas, "which" after a thing). Used by mentions.py's `Discourse`."""

import re

from . import lexicon
from .entities import _POSSESSIVE, fold, is_place
from .lexicon import words

_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'\-]*(?:\.(?:com|org|net|io))?\.?)"


_PARTICLE = r"(?:de|des|du|da|das|do|dos|di|del|della|van|von|der|den|bin|ibn|al|el|la|le|of|the)"


# Not glued to a word before it (`anti-Trump`, `Coca-Cola`), but a dash alone may sign
# a name or open a list line (`-Michelle Marks, Philadelphia.`, `--Kim Hjelmgaard`).
NAME_RUN = re.compile(rf"(?<![\w’'])(?<![\w’']-){_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP})*")


ORGANISATION_WORDS = words(
    """
    ministry council party bank department university agency organisation organization
    company corp inc ltd group committee court parliament assembly congress senate news
    times post journal airlines institute foundation association office army police
    commission authority energy union broadcaster network press reuters bureau service
    club league kremlin government fund pentagon foods market markets store stores
    hospital school college museum media magazine newspaper house fc records studios
    airline airways productions administration
    """
)


_ROLES_BEFORE_NAMES = (
    lexicon.PERSON_ROLE_NOUNS | lexicon.DESCRIPTIVE_NOUNS | lexicon.PERSON_DESCRIPTIONS
)


def _is_role_noun(folded: str) -> bool:
    """A role noun before a name, in the singular or the plural, alone or joined by
    hyphens: "Singer", "Commuter", "Singer-guitarists" (`Singer-guitarists Tom Johnston
    and Pat Simmons`)."""
    parts = folded.split("-")
    return all(
        part in _ROLES_BEFORE_NAMES or (part.endswith("s") and part[:-1] in _ROLES_BEFORE_NAMES)
        for part in parts
    )


_MODIFIER = re.compile(r"\w-(?:based|owned|led|backed|run|funded|controlled|born|linked)$")


_NAME_SUFFIXES = words("jr jr. sr sr. ii iii iv")


_PARTICLES = words("de des du da das do dos di del della van von der den bin ibn al el la le")


# Letters after a name for an honour, a rank at the bar or a degree: no part of the name
# (`Judge Neil Ford QC` is Neil Ford, whom `Judge Ford` means).
_POSTNOMINALS = frozenset(
    ["QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE", "FRS", "PhD", "DPhil", "MD"]
)


_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an|The|A|An)\s+$")


# A possessive determiner that owns things, not people: "its Stadia Pro subscription".
_OWNED_BEFORE = re.compile(r"(?:^|\s)(?:its|their|our|Its|Their|Our)\s+$")


def _after_article(masked: str, start: int) -> bool:
    """Whether the words before `start` end with an article: "the Virginia Democrat"."""
    return bool(_ARTICLE_BEFORE.search(masked, max(0, start - 5), start))


_WHICH_AFTER = re.compile(r"[ \t]*,[ \t]*which\b")


# After a single name, what only a person's name has: an age or `who` in commas, or `who`
# after a dash (`Tommy — who only goes by his first name online — retired`), also past a
# note in brackets and as an age in words (`Dan (not his real name), a 19-year-old student`).
_PERSON_AFTER = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?"
    r"(?:,[ \t]*(?:\d{1,3}[ \t]*,|who\b|an?[ \t]+\d{1,3}-year-old\b)|(?:[—–]|--)[ \t]*who\b)"
)


# Titles a person is known by with one name and no surname.
_ROYAL_TITLES = words("prince princess king queen pope emperor empress duchess duke")


_STANDALONE = re.compile(r"(?<![\w’'\-])[A-Z][a-z]+(?![\w’'\-])")


# A capitalised word glued to the next one: "LopezMaria" in `Senator Maria LopezMaria Elena
# LopezNew Mexico senator…`, where a page's link card runs into the name it explains.
_GLUED = re.compile(r"(?<![\w’'\-])([A-Z][a-z]{2,})([A-Z][a-z]+)")


def _standalone_words(text: str) -> frozenset[str]:
    """The capitalised words the text uses on their own."""
    return frozenset(_STANDALONE.findall(text))


def _unglued(surface: str, standalone: frozenset[str]) -> str:
    """A run of capitalised words cut at the first word glued to the next, when the text
    uses both halves as words on their own ("Maria LopezMaria Elena" is "Maria Lopez"):
    what follows the glue starts inside a word, where no name starts. A name written in
    one piece ("BlackRock", "McDonald", "WhatsApp") is kept, its halves not being words the
    text uses alone."""
    for match in _GLUED.finditer(surface):
        if match.group(1) in standalone and match.group(2) in standalone:
            return surface[: match.start(2)]
    return surface


def _split_at_sentence_ends(start: int, surface: str) -> list[tuple[int, int, str]]:
    """A run of capitalised words cut where a word's full stop ends a sentence ("David
    Plouffe. Uber" is two runs), not after an initial or an abbreviation ("Dr. Shadlen")."""
    runs, at = [], 0
    for match in re.finditer(r"\S+", surface):
        word = match.group()
        bare = word[:-1].casefold()
        if (
            word.endswith(".")
            and len(bare) > 1
            and "." not in bare
            and bare not in lexicon.ABBREVIATIONS
            and match.end() < len(surface)
        ):
            runs.append((start + at, start + match.end(), surface[at : match.end()]))
            at = len(surface) - len(surface[match.end() :].lstrip())
    runs.append((start + at, start + len(surface), surface[at:]))
    return runs


# Words a body's name may end its first part with before "for", "on", "against" or
# "without" and the rest of its name: "Centre for Economic Policy Research", "Joint
# Committee on Intelligence", "Doctors for Camp Closure" (people in the plural).
_BODY_HEADS = (
    ORGANISATION_WORDS
    | lexicon.UNNAMED_PEOPLE
    | words("centre center coalition alliance society federation campaign forum project")
)
_BODY_LINK = re.compile(r"[ \t]+(?:for|on|against|without)[ \t]+(?:the[ \t]+)?")
_AND_LINK = re.compile(r"[ \t]+(?:and|&)[ \t]+")


def join_bodies(masked: str, runs: list[tuple[int, int, str]]) -> tuple[list, set[int]]:
    """Runs of capitalised words joined where a body's name goes on through a small word:
    "Centre" + "for" + "Economic Policy Research" is one name, and so is "Joint Committee
    on Intelligence and Security" ("and" only once the name has gone on through "for",
    "on"…). Not before a day or a month ("the Committee on Tuesday"). Returns the runs and
    the starts of those that were joined (organisations, whatever their words)."""
    out: list[tuple[int, int, str]] = []
    joined: set[int] = set()
    for run in runs:
        if out:
            start, end, surface = out[-1]
            first = fold(run[2].split()[0])
            link = _BODY_LINK if start not in joined else _AND_LINK
            if (
                first not in lexicon.NOT_NAMES
                and not is_place(run[2])
                and (start in joined or fold(surface.split()[-1]) in _BODY_HEADS)
                and (
                    link.fullmatch(masked, end, run[0])
                    or (start in joined and _BODY_LINK.fullmatch(masked, end, run[0]))
                )
            ):
                out[-1] = (start, run[1], masked[start : run[1]])
                joined.add(start)
                continue
            if _one_body_with_and(masked, out[-1], run):
                out[-1] = (start, run[1], masked[start : run[1]])
                joined.add(start)
                continue
        out.append(run)
    return out, joined


# What the name of a body joined by "and" ends with: "the Food and Drug Administration",
# "the Customs and Border Protection", "the Universities and Colleges Employers’
# Association".
_AND_BODY_ENDS = _BODY_HEADS | words(
    "administration protection services prevention development enforcement security"
)
_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he[ \t]+$")


def _one_body_with_and(masked: str, first, second) -> bool:
    """Whether one word, `and` and a body's name after `the` are one body's name (not
    `chains Gannett and GateHouse Media`, two bodies)."""
    start, end, surface = first
    return (
        " " not in surface
        and fold(surface) not in lexicon.NOT_NAMES
        and bool(_AND_LINK.fullmatch(masked, end, second[0]))
        and bool(_THE_BEFORE.search(masked, max(0, start - 5), start))
        and fold(second[2].split()[-1]) in _AND_BODY_ENDS
    )


def parse_body(masked: str, start: int, end: int, surface: str):
    """A body's name joined by `join_bodies`, read as parse_run reads a name: its leading
    sentence words dropped, a possessive before it its title ("Parliament's")."""
    tokens = surface.split()
    title_end = 0
    while title_end < len(tokens) - 1 and (
        fold(tokens[title_end]) in lexicon.NOT_NAMES or _POSSESSIVE.search(tokens[title_end])
    ):
        title_end += 1
    skip = 0
    while skip < title_end and fold(tokens[skip]) in lexicon.NOT_NAMES:
        skip += 1
    start = masked.index(tokens[skip], start)
    name = " ".join(tokens[title_end:]).rstrip(".")
    title = " ".join(tokens[skip:title_end])
    return start, end, " ".join(tokens[skip:]), title, name, "organisation"


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token[0].isupper() and token[1] == "."


def _end_of(masked: str, start: int, tokens: list[str]) -> int:
    position = start
    for token in tokens:
        position = masked.index(token, position) + len(token)
    return position


_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|(?<=[\s,;:]))((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[A-Z][\w’']*[’']s)"
    r"\s[^,.;:\"“”\n]{2,70}?),\s*$"
)


_COPULA_AFTER = re.compile(
    r"[ \t]+(?:is|was)[ \t]+((?:the|a|an)[ \t][^,.;:\n\"“”]{2,60}?)[ \t]*[,.;\n]"
)


_APPOSITIVE_AFTER = re.compile(r"\s*,\s*((?:the|a|an|[A-Z][\w’']*[’']s)\s[^,.;:\n]{2,80}?)\s*[,.;]")


_ROLE_AFTER = re.compile(r"[ \t]*,[ \t]*([A-Za-z][^,.;:()\n\"“”]{2,80}?)[ \t]*[,.;]")


def _names_a_role(phrase: str) -> bool:
    """Whether a phrase after a name, in commas, is their role: a role noun among its
    first five words, and not a clause ("who leads…", "said the…")."""
    words = [fold(word) for word in phrase.split()]
    if words[0] in lexicon.NOT_NAMES or words[0] in lexicon.SPEECH_VERBS:
        return False
    if re.search(r"\b[A-Z]$", phrase):
        return False  # cut at an initial: "president of Dana F. Besecker Company"
    return any(word in lexicon.PERSON_ROLE_NOUNS for word in words[:5])


def _has_role(phrase: str) -> bool:
    return any(
        fold(word) in lexicon.PERSON_ROLE_NOUNS or fold(word) in lexicon.TITLE_WORDS
        for word in phrase.split()[1:]
    )


def _office_of_a_body(rest: list[str]) -> bool:
    """Whether the words after a title are "of", a body's name and a person's full name
    (its last two words, neither a title, a body's word nor a place)."""
    if len(rest) < 4 or rest[0] != "of" or any(t[0].islower() for t in rest[1:]):
        return False
    return all(
        fold(token) not in lexicon.TITLE_WORDS
        and fold(token) not in lexicon.NON_PERSON_WORDS
        and fold(token) not in ORGANISATION_WORDS
        and not is_place(token)
        and not _POSSESSIVE.search(token)
        for token in rest[-2:]
    )


def _in_order(parts: list[str], others: list[str]) -> bool:
    """Whether `parts` are a subsequence of `others`."""
    remaining = iter(others)
    return all(part in remaining for part in parts)


_INVERTED_VERBS = words("said says added adds asked asks wrote writes explained noted")


# A speech verb right before a name: `said Mar Hicks`, where a name's first word that is
# also a month or a sentence word ("Mar", "April", "Will") cannot open a sentence.
_SAID_BEFORE = re.compile(r"(?:^|[\s,])(?:said|says|told|added|adds|wrote|writes)[ \t]+$")
# Nor can it right after a quotation, before an appositive (`“…,” Will Moy, chief
# executive of…, told`; `“…?” He Jianxiong, the former director…, said`).
_QUOTED_BEFORE = re.compile(r"[”\"’][ \t]+$")
_COMMA_AFTER = re.compile(r"[ \t]*,")


def parse_run(masked: str, start: int, end: int, surface: str):
    """A run of capitalised words read as a name: (start, end, surface, title, name, kind),
    its title stripped off its front ("Iran's Foreign Minister Abbas Araqchi"), or None when
    it names no one (a place, a dateline, a title without a name)."""
    tokens = surface.split()
    # Leading words that only begin a sentence ("When Putin", "Speaking"); not a first name
    # after a speech verb ("said Mar Hicks").
    skip = 0
    after_verb = len(tokens) >= 2 and (
        _SAID_BEFORE.search(masked, max(0, start - 10), start)
        or (
            _QUOTED_BEFORE.search(masked, max(0, start - 3), start)
            and _COMMA_AFTER.match(masked, end)
        )
    )
    while (
        not after_verb
        and skip < len(tokens)
        and (
            fold(tokens[skip]) in lexicon.NOT_NAMES
            or lexicon.is_number_word(fold(tokens[skip]))  # "Fifty-one percent say"
            # "Said Lee:", "Added Smith:": a speech verb opening the sentence before its
            # subject.
            or (skip == 0 and len(tokens) > 1 and fold(tokens[0]) in _INVERTED_VERBS)
        )
    ):
        start = masked.index(tokens[skip], start) + len(tokens[skip])
        skip += 1
    tokens = tokens[skip:]
    while len(tokens) > 2 and tokens[-1].rstrip(".,") in _POSTNOMINALS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    if (
        tokens[-1].endswith(".")
        and len(tokens[-1]) > 2
        and not _is_initial(tokens[-1])
        and fold(tokens[-1]) not in _NAME_SUFFIXES  # "Jr." keeps its full stop
    ):
        tokens[-1] = tokens[-1][:-1]
    if all(token.isupper() and len(token) > 1 for token in tokens):
        return None  # a dateline or an acronym
    surface = " ".join(tokens)
    start = masked.index(tokens[0], start)
    end = _end_of(masked, start, tokens)
    title_end = 0
    for index, token in enumerate(tokens[:-1]):
        folded = fold(token)
        if (
            folded in lexicon.TITLE_WORDS
            or folded.split("-")[0] in lexicon.TITLE_WORDS  # "President-elect"
            or (_POSSESSIVE.search(token) and not _where_a_person_is_from(tokens, index))
            or (is_place(token) and fold(tokens[index + 1]) not in ORGANISATION_WORDS)
            or _MODIFIER.search(token)  # "Amazon-owned", "Mercer Island-based"
            # "Commuter Jane Hughes", "Singer Halsey": a role noun, capitalised as a
            # sentence opens, before a name.
            or (index == 0 and _is_role_noun(folded))
        ):
            title_end = index + 1
    while title_end and _MODIFIER.search(tokens[title_end - 1]):
        # "Kroger-owned QFC": who owns them is no title of theirs.
        tokens, title_end = tokens[title_end:], 0
        start = masked.index(tokens[0], start)
        surface = " ".join(tokens)
        if all(token.isupper() and len(token) > 1 for token in tokens):
            return None  # an acronym
    if (
        title_end
        and len(tokens) - title_end == 1
        and fold(tokens[title_end - 1]) in _ROYAL_TITLES
        and not _POSSESSIVE.search(tokens[-1])
    ):
        # "Prince Andrew", "Pope Francis", "Britain's Queen Elizabeth": a royal is known by
        # the title and one name, which together are the name (`Andrew` alone is still
        # that person, as a surname is).
        title_end -= 1
    if title_end and _office_of_a_body(tokens[title_end:]):
        # "Deputy Director of Public Prosecution Eva-Marie Persson": the office goes on
        # through "of" and the body's name; the person is the last two words.
        title_end = len(tokens) - 2
    title = " ".join(tokens[:title_end])
    name_tokens = tokens[title_end:]
    if not name_tokens or name_tokens[0][0].islower():
        return None  # "Russia of Crimea": a place, and no name after it
    if "of" in name_tokens[1:]:
        # "John Thune of South Dakota": a person and where they are from (but "Bank of
        # England" is a name).
        head = name_tokens[: name_tokens.index("of", 1)]
        head_words = {fold(word) for word in head}
        if len(head) >= 2 and not head_words & (ORGANISATION_WORDS | lexicon.NON_PERSON_WORDS):
            name_tokens = head
            surface = " ".join(tokens[:title_end] + name_tokens)
            end = _end_of(masked, start, tokens[:title_end] + name_tokens)
    name = _POSSESSIVE.sub("", " ".join(name_tokens))
    folded_words = {fold(word) for word in name_tokens}
    if len(name_tokens) == 1 and fold(name_tokens[0]) in lexicon.UNNAMED_PEOPLE:
        return None  # "Police said": people the text does not name, capitalised
    if folded_words & ORGANISATION_WORDS:
        if title_end and not any(_POSSESSIVE.search(token) for token in tokens[:title_end]):
            # "Swedish Prosecution Authority", "Federal Trade Commission": the words before
            # a body's name are part of it, not a title (but "Iran's Foreign Ministry").
            title, name = "", _POSSESSIVE.sub("", " ".join(tokens))
        return start, end, surface, title, name, "organisation"
    if (
        (folded_words & lexicon.NON_PERSON_WORDS and not _first_name_and_surname_word(name_tokens))
        or all(is_place(w) for w in name_tokens)
        or " ".join(fold(w) for w in name_tokens) in lexicon.PLACE_NAMES
    ):
        return None
    if fold(name_tokens[-1]) in lexicon.TITLE_WORDS and not _first_name_and_surname(name_tokens):
        return None  # "Staff Reporter", "Foreign Minister": a title without a name
    if "of" in name_tokens[1:]:
        # "Jamie Werner of Ngātiwai", "Mitch McConnell of Kentucky": where they are
        # from, not their name.
        name_tokens = name_tokens[: name_tokens.index("of", 1)]
        name = _POSSESSIVE.sub("", " ".join(name_tokens))
        surface = " ".join(tokens[:title_end] + name_tokens)
        end = _end_of(masked, start, tokens[:title_end] + name_tokens)
    return start, end, surface, title, name, "person"


def _where_a_person_is_from(tokens: list[str], index: int) -> bool:
    """Whether tokens[index] stands after `of` that follows a person's name, in where
    they work (`Rosaly Lopes of NASA's Jet Propulsion Laboratory`): its possessive is the
    body's, and what comes before it is no title (but `Bank of England's Governor Mark
    Carney` is titled so)."""
    of = next((i for i in range(index - 1, 0, -1) if tokens[i] == "of"), None)
    if of is None:
        return False
    head = [fold(token) for token in tokens[:of]]
    return len(head) >= 2 and not set(head) & (
        ORGANISATION_WORDS | lexicon.NON_PERSON_WORDS | lexicon.TITLE_WORDS
    )


# Words of places, bodies and days that are also common surnames (`Steve West`, `Stuart
# Hall`, `Doris Day`; but `Election Day` is no one).
_SURNAME_WORDS = words("west north hall church post bay temple day")


def _first_name_and_surname_word(name_tokens: list[str]) -> bool:
    """Whether a name whose last word says place or body is a known first name and a
    surname (`Prof Steve West`, not `the University of West of England`)."""
    return (
        len(name_tokens) == 2
        and fold(name_tokens[0]) in lexicon.MALE_WORDS | lexicon.FEMALE_WORDS
        and fold(name_tokens[1]) in _SURNAME_WORDS
    )


def _first_name_and_surname(name_tokens: list[str]) -> bool:
    """Whether a name whose last word is a title word is a first name and a surname
    (`Wayne King`, `Ann Bishop`): a known first name, then one word."""
    first = fold(name_tokens[0])
    return (
        len(name_tokens) == 2
        and first in lexicon.MALE_WORDS | lexicon.FEMALE_WORDS
        and first not in lexicon.TITLE_WORDS
    )
