"""Quote extraction: the quoted spans of a text, each labelled as speech (with who said it
and how sure we are) or as something else in quotation marks.

Pure text processing with no database: a `directory` (see apps.ingest.speakers) may be
passed to recognise speakers by a bare surname or by a title the text does not explain.

Not every quotation is speech. Left out, where the text shows it:
- scare quotes and terms: after "so-called", "the word", "known as"…, or a short phrase
  that no one is said to have said;
- titles of works: after "the book", "the film", "titled"…, or words in Title Case that no
  one is said to have said;
- headings: a short line without a full stop.
Where the text does not settle it (a Title Case phrase someone "called" something, a
two-word fragment), the span is proposed with a lower confidence.
"""

import re
from dataclasses import dataclass, replace

from . import lexicon, ner, syntax
from .affiliations import Affiliations
from .attribution import Attribution, Attributor
from .continuity import SpeechClauses
from .entities import _add_form
from .forms import FullerNames
from .issuers import DocumentIssuers
from .mentions import Discourse
from .nested import inner_quotations
from .spans import _TITLE_CASE_SMALL, QuotedSpan, find_spans
from .spans import title_cased as _title_cased

SPEECH = "speech"
NOT_SPEECH_LABELS = ("scare", "term", "title", "heading")


@dataclass(frozen=True)
class Proposal:
    """One quoted span and what the extractor makes of it."""

    span: QuotedSpan
    words: str
    label: str  # "speech", or one of NOT_SPEECH_LABELS
    confidence: float
    mention: str = ""  # the words that name the speaker: "he", "the Russian President"
    # How the speaker was found: one of QuoteProposal.Method's values.
    method: str = ""
    speaker_name: str = ""  # the speaker's name as the text gives it in full
    speaker_kind: str = ""  # person or organisation
    speaker_title: str = ""  # how the text titles them: "Russian President"
    speaker_key: object = None  # the directory's key for a known speaker, when it found one
    # What the article says about the speaker, for a draft speaker: the other names it uses
    # for them ("Ms Marsh", "Marsh", "President Obama"; never a pronoun or a role noun
    # alone) and the role or title it states ("deputy mayor of Leeds", "Russian President";
    # "" when none).
    speaker_aliases: tuple[str, ...] = ()
    speaker_role: str = ""

    @property
    def is_speech(self) -> bool:
        return self.label == SPEECH

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


def mask_quotations(text: str, spans: list[QuotedSpan]) -> str:
    """The text with every quotation's words blanked (same length, same offsets; line
    breaks kept)."""
    pieces, at = [], 0
    for span in sorted(spans, key=lambda span: span.open_at):
        start = max(at, span.open_at + 1)
        if span.close_at <= start:
            continue
        lines = text[start : span.close_at].split("\n")
        pieces.append(text[at:start])
        pieces.append("\n".join(" " * len(line) for line in lines))
        at = span.close_at
    pieces.append(text[at:])
    return "".join(pieces)


# Spaces other than the plain one (a no-break space from `&nbsp;`, a thin space), read as
# it: `Sen.&nbsp;Sanders` is a title and a name like `Sen. Sanders`. One character for one,
# so every offset stays the text's own.
_OTHER_SPACES = dict.fromkeys([0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " ")


def extract_quotes(text: str, *, directory=None, progress=None) -> list[Proposal]:
    """Every quoted span of `text`, in order, labelled and (if speech) attributed.

    The work grows with the text's length, not faster: each step reads the text a bounded
    number of times, and looking back for whom a pronoun or a title means reads a bounded
    number of mentions (mentions.LOOKBACK). `progress(done, total)`, if given, is called
    as the spans are attributed.
    """
    if progress is not None:
        progress(0, 0)
    text = text.translate(_OTHER_SPACES)
    spans = find_spans(text)
    masked = mask_quotations(text, spans)
    discourse = Discourse(masked, directory, ner.people(text))
    attributor = Attributor(text, masked, spans, discourse, directory)
    attributions = []
    for index in range(len(spans)):
        if progress is not None and index % 1000 == 0:
            progress(index, len(spans))
        attributions.append(attributor.attribute(index))
    labelled = []
    last_label: dict[str, str] = {}  # each quoted phrase's label when last quoted
    for index, span in enumerate(spans):
        attribution = attributions[index]
        label, factor = _label(text, span, attributor, index, attribution)
        if label == SPEECH and attribution is None:
            # Speech no one is said to say here (a headline's words): a later quotation
            # of a named speaker may hold them.
            attribution = attributor.echo_later(index)
        phrase = " ".join(re.findall(r"\w+", span.words(text).casefold()))
        if (
            label == SPEECH
            and (attribution is None or attribution.method in ("echo", "continuation"))
            and last_label.get(phrase, SPEECH) != SPEECH
        ):
            # A slogan or a title quoted again, with no one said to say it this time, is
            # named again, not said: `The tagline? "Clean water, clean town." … 'Clean
            # Water, Clean Town': state spends…`.
            label, factor = last_label[phrase], 1.0
        if len(phrase.split()) >= 2:
            last_label[phrase] = label
        labelled.append((span, label, factor, attribution))
    _label_lists(text, labelled)
    # Quotations inside speech quotations, each after the one it is in.
    with_inner = []
    for span, label, factor, attribution in labelled:
        with_inner.append((span, label, factor, attribution))
        if label == SPEECH:
            for inner, said_by in inner_quotations(text, span, attribution, discourse):
                with_inner.append((inner, SPEECH, 0.8, said_by))
    _parse_unattributed(text, with_inner, attributor)
    _document_issuers(text, with_inner, discourse)
    _affiliations(text, with_inner, discourse)
    _speech_clauses(text, with_inner, discourse)
    _fuller_names(with_inner, discourse)
    # Built once every span is read: what the text says of a speaker (a title in an
    # appositive, another name) may come after their first quotation.
    return [_proposal(text, *item, directory) for item in with_inner]


def _parse_unattributed(text: str, with_inner: list, attributor) -> None:
    """Speech the rules give no one takes its speaker from the dependency parse of its
    sentence, where the parse finds one (syntax.py; issue 19, round 14), and so does
    speech the rules only guessed a speaker for, where the parse names someone else, and
    the quotations the rules took for that guess's continuation (round 15), and speech the
    rules gave no one because the quotation before had no one goes on from the speaker the
    parse gave it (round 18); a quotation inside another is left as nested.py read it.
    Changes `with_inner` in place."""
    asking = [
        at
        for at, (span, label, _, attribution) in enumerate(with_inner)
        if label == SPEECH and syntax.asks(attribution) and not span.inside
    ]
    found = syntax.speakers(
        text,
        attributor,
        [with_inner[at][0] for at in asking],
        [with_inner[at][3] for at in asking],
    )
    parsed = dict(zip(asking, found, strict=True))
    follower = syntax.Follower()
    continuations = syntax.Continuations(attributor) if syntax.CONTINUATIONS else None
    index_of = {id(span): index for index, span in enumerate(attributor.spans)}
    for at, (span, label, factor, attribution) in enumerate(with_inner):
        if label == SPEECH and not span.inside:
            after = follower.step(attribution, parsed.get(at, attribution))
            if continuations is not None and id(span) in index_of:
                after = continuations.step(index_of[id(span)], after)
            with_inner[at] = (span, label, factor, after)


def _document_issuers(text: str, with_inner: list, discourse) -> None:
    """Speech a document's clause stands next to (`“…,” the report concludes`, `the DOJ
    release states`) that the rules gave no one or only guessed a speaker for is the
    issuer's the text states, or no one's (issuers.py, issue 19, round 21); so are the
    quotations the rules took for its continuation. Changes `with_inner` in place."""
    issuers = DocumentIssuers(text, discourse)
    _move_speakers(with_inner, issuers.step)


def _affiliations(text: str, with_inner: list, discourse) -> None:
    """A speaker the rules read from a name (or he or she) that hangs on a person named
    just before it (`Omar Lamrani, a senior analyst at Stratfor, told`; affiliations.py,
    issue 19, round 17) is that person. Changes `with_inner` in place."""
    affiliations = Affiliations(text, discourse)

    def move(span, attribution):
        person = affiliations.speaker(span, attribution)
        if person is None:
            return None
        # A pronoun stays the words that name the speaker; a name is the person's.
        words = person.surface if attribution.method == "name" else attribution.mention
        return replace(attribution, mention=words, entity=person.entity)

    _move_speakers(with_inner, move)


def _speech_clauses(text: str, with_inner: list, discourse) -> None:
    """A speaker the rules read from he or she is the person the last speech clause before
    the quotation names, when the rules gave someone named no later than that clause's
    sentence (`The key to Stadia's success, says Buser, is… "…," he says`; continuity.py,
    issue 19, round 19). Changes `with_inner` in place."""
    clauses = SpeechClauses(text, discourse)

    def move(span, attribution):
        person = clauses.speaker(span, attribution)
        # The pronoun stays the words that name the speaker.
        return None if person is None else replace(attribution, entity=person.entity)

    _move_speakers(with_inner, move)


def _fuller_names(with_inner: list, discourse) -> None:
    """A speaker named by a short form of one fuller name the text gave before (`Van Der
    Beek` for James Van Der Beek; forms.py, issue 19, round 16) is that name's person, the
    short form kept among its aliases. Changes `with_inner` in place."""
    names = FullerNames(discourse)

    def move(span, attribution):
        if attribution is None or attribution.entity is None:
            return None
        fuller = names.of(attribution.entity)
        if fuller is attribution.entity:
            return None
        _add_form(fuller, "", attribution.entity.name)
        return replace(attribution, entity=fuller)

    _move_speakers(with_inner, move)


def _move_speakers(with_inner: list, move) -> None:
    """Each speech proposal's speaker as `move(span, attribution)` gives it (None: left as
    it is), in place: the steps after the rules (rounds 16, 17, 19 and 21)."""
    for at, (span, label, factor, attribution) in enumerate(with_inner):
        if label == SPEECH:
            moved = move(span, attribution)
            if moved is not None:
                with_inner[at] = (span, label, factor, moved)


# Between two quotations of one list: `“Black Water,” “China Grove” and …`, `“severe” or
# “emergency” levels`.
_LIST_LINK = re.compile(r"[ \t]*[,;]?[ \t]*(?:(?:and|or|&)[ \t]+)?")


def _label_lists(text: str, labelled: list) -> None:
    """Quotations listed one after another, with nothing but commas, `and` or `or` between
    them, are named, not said: people's words are not listed so. A list of capitalised
    quotations is a list of titles (`including “Listen To The Music,” “China Grove” and
    “Black Water”`); a list of short quotations one of which is a term is a list of terms
    (`“severe” or “emergency” levels`). Each list is read once: linear in the text."""
    at = 0
    while at < len(labelled):
        end = at + 1
        while end < len(labelled) and _LIST_LINK.fullmatch(
            text, labelled[end - 1][0].close_at + 1, labelled[end][0].open_at
        ):
            end += 1
        members = labelled[at:end]
        if len(members) >= 2:
            words = [span.words(text) for span, *_ in members]
            label = None
            if all(_capitalised(w) for w in words):
                label = "title"
            elif all(len(w.split()) <= 3 for w in words) and any(
                item[1] == "term" for item in members
            ):
                label = "term"
            if label is not None:
                for offset, (span, _, _, attribution) in enumerate(members):
                    labelled[at + offset] = (span, label, 1.0, attribution)
        at = end


def _capitalised(words: str) -> bool:
    """`The One I Love`, `China Grove`: a short phrase, no sentence inside, its first word
    and every word of four letters or more capitalised."""
    words = words.rstrip(".!?,")
    found = re.findall(r"[A-Za-z][\w’'\-]*", words)
    if not found or len(found) > 8 or re.search(r"[.!?;:]", words):
        return False
    significant = [w for w in found if len(w) > 3 and w not in _TITLE_CASE_SMALL]
    return found[0][0].isupper() and all(w[0].isupper() for w in significant)


def _label(text, span, attributor, index, attribution) -> tuple[str, float]:
    """The span's label, and a factor its confidence is multiplied by."""
    words = span.words(text)
    if not words:
        # Marks around nothing but punctuation (`"," she said`): no words to propose, and a
        # blank quote would fail the whole article's import.
        return "scare", 1.0
    start, end, _ = attributor.before_clause(index)
    before = re.sub(r"\s+", " ", text[start:end]).casefold().rstrip()
    word_count = len(words.split())
    # "known as the "Three Amigos"": the cue, whatever article follows it.
    bare_before = re.sub(r"\s(?:the|a|an)$", "", before)
    if any(bare_before.endswith(cue) for cue in lexicon.TERM_CUES):
        return ("scare" if bare_before.endswith("so-called") else "term"), 1.0
    if any(before.endswith(cue) for cue in lexicon.HYPOTHETICAL_CUES):
        return "scare", 1.0  # "as if to say": what no one said
    if _PASSIVE_NAMING.search(before) and not _BY_AFTER.match(text, span.close_at + 1):
        return "term", 1.0  # "HP is called "…"", "what's called "…"": a name, not words said
    last_words = re.findall(r"[\w\-]+", before)[-3:]
    if (
        len(last_words) > 1
        and last_words[-1] in ("called", "named", "dubbed", "termed")
        and last_words[-2] in lexicon.TERM_NOUNS
    ):
        return "term", 1.0  # "the technique called "mental chronometry""
    if word_count <= 3 and _modifies_a_noun(text, span, last_words):
        return "term", 1.0
    if word_count <= 3 and _grade_of(last_words):
        return "term", 1.0  # a rating of "hazardous", the status of "endangered"
    title_cased = _title_cased(words)
    if (
        _title_cased(words.replace(":", " "))  # a subtitle after a colon: `Half Life: Alyx`
        and last_words
        and last_words[-1] in _CALLING
        and _quotation_follows(text, span, attributor, index)
    ):
        # `Valve called 'Half Life: Alyx' "a flagship VR game."`: the first of two
        # quotations after `called` is what was called so, the second what it was called.
        return "title", 1.0
    if (
        title_cased
        and last_words
        and last_words[-1] in _MAKING_A_WORK
        and not before.endswith((":", ","))  # `One wrote: "Free Taylor."` is what one wrote
    ):
        return "title", 1.0  # she sang "Happy Birthday", he wrote "A Promised Land"
    if title_cased and _NAMING_PARTICIPLE.search(text, max(0, span.open_at - 40), span.open_at):
        return "title", 1.0  # a script called "Wild Rose": the participle names a thing
    if _A_THING_CALLED.search(before) or _COMMA_DUBBED.search(before):
        # `a seller called "E-Life,"`, `A Facebook group called 'We support Anders Tegnell
        # & co'`, `malware, dubbed "Agent Smith,"`: the name of a thing, in whatever case.
        return ("title" if words[:1].isupper() else "term"), 1.0
    if words[:1].isupper() and _LIKE_A_WORK.search(text, max(0, span.open_at - 40), span.open_at):
        return "title", 1.0  # a song like "Glasgow", films such as "Jaws"
    if _NAMED_WORK.search(text, max(0, span.open_at - 40), span.open_at):
        return "title", 1.0  # `The slogan? "Clean water, clean town."`: the work's words
    following = _NEXT_WORD.match(text, span.close_at + 1)
    if following is not None and following.group(1) in _WORKS_AFTER:
        return "title", 1.0  # the "Meth. We're on it." campaign, the "Starts with one" ad
    if (
        _capitalised(words)
        and following is not None
        and following.group(1) in _PEOPLE_OF_A_WORK
        and text[span.end - 1 : span.end] not in ",.;:!?"
    ):
        return "title", 1.0  # "Parasite" director Bong Joon Ho, the "Mrs Maisel" actress
    if last_words and (
        last_words[-1] in lexicon.WORK_NOUNS
        or (
            last_words[-1] in ("called", "named")
            and len(last_words) > 1
            and (last_words[-2] in lexicon.WORK_NOUNS or title_cased)
            and attribution is None
        )
        or (
            len(last_words) > 1
            and last_words[-1] in ("a", "the")
            and last_words[-2] in lexicon.WORK_NOUNS
            # `Bell called the new campaign a "bold effort like no other…"`: what she called
            # it, not its title.
            and not (attribution is not None and _called_it(before))
        )
    ):
        return "title", 1.0
    if (
        _ONE_NAME.fullmatch(words)
        and re.search(r"\w", before)
        and not before.endswith((":", ","))
        and not attributor._verb_right_before(index)
    ):
        # `a trademark on "Arduino"`, `said on "DWTS."`: one capitalised word inside the
        # text's own sentence, no speech verb right before it, names a thing.
        return "term", 1.0
    if attribution is None and attributor.in_a_headline(span):
        # `Staffers 'don't care': Federal prison suicides…`: a headline's quotation is
        # someone's words, whom the headline does not name.
        return SPEECH, 0.9
    if _is_heading(text, span, attributor) and attribution is None:
        return "heading", 1.0
    if attribution is None:
        if title_cased:
            return "title", 1.0
        if word_count <= 3 or (word_count <= 5 and words[:1].islower()):
            return "scare", 1.0
        return SPEECH, 1.0
    if attribution.method == "continuation" and word_count <= 3 and not words[:1].isupper():
        return "scare", 1.0  # a lone lowercase phrase: no one is said to have said it
    factor = 1.0
    if title_cased:
        factor *= 0.6
    if word_count <= 3:
        factor *= 0.9
    return SPEECH, factor


_DETERMINERS = lexicon.words("a an the our their his her its this that these those")
# One capitalised word, no mark of a sentence's end or of feeling in it: `Arduino`, `DWTS`.
_ONE_NAME = re.compile(r"[A-Z][\w\-’']*")
# A passive of naming right before a quotation, no one said to name it so: `HP is called
# "…"`, `what's called "…"`, `it's instead been dubbed "…"` (not `was called "…" by Ross`).
_PASSIVE_NAMING = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being)|[’']s)(?:[ \t]+\w+ly|[ \t]+instead)?"
    r"[ \t]+(?:called|dubbed|termed|nicknamed)$"
)
_BY_AFTER = re.compile(r"[ \t,]*by[ \t]")
# Nouns that, right after a quotation, make it the name of a work: `the "…" campaign`.
_WORKS_AFTER = lexicon.WORK_NOUNS - lexicon.words("titled entitled reading show play report")
# Who makes or plays in a work, named right after its title: `"Fleabag" creator Phoebe
# Waller-Bridge`, `"CBS This Morning" co-host Gayle King`.
_PEOPLE_OF_A_WORK = lexicon.DESCRIPTIVE_NOUNS | lexicon.words(
    "director creator co-creator host co-host producer showrunner co-star anchor narrator"
)
# Verbs of making or performing a work: a Title Case quotation after one is its title.
_MAKING_A_WORK = lexicon.words(
    "wrote writes sang sings sung played plays performed performs recorded records "
    "released releases published publishes directed directs starred stars in"
)
# Short words Title Case leaves in lower case: "Dancing with the Stars".
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w\-]*)")
_COORDINATED = re.compile(r"[”\"’'][ \t]*,?[ \t]+(?:and|or)[ \t]+$")
# A work announced by its noun alone, a question or a colon before its words: `The
# tagline? "…"`, `Its slogan: "…"`.
_NAMED_WORK = re.compile(
    r"(?:^|[.!?\n]\s*)(?:The|Its|Their|His|Her|the|its|their|his|her)[ \t]+(?:new[ \t]+)?("
    + "|".join(sorted(_WORKS_AFTER))
    + r")[ \t]*[?:][ \t]*$"
)


# A thing's noun and `called` or `named` right before a quotation: `an electric script
# called "…"`, `a sample came in called "…"` (not `he called`, `who called`, `has called`).
_NAMING_PARTICIPLE = re.compile(
    r"(?<![\w’'\-])(?!(?:he|she|they|we|i|you|who|that|which|and|but|has|have|had|also|"
    r"then|it|[a-z]+ly)[ \t])[a-z][\w\-]*[ \t]+(?:called|named)[ \t]*$"
)
# Something introduced with an indefinite article and named right before a quotation (the
# clause read in lower case): `a seller called "…"`, `a forum for Android developers called
# "…"` (not `a man who called "…"`, `a rival, he called "…"`, `a new coach would be named
# "in the coming weeks"`).
_A_THING_CALLED = re.compile(
    r"(?:^|[ \t(])(?:a|an)[ \t]+(?:[\w\-’'&]+[ \t]+){0,5}?"
    r"(?!(?:he|she|they|we|i|you|who|that|which|and|but|has|have|had|also|then|it|is|are|"
    r"was|were|be|been|being|[a-z]+ly)[ \t])[a-z][\w\-]*[ \t]+(?:called|named|dubbed)$"
)
# A naming participle after a comma: `a new breed of malware, dubbed "Agent Smith,"`.
_COMMA_DUBBED = re.compile(r",[ \t]+(?:dubbed|nicknamed|named|called)$")
# A work's noun and `like` or `such as` right before a quotation: `a song like "…"`.
_LIKE_A_WORK = re.compile(
    r"(?<![\w’'\-])(?:"
    + "|".join(sorted(lexicon.WORK_NOUNS))
    + r")s?[ \t]+(?:like|such[ \t]+as)[ \t]*$"
)


_CALLING = lexicon.words("called calls calling dubbed dubs named names labelled labeled")
_ONLY_SPACE = re.compile(r"[ \t]*")


def _quotation_follows(text: str, span: QuotedSpan, attributor, index: int) -> bool:
    """Whether the next quotation opens right after this one, with nothing but spaces
    between."""
    spans = attributor.spans
    if index + 1 >= len(spans) or spans[index + 1].open_at <= span.close_at:
        return False
    return bool(_ONLY_SPACE.fullmatch(text, span.close_at + 1, spans[index + 1].open_at))


def _grade_of(last_words: list[str]) -> bool:
    """Whether the words before a quotation end with a grade's noun and `of`."""
    return len(last_words) > 1 and last_words[-1] == "of" and last_words[-2] in lexicon.GRADE_NOUNS


def _called_it(before: str) -> bool:
    """Whether the clause before `the campaign a "…"` calls it something (`called`,
    `described`, `dubbed`… within its last six words)."""
    return any(
        word in lexicon.PASSIVE_SPEECH or word in ("calls", "calling")
        for word in re.findall(r"[\w\-]+", before)[-6:]
    )


def _modifies_a_noun(text: str, span: QuotedSpan, last_words: list[str]) -> bool:
    """A short quotation between a determiner and a lower-case word that goes on the
    noun phrase: `a "direction discrimination" task`, `our "eureka!" moments`. Not a
    word that begins a clause of its own (`a "disaster" for the town`)."""
    if not last_words:
        return False
    if last_words[-1] not in _DETERMINERS and not _COORDINATED.search(
        text, max(0, span.open_at - 12), span.open_at
    ):
        return False  # `“severe” or “emergency” levels`: a determiner's place, listed
    if text[span.end - 1 : span.end] in ",.;:":
        return False
    following = _NEXT_WORD.match(text, span.close_at + 1)
    if following is None:
        return False
    word = following.group(1)
    if word.endswith("ing"):
        return False  # the "single leading factor" contributing to it: a participle
    return word not in lexicon.NOT_NAMES and word not in lexicon.SPEECH_VERBS


def _is_heading(text: str, span: QuotedSpan, attributor) -> bool:
    """A short line without a full stop, the span opening its first sentence."""
    return attributor.is_short_line(span) and attributor.opens_its_line(span)


def _proposal(text, span, label, factor, attribution: Attribution | None, directory) -> Proposal:
    words = span.words(text)
    if label != SPEECH:
        return Proposal(span, words, label, confidence=0.9)
    if attribution is None:
        return Proposal(span, words, label, confidence=round(0.3 * factor, 3), method="none")
    confidence = attribution.confidence * factor
    entity = attribution.entity
    key = None
    aliases, role = (), ""
    if entity is not None:
        name, kind, title = entity.name, entity.kind, entity.title
        aliases, role = entity.aliases(), entity.role()
    else:
        name, kind, title = "", "", attribution.title
        if directory is not None and attribution.title:
            known = directory.find_title(attribution.title)
            if known is not None:
                key, name, kind = known.key, known.name, known.kind
                role = re.sub(r"^(?:the|a|an)\s+", "", attribution.title, flags=re.IGNORECASE)
                confidence = 0.8 * factor
    return Proposal(
        span,
        words,
        label,
        confidence=round(confidence, 3),
        mention=attribution.mention,
        method=attribution.method,
        speaker_name=name,
        speaker_kind=kind,
        speaker_title=title,
        speaker_key=key,
        speaker_aliases=aliases,
        speaker_role=role,
    )
