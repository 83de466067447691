"""The sources of a synthetic Factbase: their texts, with every quote and cited passage
planted once and anchored there (the offsets, prefix and suffix the anchoring service
would store). A part of bench/synthetic.py's SyntheticData, which draws what each source
must carry before it asks for the sources' rows."""

import datetime
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.text import slugify

from apps.sources.anchoring import CONTEXT_LENGTH
from bench.vocabulary import FIRST_NAMES, LAST_NAMES, SPEECH_VERBS, zipf_weights

QUOTE, CITATION = "quote", "citation"


@dataclass
class Plant:
    """A passage to put into a source's text: a quote's words or a cited sentence."""

    kind: str
    owner_id: int  # the quote or claim
    exact: str
    attribution: str = ""  # quotes: the name the source attributes the words to
    relation: str = ""  # citations
    note: str = ""


def timestamp(day: datetime.date, rng: random.Random) -> str:
    seconds = rng.randrange(86_400)
    return f"{day.isoformat()} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class SourceTexts:
    """SyntheticData's sources (it provides rng, sizes, vocab, publisher_slugs,
    source_days and plants)."""

    def source_rows(
        self, appearance: Callable[[tuple], None], citation: Callable[[tuple], None]
    ) -> Iterator[tuple]:
        """Sources with their texts; hands each anchored appearance and citation row, as its
        text is made, to `appearance` and `citation`."""
        rng, sizes = self.rng, self.sizes
        kinds = ["article"] * 80 + ["transcript"] * 8 + ["press_release"] * 5
        kinds += ["video"] * 3 + ["social_post"] * 2 + ["official_record"] * 2
        publisher_cum = zipf_weights(len(self.publisher_slugs), 1.0)
        publishers = range(1, len(self.publisher_slugs) + 1)
        appearance_pk = citation_pk = 0
        for index in range(sizes.sources):
            pk = index + 1
            day = self.source_days[index]
            title_words = self.vocab.words(rng.randint(5, 12))
            title = " ".join(title_words)
            title = title[0].upper() + title[1:]
            slug = f"{slugify(title)[:80].strip('-')}-{pk}"
            publisher = None
            if rng.random() < 0.95:
                publisher = rng.choices(publishers, cum_weights=publisher_cum)[0]
            site = (
                f"https://www.{self.publisher_slugs[publisher - 1]}.example"
                if publisher
                else f"https://source-{pk}.example"
            )
            url = "" if rng.random() < 0.03 else f"{site}/{day:%Y/%m/%d}/{slug}"
            text, anchors = self._text(self.plants[index])
            self.plants[index] = []
            created = timestamp(day + datetime.timedelta(rng.randint(0, 3)), rng)
            for plant, start, end in anchors:
                prefix = text[max(0, start - CONTEXT_LENGTH) : start]
                suffix = text[end : end + CONTEXT_LENGTH]
                common = (
                    created, created, plant.exact, prefix, suffix, start, end, "exact", 1.0,
                    text[start:end],
                )  # fmt: skip
                if plant.kind == QUOTE:
                    appearance_pk += 1
                    appearance((appearance_pk, *common, pk, plant.owner_id))
                else:
                    citation_pk += 1
                    citation((citation_pk, *common, plant.relation, plant.note, pk, plant.owner_id))
            archive = f"https://web.archive.org/web/{day:%Y%m%d}000000/{url}"
            yield (
                pk,
                created,
                created,
                title,
                slug,
                url,
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if rng.random() < 0.8 else "",
                day.isoformat(),
                created,
                "en",
                rng.choice(kinds),
                text,
                archive if url and rng.random() < 0.3 else "",
                "published" if rng.random() < 0.97 else "draft",
                publisher,
            )

    def _text(self, plants: list[Plant]) -> tuple[str, list[tuple[Plant, int, int]]]:
        """A news-like text carrying every plant once: paragraphs of a few sentences, quotes
        in typographic quotation marks with their attribution, filler between them."""
        rng = self.rng
        filler = max(2, round(rng.lognormvariate(math.log(800), 0.6) / 110))
        items: list[Plant | None] = [*plants, *([None] * filler)]
        rng.shuffle(items)
        parts: list[str] = []
        anchors = []
        position = 0
        in_paragraph, paragraph_length = 0, rng.randint(2, 5)
        for item in items:
            if position == 0:
                separator = ""
            elif in_paragraph >= paragraph_length:
                separator, in_paragraph, paragraph_length = "\n\n", 0, rng.randint(2, 5)
            else:
                separator = " "
            position += len(separator)
            if item is None:
                sentence, offset = self.vocab.sentence(6, 28), None
            elif item.kind == QUOTE:
                verb = rng.choice(SPEECH_VERBS)
                if rng.random() < 0.6:
                    sentence, offset = f"“{item.exact},” {verb} {item.attribution}.", 1
                else:
                    lead = f"{item.attribution} {verb}: “"
                    sentence, offset = f"{lead}{item.exact}.”", len(lead)
            else:
                sentence, offset = item.exact, 0
            if offset is not None:
                start = position + offset
                anchors.append((item, start, start + len(item.exact)))
            parts.append(separator)
            parts.append(sentence)
            position += len(sentence)
            in_paragraph += 1
        return "".join(parts), anchors
