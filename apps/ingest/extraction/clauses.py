"""The clauses around a quoted span that say who said it: after the span (`"…," he said`,
`"…," said Putin`, `according to…`), before it (`Putin said, "…"`, `…: "…"`), and speakers
the text describes without naming (`one resident who asked not to be named`, in
unnamed.py). Part of the Attributor (see attribution.py).
"""

import re

from . import lexicon
from .resolution import AGENT_NOUN, BE, Attribution, is_adverb
from .sentences import Token, bare_name, is_speech_verb, tokens
from .spans import looks_like_sentence, title_cased
from .unnamed import UnnamedSpeakers

# How many words a clause after a quotation is read for a speaker named first.
_LONG_CLAUSE = 32
# How many words the subject of a speech clause further on in the sentence may have.
_LATER_SUBJECT = 8
# Words that open a clause of its own, not a speech clause's subject: `, and the mayor said`.
_OPENS_A_CLAUSE = lexicon.words(
    "and but or nor which who whom that while when whereas before after if because then so "
    "with without in at on of for from by to into over under through"
)
# Words that open a relative or subordinate clause, whose verb has a subject of its own.
_SUBORDINATE = lexicon.words(
    "who whom whose which that when while whereas before after if because until unless as"
)
# How many quotations of one sentence a colon's clause is read back over (a bound, so that
# a sentence of many quotations costs no more than its length).
_SPANS_BACK = 8


# The most words a description before a subject has (`the company's chief executive`):
# what `_described_before` reads, so that each word of a clause is looked at once.
_DESCRIPTION_WORDS = 6


# A dash right after a quotation's closing mark, on its line or opening the next one: the
# quoted person's name follows it (`“…” ― Maria Lopez`, `"…"\n\n- Sen. Jane Moss.`).
_SIGNATURE_DASH = re.compile(r"[ \t]*(?:\n\s*)?(?:--|[―—–-])[ \t]*(?=\S)")
# How many words a signature line has at most (`― Michelle Marks, Philadelphia.`).
_SIGNATURE_WORDS = 12


class SpeechClauses(UnnamedSpeakers):
    """The Attributor's reading of speech clauses (a mixin, as MentionResolver)."""

    def _signed(self, index: int) -> Attribution | None:
        """A quotation signed with a dash and a name after it, as a list of readers'
        words or an epigraph prints it: `“He does not speak for me.” ― Maria Lopez`,
        `"…"` then a line `- Sen. Jane Moss, after the debate.` The name is the speaker's,
        when it is a person's and the line says nothing more than who and where."""
        span = self.spans[index]
        dash = _SIGNATURE_DASH.match(self.masked, span.close_at + 1)
        if dash is None or not self._opens_a_list_line(index):
            return None  # `the "Make America Great Again" — Trump's slogan — …`: an aside
        end = self.masked.find("\n", dash.end())
        end = len(self.masked) if end < 0 else end
        if index + 1 < len(self.spans):
            end = min(end, self.spans[index + 1].open_at)
        toks = tokens(self.masked, dash.end(), end)
        if not toks or len(toks) > _SIGNATURE_WORDS or not toks[0].word[0].isupper():
            return None
        if any(is_speech_verb(toks, at) for at in range(len(toks))):
            return None  # `"…" — Smith said later`: a speech clause, read as one
        if re.search(r"[“”\"―—–]| - ", self.text[dash.end() : end]):
            return None
        found = self._mention_from(toks, 0, dash.end())
        if found is None or found.entity is None or found.entity.kind != "person":
            return None
        return found

    def _opens_a_list_line(self, index: int) -> bool:
        """Whether the quotation opens its line, or follows one signed on it (`“…” ―
        Sonya Herridge “…” ― Pamela Padilla`): not a fragment in a sentence of the text's
        own (`insisted his party was "still the No. 1 force."--Kim Hjelmgaard`, a byline)."""
        line_start = self.text.rfind("\n", 0, self.spans[index].open_at) + 1
        for at in range(index, max(-1, index - _SPANS_BACK), -1):
            if not self.text[line_start : self.spans[at].open_at].strip():
                return True
            if at == 0 or self.spans[at - 1].close_at < line_start:
                return False
            if not _SIGNATURE_DASH.match(self.masked, self.spans[at - 1].close_at + 1):
                return False
        return False

    def _after(self, index: int) -> Attribution | None:
        start, end = self.after_clause(index)
        toks = tokens(self.masked, start, end)
        commas = 0
        while commas < len(toks) and toks[commas].word == ",":
            commas += 1
        toks = toks[commas:]
        if not toks:
            return None
        span = self.spans[index]
        if self.text[span.start : span.end].endswith(".") and toks[0].word[0].isupper():
            return None  # the quoted sentence ended; the next one is not its attribution
        if self._introduces_the_next(index, end):
            return None
        position = toks[0].start
        if toks[0].folded == "according" and len(toks) > 2 and toks[1].folded == "to":
            # `Marmorato called the about-face "heartbreaking," according to the Bronx
            # Times`: whom a speech verb before the quotation names said it; the source
            # after it only reports.
            said = self._before(index)
            if said is not None and said.entity is not None:
                return said
            return self._mention_from(toks, 2, position)
        if is_speech_verb(toks, 0):  # "…," said Putin
            skip = 2 if lexicon.SPEECH_PHRASES.get(toks[0].folded) else 1
            return self._mention_from(toks, skip, position)
        # "…," Putin said / he said / the minister told reporters / her mother, Fiona, said
        # / "…" in that law, Azzouz said
        for verb_at in range(1, min(len(toks), 16)):
            if not is_speech_verb(toks, verb_at):
                continue
            if toks[verb_at - 1].folded in ("who", "which", "that", "whom"):
                continue  # "one resident, who asked not to be named, said"
            if verb_at + 1 < len(toks) and toks[verb_at + 1].folded == "that":
                # `After Bell asked "…?" Cueto responded that "…"`: a verb with a reported
                # clause of its own introduces what follows, not the quotation before it.
                break
            found = self._subject_before(toks, verb_at, limit_start=0)
            if found is not None and found[1] >= 2 and toks[found[1] - 1].folded == "and":
                # "Smith and Roe said", `attorneys Tim Sweeney and Lisa Lagos wrote`: the
                # first named.
                first = self._mention_ending(toks, found[1] - 2, 0)
                if first is not None and first[0].entity is not None:
                    found = first
            if found is not None and found[1] == 0:
                return found[0]
            if found is not None and found[0].method == "name" and _roles_listed(toks, found[1]):
                # `"…," chairman, CEO and president Craig Menear said`, `JPL scientist and
                # study co-author Michael Malaska said`: roles joined by commas and `and`,
                # all of the person named after them.
                return found[0]
            if found is not None and found[0].method == "name" and _describes(toks, found[1]):
                # `"…," Pakistan-based developer Ammar Askar wrote`: a name after words
                # that only describe the person.
                return found[0]
            # After words that are not its subject: "her mother, Fiona, said", "in that
            # law, Azzouz said", "as Reuters reported".
            introduced = found is not None and (
                self._described_before(toks, found[1])
                or toks[found[1] - 1].word == ","
                or (found[1] == 1 and toks[0].folded == "as")
                or (  # "…" contributing to this problem, the CDC says
                    found[1] >= 2
                    and toks[found[1] - 1].folded in ("the", "a", "an")
                    and toks[found[1] - 2].word == ","
                )
            )
            if introduced and found[0].method == "name":
                return found[0]
            unnamed = self._unnamed_before(toks, verb_at)
            if unnamed is not None:
                return unnamed
            if introduced:
                return found[0]
            break
        named = self._named_first(toks)
        if named is not None:
            return named
        # has been described as "heartbreaking" by the conservation department
        if toks[0].folded == "by" and len(toks) > 1 and self._passive_before(index):
            found = self._mention_from(toks, 1, toks[0].start)
            if found is not None:
                return found
        # "…" are all thought to contribute, according to the Department of Conservation
        for at in range(1, len(toks) - 2):
            if toks[at].folded == "according" and toks[at + 1].folded == "to":
                return self._mention_from(toks, at + 2, toks[at].start)
        return None

    def _later_clause(self, index: int) -> Attribution | None:
        """A speech clause further on in the quotation's sentence, past words of the text's
        own, opening after a comma or with `as`: `Beijing will "seriously" enforce the
        sanctions, it said Thursday`, `rose "slightly" …, from 2.18 to 2.72 percent, the
        authors wrote`, `their "financial health," as one bank's chief told me`. Its
        subject said the words."""
        span = self.spans[index]
        words = span.words(self.text)
        if not (words[:1].islower() or looks_like_sentence(words)):
            return None  # `at Mugabe's "Blue House" compound, a source said`: a name
        start, end = self.after_clause(index)
        toks = tokens(self.masked, start, end)
        if toks and self.text[span.start : span.end].endswith(".") and toks[0].word[0].isupper():
            return None  # the quoted sentence ended; the next one is not its attribution
        openings = [i + 1 for i, t in enumerate(toks) if t.word == ","]
        if toks and toks[0].folded == "as":
            openings.insert(0, 0)
        for opening in openings:
            if opening < len(toks) and toks[opening].folded == "as":
                opening += 1
            if opening >= len(toks) or toks[opening].folded in _OPENS_A_CLAUSE:
                continue
            if is_speech_verb(toks, opening):
                # `"…" trying to keep students safe, says Jennifer Johnson`: the verb
                # before its subject, as in `"…," said Putin`.
                skip = 2 if lexicon.SPEECH_PHRASES.get(toks[opening].folded) else 1
                found = self._mention_from(toks, opening + skip, toks[opening].start)
                if found is not None:
                    return found
                continue
            for verb_at in range(opening + 1, min(len(toks), opening + _LATER_SUBJECT)):
                if toks[verb_at].word in ",;:":
                    break
                if not is_speech_verb(toks, verb_at):
                    continue
                found = self._subject_before(toks, verb_at, limit_start=opening)
                if found is not None and found[1] == opening:
                    return found[0]
                clause = toks[opening:]
                return self._unnamed_before(clause, verb_at - opening) or self._unnamed_subject(
                    clause, verb_at - opening
                )
        return None

    def _named_first(self, toks: list[Token]) -> Attribution | None:
        """A clause after the quotation that opens with a person's name and a comma and
        reaches its speech verb only past a long description, or one whose closing comma
        the page lost (`"…," Kurinji Selvaraj, a research analyst at the Delhi-based
        Council on Energy, Environment and Water think tank told CBS News`): that person,
        when no one else is named before the verb."""
        named = self.discourse.mention_at(toks[0].start, toks[0].end)
        if named is None or named.entity.kind != "person":
            return None
        comma = next((i for i, t in enumerate(toks[:6]) if t.start >= named.end), None)
        if comma is None or toks[comma].word != ",":
            return None
        for verb_at in range(comma + 1, min(len(toks), _LONG_CLAUSE)):
            if toks[verb_at].word == ";":
                return None
            if toks[verb_at].word[0].isupper():
                other = self.discourse.mention_at(toks[verb_at].start, toks[verb_at].end)
                if other is not None and other.entity.kind == "person":
                    return None
            if is_speech_verb(toks, verb_at):
                if toks[verb_at - 1].folded in ("who", "which", "that", "whom"):
                    return None
                return Attribution(named.surface, "name", 0.9, named.entity)
        return None

    def _introduces_the_next(self, index: int, end: int) -> bool:
        """Whether the clause after a title-cased quotation inside a sentence of the text's
        own introduces the next quotation, not this one: `After hitting "Takin' It to the
        Streets," the singer told the audience, "…"` (the song is no one's words)."""
        if index + 1 >= len(self.spans) or self.spans[index + 1].open_at != end:
            return False
        start, before_end, _ = self.before_clause(index)
        before = tokens(self.masked, start, before_end)
        if not before or before[-1].word in ",:" or is_speech_verb(before, len(before) - 1):
            return False
        if not title_cased(self.spans[index].words(self.text)):
            return False  # `"igniting," as Reuters reported, "…"`: words, split by whose
        return self.masked[self.spans[index].close_at + 1 : end].rstrip().endswith((",", ":"))

    def _before(self, index: int) -> Attribution | None:
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, start, end)
        for at in range(len(toks) - 1, -1, -1):
            if is_speech_verb(toks, at):
                break  # a speech verb nearer the quotation than "according to" says more
            if (
                toks[at].folded == "according"
                and at + 1 < len(toks)
                and toks[at + 1].folded == "to"
            ):
                found = self._mention_from(toks, at + 2, toks[at].start)
                if found:
                    return found
        regards = self._regarding_as(toks)
        for verb_at in range(len(toks) - 1, -1, -1):
            if not is_speech_verb(toks, verb_at) and verb_at != regards:
                continue
            if self._passive(toks, verb_at):
                # "Bell was praised by Ross as "…"": who did the praising, not Bell.
                by = next(
                    (i for i in range(verb_at + 1, len(toks)) if toks[i].folded == "by"), None
                )
                if by is not None:
                    return self._mention_from(toks, by + 1, toks[by].start)
                # `Bell was called "…" by Ross`, read after the quotation; else no one named
                # (`a stranding that was described as "unprecedented"`).
                return self._after(index) or self._unnamed(toks[verb_at].word)
            participle = toks[verb_at].folded.endswith("ing")
            coordinated = None if participle else self._coordinated_subject(toks, verb_at)
            if coordinated is not None:
                return coordinated
            found = self._subject_before(toks, verb_at, limit_start=0)
            if found is not None and (not participle or found[1] == verb_at - 1):
                return found[0]
            if not participle:
                unnamed = self._unnamed_before(toks, verb_at)
                if unnamed is not None:  # "One resident, who did not want to be named, said"
                    return unnamed
                antecedent = self._antecedent(toks, verb_at)
                if antecedent is not None:
                    return antecedent
            first = self._first_mention(toks[:verb_at]) or self._bare_subject(toks, verb_at)
            if first is not None:
                return first.shared(0.85, "sentence")
            unnamed = self._unnamed_subject(toks, verb_at)
            if unnamed is None and participle and verb_at and toks[verb_at - 1].word == ",":
                # `The victim's mother testified, describing her daughter as "…"`: the
                # participle's subject is the main verb's.
                continue
            return unnamed
        introduced = self._introduced(toks)
        if introduced is None and toks and toks[-1].word == ":":
            # `Buckley, who phoned in from the set of "Fargo," had a similar experience:
            # "…"`: the clause began before the quotation inside it.
            first = index
            while first > index - _SPANS_BACK and first and self.before_clause(first)[2]:
                first -= 1
            if first < index:
                sentence_start = self.before_clause(first)[0]
                introduced = self._introduced(tokens(self.masked, sentence_start, end))
        return introduced

    def _coordinated_subject(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """The subject of a speech verb joined by `and` to an earlier verb of its clause:
        the first verb's (`De Blasio said the move was made by Bratton and said, "…"`,
        `Trump doubled down on his comments about Curiel and said the judge had "…"`), not
        the last name before `and`. The subject is the first person (or he, she) opening the
        clause or following a comma (`Last month, when I asked Sanders …, he looked … and
        said`), perhaps after a description, that a verb or an appositive in commas
        follows; not read when a relative or subordinate clause stands between (`Hale
        thanked Baker, who stood up and said`, `when Baker arrived and said`)."""
        at = verb_at - 1
        while at >= 0 and is_adverb(toks[at]) and toks[at].folded != "and":
            at -= 1
        if at < 2 or toks[at].folded != "and":
            return None
        opening = 0  # where the clause opens, or the last comma before `first` left off
        for first, token in enumerate(toks[:at]):
            if first and toks[first - 1].word == ",":
                opening = first
            if first > opening and (
                first - opening > _DESCRIPTION_WORDS
                or not self._described_before(toks[opening:first], first - opening)
            ):
                continue  # `with Oprah Winfrey`, `asked Sanders`: not where a subject stands
            if token.folded in ("he", "she"):
                found, end = self._pronoun(token), first + 1
            else:
                mention = self.discourse.mention_at(token.start, token.end)
                if mention is None or (first and mention.start < toks[first - 1].end):
                    continue  # not a mention, or not its first word
                if mention.entity.kind != "person" or self._possessor_of_someone(mention):
                    continue
                found = Attribution(mention.surface, "name", 0.9, mention.entity)
                end = next((i for i in range(first, at) if toks[i].start >= mention.end), at)
            if end >= at:
                return None
            following = toks[end]
            if following.word != "," and not following.word[0].islower():
                continue
            if following.folded in _OPENS_A_CLAUSE and following.folded != "and":
                continue
            if any(t.folded in _SUBORDINATE for t in toks[end:at]):
                return None
            return found
        return None

    @staticmethod
    def _regarding_as(toks: list[Token]) -> int | None:
        """Where a verb of regarding stands whose `as` the quotation follows: `Ward sees
        the lineup as its "Achilles heel."`, `The Pentagon rejected the claims as "patently
        false"`: what the subject holds the thing to be, in its words."""
        end = len(toks)
        while end and toks[end - 1].folded in ("a", "an", "the", "its", "his", "her", "their"):
            end -= 1
        if not end or toks[end - 1].folded != "as":
            return None
        for at in range(end - 2, max(-1, end - 10), -1):
            if toks[at].word in ",;:":
                return None
            if toks[at].folded in lexicon.REGARDING_VERBS and toks[at].word[0].islower():
                return at
        return None

    @staticmethod
    def _passive(toks: list[Token], verb_at: int) -> bool:
        """Whether the speech verb is in the passive: `was praised`, `were called`."""
        at = verb_at - 1
        while at >= 0 and is_adverb(toks[at]):
            at -= 1
        return at >= 0 and toks[at].folded in BE and toks[verb_at].folded in lexicon.PASSIVE_SPEECH

    def _antecedent(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """The subject of `who called it "…"`: whom "who" stands for, the words right
        before it (`Tom Ross met Ann Bell, who called the ruling "…"` is Ann Bell's; `a
        career Army officer who described the call as "…"` is an officer's, unnamed); and
        the body "which" stands for (`a lawsuit with ZeniMax Media, which accuses Oculus
        of "…"`)."""
        at = verb_at - 1
        while at >= 0 and is_adverb(toks[at]):
            at -= 1
        if at < 1 or toks[at].folded not in ("who", "which"):
            return None
        which = toks[at].folded == "which"
        at -= 1
        if toks[at].word == "," and at >= 1:
            at -= 1
        found = self._mention_ending(toks, at, 0)
        if found is None:
            return None
        if which and (found[0].entity is None or found[0].entity.kind != "organisation"):
            return None  # `which` stands for a body (`ZeniMax, which accuses Oculus of "…"`)
        return found[0]

    def _introduced(self, toks: list[Token]) -> Attribution | None:
        """A quotation its sentence introduces without a speech verb: after a colon (`Her
        deputy, Colin Reeves, was more cautious: "…"`) or in someone's words (`In Dr.
        Shadlen's words, "…"`): the first person the clause names."""
        if not toks:
            return None
        # In someone's words / phrase / terms, in commas or in brackets: `(in economist
        # Tyler Cowen's phrase) "markets in everything"`.
        last = len(toks) - 1 if toks[-1].word == "," else len(toks)
        if last and toks[last - 1].folded in ("words", "phrase", "terms"):
            opening = next(
                (i for i in range(last - 2, max(-1, last - 9), -1) if toks[i].folded == "in"),
                None,
            )
            if opening is not None:
                first = self._first_mention(toks[opening + 1 : last - 1])
                if first is not None:
                    return first.shared(0.85, "sentence")
        if toks[-1].word != ":":
            return None
        first = self._first_mention(toks[:-1])
        return first.shared(0.85, "sentence") if first is not None else None

    def _bare_subject(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "In the midst of the fear, Uber stepped in and tweeted": a capitalised word
        opening the clause, followed by a lower-case one, is the clause's subject."""
        start = max((i + 1 for i in range(verb_at) if toks[i].word in ",;:"), default=0)
        if start + 1 >= verb_at:
            return None
        token, following = toks[start], toks[start + 1]
        if not bare_name(token) or token.folded in lexicon.TITLE_WORDS:
            return None
        if not following.word[0].islower() or following.folded in lexicon.NOT_NAMES:
            return None
        entity = self.discourse._entity(token.word.rstrip("."), "person")
        return Attribution(token.word, "name", 0.85, entity)

    @staticmethod
    def _described_before(toks: list[Token], first: int) -> bool:
        """Whether toks[:first] are a description that stands before a name: "the
        union's leader" (Tom Smith said), "the company's chief executive"."""
        if not 0 < first <= _DESCRIPTION_WORDS:
            return False
        opener, last = toks[0], toks[first - 1]
        described = opener.folded in ("the", "a", "an") or re.search(r"[’']s$", opener.word)
        titled = last.word[0].islower() and (
            last.folded in lexicon.TITLE_WORDS or last.folded in lexicon.PERSON_ROLE_NOUNS
        )  # "Amazon spokeswoman Kate Lee said"
        if not (described and first > 1) and not titled:
            return False
        return all(
            t.word not in ",;:" and not is_speech_verb(toks, i) for i, t in enumerate(toks[:first])
        )

    def _passive_before(self, index: int) -> bool:
        """Whether the clause before the span ends with a speech verb in the passive
        (`described as`, `was called`, `were branded`)."""
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, start, end)[-3:]
        words = [t.folded for t in toks]
        if words and words[-1] == "as":
            words = words[:-1]
        return bool(words) and words[-1] in lexicon.PASSIVE_SPEECH


# Words that cannot describe the person named after them: `in Paris Smith said`.
_NOT_DESCRIBING = lexicon.words(
    "in at on of for from with by to as and or but then when while after before if who that"
)
# How many words may describe a person before their name, right after a quotation.
_DESCRIBING_WORDS = 5


def _describes(toks: list[Token], end: int) -> bool:
    """Whether toks[:end] are a few words describing the person named at toks[end]
    (`developer`, `Pakistan-based developer`, `the veteran analyst`): lower-case words, or
    a place joined to a lower-case word by a hyphen; no punctuation, speech verb or word
    that opens a phrase of its own."""
    return 0 < end <= _DESCRIBING_WORDS and all(
        (t.word[:1].islower() or re.fullmatch(r"[A-Z][\w.]*-[a-z][\w\-]*", t.word))
        and t.folded not in _NOT_DESCRIBING
        and not is_speech_verb(toks, at)
        for at, t in enumerate(toks[:end])
    )


# How many words each role of a list before a name may have (`study co-author`).
_ROLE_WORDS = 3


def _roles_listed(toks: list[Token], end: int) -> bool:
    """Whether toks[:end] are two or more roles joined by commas and `and` (`chairman, CEO
    and president`, `JPL scientist and study co-author`): each a few words ending in a role
    noun, the words before it in lower case or an acronym."""
    roles, role = [], []
    for token in toks[:end]:
        if token.word == "," or token.folded == "and":
            roles.append(role)
            role = []
        else:
            role.append(token)
    roles.append(role)
    return len(roles) >= 2 and all(_is_a_role(role) for role in roles)


def _is_a_role(role: list[Token]) -> bool:
    if not 0 < len(role) <= _ROLE_WORDS:
        return False
    head = role[-1].folded.split("-")[-1]  # "co-author"
    named = (
        head in lexicon.TITLE_WORDS
        or head in lexicon.PERSON_ROLE_NOUNS
        or head in lexicon.DESCRIPTIVE_NOUNS
        or AGENT_NOUN.fullmatch(head)
    )
    return bool(named) and all(t.word.islower() or t.word.isupper() for t in role[:-1])
