import pytest

from apps.search.query import to_fts5


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("two million Israel", '"two" AND "million" AND "Israel"'),
        ('"Midnight Hammer"', '"Midnight Hammer"'),
        ("“Midnight Hammer”", '"Midnight Hammer"'),
        ("Putin -Trump", '"Putin" NOT "Trump"'),
        ('Putin -"Donald Trump"', '"Putin" NOT "Donald Trump"'),
        ("Iran OR Israel nuclear", '("Iran" OR "Israel") AND "nuclear"'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ("NEAR(a b)", '"NEAR" AND "a" AND "b"'),
        ("x OR", '"x"'),
    ],
)
def test_to_fts5_translates_search_box_syntax(typed, expected):
    assert to_fts5(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "-Trump", "OR", '""', "!!!"])
def test_to_fts5_gives_nothing_to_search_for_queries_without_words(typed):
    assert to_fts5(typed) == ""
