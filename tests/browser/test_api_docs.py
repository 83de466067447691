"""The API reference page (/api/v1/docs/, Swagger UI from drf-spectacular-sidecar) as a
reader with assistive technology meets it: no serious or critical axe-core violation."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_api_reference_passes_axe(demo_site, chromium):
    page = chromium.new_page()
    page.goto(demo_site + "/api/v1/docs/")
    page.wait_for_load_state("networkidle")  # the schema fetched and the reference drawn

    assert axe_violations(page) == []
    page.close()
