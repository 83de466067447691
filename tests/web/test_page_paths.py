"""Links to objects' pages built from path templates are the links get_absolute_url() builds."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from apps.core.paths import path_with, route_path
from apps.web.page_paths import PAGE_ROUTES, PagePaths, page_path
from tests.factories import (
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
)

FACTORIES = [PublishedClaimFactory, QuoteFactory, SourceFactory, SpeakerFactory, TopicFactory]


def test_every_page_route_has_a_factory_here():
    assert {factory._meta.model for factory in FACTORIES} == set(PAGE_ROUTES)


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES)
def test_page_path_is_get_absolute_url(factory):
    first, second = factory(), factory()

    paths = [page_path(obj) for obj in (first, second)]

    assert paths == [first.get_absolute_url(), second.get_absolute_url()]


@pytest.mark.django_db
def test_page_paths_of_a_list_are_get_absolute_url():
    objects = [factory() for factory in FACTORIES for _ in range(2)]
    objects.append(SpeakerFactory.build(slug="ana lópez", pk=1))  # not PLAIN: reverse()'s way
    paths = PagePaths()

    with pytest.raises(NoReverseMatch):
        paths(objects[-1])
    assert [paths(obj) for obj in objects[:-1]] == [obj.get_absolute_url() for obj in objects[:-1]]


@pytest.mark.django_db
def test_page_path_follows_the_script_prefix():
    speaker = SpeakerFactory(slug="ana")
    page_path(speaker)  # the template of the root prefix is made first

    set_script_prefix("/factbase/")
    try:
        path = page_path(speaker)
    finally:
        set_script_prefix("/")

    assert path == "/factbase/speakers/ana/"


def test_page_path_refuses_a_slug_its_route_refuses_as_reverse_does():
    speaker = SpeakerFactory.build(slug="ana lópez")

    with pytest.raises(NoReverseMatch):
        speaker.get_absolute_url()
    with pytest.raises(NoReverseMatch):
        page_path(speaker)


@pytest.mark.parametrize("view_name", ["web:claim-list", "web:method", "sitemap", "api:suggest"])
def test_a_route_path_is_what_reverse_gives_under_each_script_prefix(view_name):
    paths = []
    try:
        for prefix in ("/", "/mirror/", "/"):
            set_script_prefix(prefix)
            paths.append((route_path(view_name), reverse(view_name)))
    finally:
        set_script_prefix("/")

    assert [mine for mine, _ in paths] == [theirs for _, theirs in paths]
    assert paths[1][0].startswith("/mirror/")


@pytest.mark.parametrize("view_name", ["web:claim-card", "web:claim-embed", "web:claim-detail"])
def test_a_path_with_a_slug_is_what_reverse_gives_under_each_script_prefix(view_name):
    paths = []
    try:
        for prefix in ("/", "/mirror/"):
            set_script_prefix(prefix)
            for slug in ("exports-rose", "2024"):
                paths.append((path_with(view_name, "slug", slug), reverse(view_name, args=[slug])))
    finally:
        set_script_prefix("/")

    assert [mine for mine, _ in paths] == [theirs for _, theirs in paths]
    with pytest.raises(NoReverseMatch):
        path_with(view_name, "slug", "ana lópez")
