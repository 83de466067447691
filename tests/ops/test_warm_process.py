"""factbase/warm.py: what gunicorn's master loads before it forks the workers."""

import pytest
from django.template import engines

from apps.claims.matching import semantic
from apps.claims.services import claim_create
from factbase.warm import warm_process


@pytest.fixture
def cold_templates():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    yield loader
    loader.reset()


def test_every_template_is_compiled_before_serving(db, cold_templates):
    warm_process()

    assert {"web/claim_detail.html", "base.html", "admin/base.html"} <= set(
        cold_templates.get_template_cache
    )


def test_claim_matchings_index_is_loaded_before_serving(db):
    for statement in ("Taxes rose by a tenth last year.", "The bridge cost twice its budget."):
        claim_create(statement=statement)  # the service stores its embedding
    semantic.forget_indexes()  # as a new master: nothing loaded

    warm_process()

    assert len(semantic.claim_index()) == 2
