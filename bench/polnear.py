"""Attribution on PolNeAR, a large corpus of news quotes the rules were not written on
(issue 19; docs/importing.md, round 26).

PolNeAR (Newell, Margolin and Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018; github.com/networkdynamics/PolNeAR) annotates who is said to say what in 1,008
US political news articles of 2015–16 from seven publishers, with Stanford CoreNLP's
annotations of each text. It ships no licence for its data (the texts are the
publishers'), so nothing of it is in this repository: clone it yourself and point this at
the clone (nothing is downloaded here).

    git clone https://github.com/networkdynamics/PolNeAR /path/to/PolNeAR
    DATABASE_URL=sqlite:////tmp/polnear.sqlite3 .venv/bin/python -m bench.polnear \\
        /path/to/PolNeAR [--splits train dev test] [--json rows.json]

(`/path/to/PolNeAR` may be a clone or a bare git directory: the files are read with
`git show HEAD:…`.) For every speech proposal of `extract_quotes` whose span lies, half or
more, inside the Content of one of the article's attributions (the first annotator's), the
attribution's Source is read as a name:

- **gold**: the Source span itself holds a name (CoreNLP's PERSON or ORGANIZATION tokens:
  `Sen. Bernie Sanders`, `Trump`), widened to the fullest PERSON name of the article that
  ends with it (`Trump` → `Donald Trump`);
- **silver**: the Source is a pronoun or a description (`he`, `the senator`) and the name
  comes from CoreNLP's automatic coreference chain of its head: often wrong;
- a Source with no name either way is not scored.

A proposal is right when its speaker is that name or has the same last word (PolNeAR's
names are CoreNLP's token runs, not a labeller's choice of the full name). Both sets hold
noise of PolNeAR's making: `said a New Hampshire Democrat` is "gold" New Hampshire Democrat,
where the rules rightly name no one; an inner quotation inside someone's speech is scored
as that speaker's. So the figures compare versions of the rules on thousands of spans
(`--json` keeps every scored span, to diff two runs); they are not the issue's measure,
which is the labelled pages (`evaluate_extraction`).
"""

import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------
# PolNeAR's files


def _show(repo: Path, path: str) -> str | None:
    found = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=False
    )
    return found.stdout.decode("utf-8") if found.returncode == 0 else None


def _listed(repo: Path, folder: str) -> list[str]:
    found = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", folder + "/"],
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.split()


def first_annotations(repo: Path, split: str) -> dict[str, str]:
    """{article: the path of its first annotator's .ann file}."""
    chosen: dict[str, str] = {}
    for path in sorted(_listed(repo, f"data/{split}/attributions")):
        chosen.setdefault(Path(path).stem.rsplit("_", 1)[0], path)
    return chosen


@dataclass(frozen=True)
class Attribution:
    source: tuple[int, int, str] | None
    content: tuple[int, int]


def attributions(ann: str) -> list[Attribution]:
    """The attributions of a brat standoff file that have a Content span."""
    spans, relations = {}, []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t", 2)
            if len(parts) < 2:
                continue  # a malformed line of the corpus
            _kind, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
            spans[parts[0]] = (pieces[0][0], pieces[-1][1], parts[2] if len(parts) > 2 else "")
        elif line.startswith("E"):
            _, arguments = line.split("\t", 1)
            roles = dict(argument.split(":") for argument in arguments.split())
            relations.append({role.lower(): span for role, span in roles.items()})
    return [
        Attribution(spans.get(relation.get("source")), spans[relation["content"]][:2])
        for relation in relations
        if relation.get("content") in spans
    ]


@dataclass
class CoreNLP:
    """The tokens (with their NER tags) and coreference chains of CoreNLP's XML."""

    tokens: dict[tuple[int, int], dict] = field(default_factory=dict)
    chains: list[list[dict]] = field(default_factory=list)
    in_order: list[dict] = field(default_factory=list)

    @classmethod
    def read(cls, xml: str) -> "CoreNLP":
        found = cls()
        root = ET.fromstring(xml)
        for sentence in root.iter("sentence"):
            if sentence.find("tokens") is None:
                continue
            number = int(sentence.get("id"))
            for token in sentence.find("tokens"):
                found.tokens[(number, int(token.get("id")))] = {
                    "word": token.findtext("word"),
                    "ner": token.findtext("NER"),
                    "begin": int(token.findtext("CharacterOffsetBegin")),
                    "end": int(token.findtext("CharacterOffsetEnd")),
                }
        coreference = root.find("document/coreference")
        for chain in coreference.findall("coreference") if coreference is not None else ():
            found.chains.append(
                [
                    {
                        key: int(mention.findtext(key))
                        for key in ("sentence", "start", "end", "head")
                    }
                    for mention in chain.findall("mention")
                ]
            )
        found.in_order = sorted(found.tokens.values(), key=lambda token: token["begin"])
        return found

    def within(self, begin: int, end: int) -> list[dict]:
        return [t for t in self.in_order if t["begin"] >= begin and t["end"] <= end]

    @staticmethod
    def names(tokens: list[dict]) -> list[tuple[str, str]]:
        """(kind, words) of each run of PERSON or ORGANIZATION tokens."""
        runs, current, kind = [], [], None
        for token in [*tokens, {"ner": "O", "word": ""}]:
            if token["ner"] in ("PERSON", "ORGANIZATION") and kind in (None, token["ner"]):
                current.append(token["word"])
                kind = token["ner"]
                continue
            if current:
                runs.append((kind, " ".join(current)))
            named = token["ner"] in ("PERSON", "ORGANIZATION")
            current, kind = ([token["word"]], token["ner"]) if named else ([], None)
        return runs

    def chain_names(self, begin: int, end: int) -> list[tuple[str, str]]:
        """The names in the coreference chains whose head lies in [begin, end)."""
        found = []
        for chain in self.chains:
            heads = [self.tokens.get((m["sentence"], m["head"])) for m in chain]
            if not any(h and h["begin"] >= begin and h["end"] <= end for h in heads):
                continue
            for m in chain:
                tokens = [
                    self.tokens[(m["sentence"], i)]
                    for i in range(m["start"], m["end"])
                    if (m["sentence"], i) in self.tokens
                ]
                found += self.names(tokens)
        return found

    def people(self) -> list[str]:
        return [words for kind, words in self.names(self.in_order) if kind == "PERSON"]


def _clean(name: str) -> str:
    return re.sub(r"\s+(?:'s|’s)$", "", name.replace(" 's", "").replace(" ’s", "")).strip()


def speaker(source: tuple[int, int, str] | None, nlp: CoreNLP) -> tuple[str, str]:
    """(name, "gold" or "silver") of an attribution's Source, or ("", "") for none."""
    if source is None:
        return "", ""
    begin, end, _ = source
    own = nlp.names(nlp.within(begin, end))
    how = "gold"
    if not own:
        own, how = nlp.chain_names(begin, end), "silver"
    if not own:
        return "", ""
    names = [words for kind, words in own if kind == "PERSON"] or [words for _, words in own]
    name = _clean(max(names, key=lambda words: len(words.split())))
    if len(name.split()) == 1:
        fuller = Counter(
            _clean(person)
            for person in nlp.people()
            if len(person.split()) > 1 and _clean(person).split()[-1] == name
        )
        if fuller:
            name = fuller.most_common(1)[0][0]
    return name, how


def _same(predicted: str, name: str) -> bool:
    if not predicted:
        return False
    ours, theirs = predicted.casefold().split(), name.casefold().split()
    return ours == theirs or ours[-1].strip(".,’'s") == theirs[-1].strip(".,’'s")


# ---------------------------------------------------------------------------------------
# Scoring


def scored_spans(text: str, found: list[Attribution], nlp: CoreNLP, article: str) -> list[dict]:
    from apps.ingest.extraction import extract_quotes

    rows = []
    for proposal in extract_quotes(text):
        if not proposal.is_speech:
            continue
        start, end = proposal.start, proposal.end
        best, overlap = None, 0
        for attribution in found:
            shared = min(end, attribution.content[1]) - max(start, attribution.content[0])
            if shared > overlap:
                best, overlap = attribution, shared
        if best is None or overlap < (end - start) / 2:
            continue
        name, how = speaker(best.source, nlp)
        if name:
            rows.append(
                {
                    "article": article,
                    "start": start,
                    "kind": how,
                    "name": name,
                    "predicted": proposal.speaker_name,
                    "right": _same(proposal.speaker_name, name),
                }
            )
    return rows


def main() -> None:
    from bench.in_process import set_up_django

    set_up_django("polnear")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", type=Path, help="a clone of PolNeAR (or its bare git dir)")
    parser.add_argument("--splits", nargs="+", default=["train", "dev", "test"])
    parser.add_argument("--json", type=Path, help="write every scored span here")
    parser.add_argument(
        "--compare", type=Path, help="an earlier run's --json: count the spans fixed and broken"
    )
    args = parser.parse_args()
    rows = []
    for split in args.splits:
        annotations = first_annotations(args.polnear, split)
        for done, (article, path) in enumerate(sorted(annotations.items()), 1):
            text = _show(args.polnear, f"data/{split}/text/{article}.txt")
            xml = _show(args.polnear, f"data/{split}/corenlp/{article}.txt.xml")
            if text and xml:
                found = attributions(_show(args.polnear, path) or "")
                rows += scored_spans(text, found, CoreNLP.read(xml), article)
            if done % 100 == 0 or done == len(annotations):
                print(f"{split}: {done} of {len(annotations)} articles", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows))
    for kind in ("gold", "silver"):
        scored = [row for row in rows if row["kind"] == kind]
        right = sum(row["right"] for row in scored)
        print(f"{kind}: {right} of {len(scored)} right ({right / max(len(scored), 1):.3f})")
    right = sum(row["right"] for row in rows)
    print(f"all: {right} of {len(rows)} right ({right / max(len(rows), 1):.3f})")
    if args.compare:
        before = {
            (r["article"], r["start"]): r["right"] for r in json.loads(args.compare.read_text())
        }
        now = {(r["article"], r["start"]): r["right"] for r in rows}
        shared = before.keys() & now.keys()
        fixed = sum(now[key] and not before[key] for key in shared)
        broken = sum(before[key] and not now[key] for key in shared)
        print(
            f"against {args.compare}: {fixed} fixed, {broken} broken, "
            f"{len(now.keys() - before.keys())} scored only now, "
            f"{len(before.keys() - now.keys())} only before"
        )


if __name__ == "__main__":
    main()
