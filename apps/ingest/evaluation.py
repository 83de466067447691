"""Measuring quote extraction against the labelled set in tests/ingest/labelled/.

Each labelled article is a text file and a JSON file beside it listing every quoted span in
the text, in order, with its label (speech, scare, term, title, heading) and, for speech,
who said it (null when the text does not name them). Each span is the first occurrence of
its words after the previous span, unless it says otherwise (`after`, `inside`: see
`_locate`). `speakers.json` lists the speakers the database is taken to know already.

- precision: of the spans proposed as speech, the share that are speech;
- recall: of the spans that are speech, the share proposed;
- attribution accuracy: of the speech spans proposed, the share given the right speaker (a
  span whose speaker the text does not name is right when no one is named for it).

A proposed span matches a labelled one when they overlap by at least half of their union.
A quotation running over several paragraphs is one proposal; where the labels give each of
its paragraphs as a span of its own, the proposal is scored as its paragraphs (each with the
proposal's speaker), so that labelling it either way measures the same thing.
The extractor runs as the import runs it: known speakers are looked up in the database,
which `evaluate()` fills from speakers.json inside a transaction it rolls back.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from apps.ingest.extraction import extract_quotes
from apps.ingest.speakers import SpeakerDirectory
from apps.speakers.models import Speaker
from apps.speakers.services import role_add, speaker_create

SPEECH = "speech"


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str
    speaker: str | None


@dataclass(frozen=True)
class LabelledArticle:
    name: str
    text: str
    spans: list[GoldSpan]


@dataclass
class Score:
    name: str
    gold_speech: int = 0
    proposed: int = 0
    true_positives: int = 0
    attributed_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.gold_speech += other.gold_speech
        self.proposed += other.proposed
        self.true_positives += other.true_positives
        self.attributed_right += other.attributed_right
        self.errors.extend(f"{other.name}: {error}" for error in other.errors)

    @property
    def precision(self) -> float:
        return self.true_positives / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_speech if self.gold_speech else 1.0

    @property
    def attribution(self) -> float:
        return self.attributed_right / self.true_positives if self.true_positives else 1.0


class LabelledSetError(Exception):
    pass


def load_labelled(directory: Path) -> list[LabelledArticle]:
    articles = []
    for gold_path in sorted(directory.glob("*.json")):
        if gold_path.name == "speakers.json":
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (directory / gold["text"]).read_text(encoding="utf-8")
        spans, at, outer, inner_at = [], 0, None, 0
        for number, item in enumerate(gold["spans"], start=1):
            where = f"{gold_path.name}, span {number}"
            start = _locate(text, item, at, outer, inner_at, where)
            end = start + len(item["quote"])
            spans.append(GoldSpan(start, end, item["label"], item.get("speaker")))
            if not item.get("inside"):
                outer = spans[-1]
            inner_at = end if item.get("inside") else start + 1
            at = max(at, end)
        articles.append(LabelledArticle(gold_path.stem, text, spans))
    return articles


def _locate(
    text: str, item: dict, at: int, outer: GoldSpan | None, inner_at: int, where: str
) -> int:
    """Where a labelled span starts: the first occurrence of its words after the previous
    span. Two optional fields place what its words alone cannot:
    - `"inside": true`, a quotation inside the last span not itself inside one (looked for
      from its start, or after the quotation inside it given before: `"…'a' … 'b'…"`);
    - `"after": "<words>"`, words of the text the span follows (a word like “We” that
      occurs earlier inside another word is placed by what comes before it)."""
    quote = item["quote"]
    if item.get("inside"):
        if outer is None:
            raise LabelledSetError(f"{where}: “{quote}” is marked inside, but no span is before it")
        at = inner_at
    if after := item.get("after"):
        found = text.find(after, at)
        if found == -1:
            raise LabelledSetError(
                f"{where}: the words it comes after, “{after}”, are not in the text"
            )
        at = found + len(after)
    start = text.find(quote, at)
    if start == -1:
        raise LabelledSetError(f"{where}: “{quote}” is not in the text")
    if item.get("inside") and start + len(quote) > outer.end:
        raise LabelledSetError(
            f"{where}: “{quote}” is marked inside, but is not inside the span before it"
        )
    return start


def load_known_speakers(directory: Path) -> list[dict]:
    path = directory / "speakers.json"
    return json.loads(path.read_text(encoding="utf-8"))["speakers"] if path.exists() else []


def evaluate(directory: Path) -> tuple[list[Score], Score]:
    """Scores per article and in total. Writes nothing: the known speakers it adds to the
    database for the run are rolled back."""
    articles = load_labelled(directory)
    known = load_known_speakers(directory)
    with transaction.atomic():
        _add_known_speakers(known)
        scores = [score_article(article) for article in articles]
        transaction.set_rollback(True)
    total = Score("total")
    for score in scores:
        total.add(score)
    return scores, total


def score_article(article: LabelledArticle) -> Score:
    directory = SpeakerDirectory()
    score = Score(article.name, gold_speech=sum(s.label == SPEECH for s in article.spans))
    proposals = [p for p in extract_quotes(article.text, directory=directory) if p.is_speech]
    pieces = [
        (start, end, proposal)
        for proposal in proposals
        for start, end in _pieces(article.text, proposal, article.spans)
    ]
    score.proposed = len(pieces)
    matched = set()
    for start, end, proposal in pieces:
        gold = _best_match(start, end, article.spans)
        matched.add(gold)
        shown = f"“{article.text[start:end][:60]}”"
        if gold is None or gold.label != SPEECH:
            label = gold.label if gold else "not a quoted span"
            score.errors.append(f"{shown} proposed as speech; labelled {label}")
            continue
        score.true_positives += 1
        predicted = _predicted_speaker(proposal, directory)
        if _same_speaker(predicted, gold.speaker):
            score.attributed_right += 1
        else:
            said_by = gold.speaker or "an unnamed speaker"
            score.errors.append(f"{shown} attributed to {predicted or 'no one'}; said by {said_by}")
    for gold in article.spans:
        if gold.label == SPEECH and gold not in matched:
            score.errors.append(
                f"“{article.text[gold.start : gold.end][:60]}” (speech) not proposed"
            )
    return score


def _pieces(text: str, proposal, spans: list[GoldSpan]) -> list[tuple[int, int]]:
    """(start, end) of what is scored of a proposal: the whole span, or, for a quotation
    over several paragraphs that the labels give paragraph by paragraph, each paragraph."""
    whole = [(proposal.start, proposal.end)]
    if not proposal.span.continued:
        return whole
    gold = _best_match(proposal.start, proposal.end, spans)
    if gold is not None and "\n" in text[gold.start : gold.end]:
        return whole
    pieces, at = [], proposal.start
    for line in text[proposal.start : proposal.end].split("\n"):
        words = line.strip().lstrip('"“«„‹').strip()
        if words:
            start = text.index(words, at)
            pieces.append((start, start + len(words)))
        at += len(line) + 1
    return pieces or whole


def _best_match(start: int, end: int, spans: list[GoldSpan]) -> GoldSpan | None:
    best, best_overlap = None, 0.5
    for gold in spans:
        overlap = min(end, gold.end) - max(start, gold.start)
        union = max(end, gold.end) - min(start, gold.start)
        if union and overlap / union >= best_overlap:
            best, best_overlap = gold, overlap / union
    return best


def _predicted_speaker(proposal, directory: SpeakerDirectory) -> str:
    if proposal.speaker_key is not None or not proposal.speaker_name:
        return proposal.speaker_name
    known = directory.find(proposal.speaker_name)
    return known.name if known else proposal.speaker_name


def _same_speaker(predicted: str, gold: str | None) -> bool:
    if gold is None:
        return not predicted
    return predicted.casefold() == gold.casefold()


def _add_known_speakers(known: list[dict]) -> None:
    for entry in known:
        speaker = speaker_create(
            name=entry["name"],
            description=entry.get("description", ""),
            aliases=entry.get("aliases", []),
            status=Speaker.Status.PUBLISHED,
        )
        for title, organisation in entry.get("roles", []):
            role_add(speaker=speaker, title=title, organisation=organisation)
