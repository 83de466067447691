"""A Discourse's mentions in text order, for the steps that run after the rules
(affiliations.py, continuity.py). bench/attribution_ranker.py puts those steps into older
rounds' rules too, whose Discourse may keep its mentions unsorted: so they are sorted here,
once, on first use."""

from functools import cached_property


class OrderedMentions:
    def __init__(self, discourse) -> None:
        self.discourse = discourse

    @cached_property
    def mentions(self) -> list:
        return sorted(getattr(self.discourse, "mentions", ()), key=lambda mention: mention.start)

    @cached_property
    def starts(self) -> list[int]:
        return [mention.start for mention in self.mentions]
