"""A speaker named by a short form of a fuller name the text gave before is that name's
person (apps/ingest/extraction/forms.py, issue 19 round 16; extraction only, no
database)."""

from types import SimpleNamespace

from apps.ingest.extraction import extract_quotes
from apps.ingest.extraction.entities import Entity, Mention
from apps.ingest.extraction.forms import FullerNames

# The coach's full name only in a player's words, then his surname alone (Express-News,
# tests/ingest/labelled/real/tuned/expressnews-eecd2575).
COACH = (
    "The Lakers won on Sunday.\n"
    "“Coach (Frank) Vogel came in here and said, 'Congratulations,' and I thought he was "
    "joking,” James said.\n"
    "“He is just playing terrific basketball,” Vogel said."
)


def discourse(*named: tuple[str, str, int]):
    """A Discourse's entities and mentions: (name, kind, where first mentioned)."""
    entities, mentions = {}, []
    for name, kind, start in named:
        entity = Entity(name, kind)
        entities[name.casefold()] = entity
        mentions.append(Mention(start, start + len(name), name, entity))
    mentions.sort(key=lambda mention: mention.start)
    return SimpleNamespace(entities=entities, mentions=mentions)


def test_a_surname_said_after_the_full_name_is_that_person():
    speakers = [p.speaker_name for p in extract_quotes(COACH) if p.is_speech]

    assert speakers == ["James", "Frank Vogel", "Frank Vogel"]


def test_the_short_form_is_kept_among_the_fuller_names_aliases():
    proposals = [p for p in extract_quotes(COACH) if p.is_speech]

    assert proposals[-1].speaker_aliases == ("Vogel",)


def test_a_title_before_the_short_form_is_left_off():
    text = discourse(("Audley Peters", "person", 0), ("Supt Peters", "person", 90))
    names = FullerNames(text)

    assert names.of(text.entities["supt peters"]).name == "Audley Peters"


def test_a_short_form_named_before_the_fuller_name_is_its_own():
    text = discourse(("Trump", "person", 0), ("Ivanka Trump", "person", 400))
    names = FullerNames(text)

    assert names.of(text.entities["trump"]).name == "Trump"


def test_two_fuller_names_ending_so_leave_the_short_form_alone():
    text = discourse(
        ("Gayle King", "person", 0), ("Wayne King", "person", 50), ("King", "person", 300)
    )
    names = FullerNames(text)

    assert names.of(text.entities["king"]).name == "King"


def test_an_organisations_first_word_is_not_taken_for_its_short_form():
    text = discourse(("United Airlines", "organisation", 0), ("United", "organisation", 90))
    names = FullerNames(text)

    assert names.of(text.entities["united"]).name == "United"
