"""Quote-dense wire copy of any size, for the article import's benchmark
(bench/article_import.py) and the extraction tests (tests/ingest)."""

import random


def _words(text: str) -> list[str]:
    return text.split()


_FIRST = _words(
    "Mara Ilya Ingrid Viktor Anna Tomas Helena Pavel Sofia Erik Nadia Lars Olga Karl Leila "
    "Boris Irina Jens Amira Igor Laura Pedro Julia Antonio Eva Rishi Claire Olaf Priya Sergei"
)
_LAST_SYLLABLES = _words(
    "lind var sol berg hale ost ring dahl mor kov ask tun rev ell ban nor vik sa"
)
_TITLES = [
    ("Foreign Minister", "the foreign minister"),
    ("Finance Minister", "the finance minister"),
    ("Mayor", "the mayor"),
    ("Prime Minister", "the prime minister"),
    ("Senator", "the senator"),
    ("Governor", "the governor"),
    ("Chief Executive", "the chief executive"),
]
_ORGANISATIONS = ["Vestby Port Authority", "Nordland Central Bank", "Esteria Energy Ministry"]
_VOCABULARY = _words(
    "the budget crossing border trade port talks deal water charges rates bank inflation "
    "workers strike union council river dam ruling court plan figure year week month "
    "people city country government market price wage contract share road truck ship "
    "must will never always more less first last open close build sign pay cut raise "
    "hold keep stop start reach agree refuse accept we they it this that our their every"
)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_LAST_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(low, high)))


def _sentence(rng: random.Random, low: int = 5, high: int = 14) -> str:
    return _words(rng, low, high).capitalize() + "."


def quote_dense_text(size: int, *, seed: int = 0) -> str:
    """About `size` bytes (UTF-8) of wire copy with a quotation every 90 characters or so.

    New people keep being introduced (a document this long is a transcript or a digest of
    many stories), each with a title, then quoted by name, by surname, by pronoun, by title
    and in continued paragraphs, as wire copy quotes them. A few quotations repeat earlier
    words exactly.
    """
    rng = random.Random(seed)
    parts = ["Talks on the border, the port and the budget\n\n"]
    length = len(parts[0])
    people: list[tuple[str, str, str, str]] = []  # name, surname, title, titled as
    said: list[str] = []
    while length < size:
        if not people or rng.random() < 0.15:
            first, last = rng.choice(_FIRST), _surname(rng)
            title, titled = rng.choice(_TITLES)
            people.append((f"{first} {last}", last, title, titled))
            name, surname, title, titled = people[-1]
            words = _sentence(rng)
            paragraph = f"{title} {name} said on Thursday: “{words}”"
        else:
            name, surname, title, titled = rng.choice(people[-12:])
            words = _sentence(rng) if not said or rng.random() > 0.05 else rng.choice(said)
            form = rng.randrange(9)
            if form == 0:
                paragraph = f"“{words[:-1]},” {surname} said."
            elif form == 1:
                paragraph = f"“{words[:-1]},” {titled} told reporters."
            elif form == 2:
                paragraph = f"{surname} said the {_words(rng, 1, 3)} was “{_words(rng, 2, 5)}.”"
            elif form == 3:
                second = _sentence(rng)
                paragraph = f"“{words[:-1]},” {surname} said, “{second[:1].lower()}{second[1:]}”"
            elif form == 4:
                paragraph = f"“{words}”\n\n“{_sentence(rng)}” he added."
            elif form == 5:
                paragraph = f"According to {surname}, “{words}”"
            elif form == 6:
                paragraph = (
                    f"The {rng.choice(_ORGANISATIONS)} called the {_words(rng, 1, 2)} a "
                    f"so-called “{_words(rng, 1, 2)}”. {_sentence(rng)}"
                )
            elif form == 7:
                paragraph = f"{_sentence(rng)} “{words}” said {name}."
            else:
                paragraph = (
                    f"{surname}, whose report “{_words(rng, 2, 4).title()}” came out last "
                    f"year, said: “{words}”"
                )
        said.append(words)
        parts.append(paragraph + "\n\n")
        length += len(paragraph.encode("utf-8")) + 2
    return "".join(parts)
