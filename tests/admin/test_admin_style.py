"""Factbase's admin style sheet (static/css/admin.css) is on every admin page."""

import pytest

ADMIN_CSS = 'href="/static/css/admin.css"'


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/claims/claim/add/",
        "/admin/sources/source/add/",
        "/admin/topics/topic/",
        "/admin/auth/user/",
    ],
)
def test_every_admin_page_links_the_admin_style_sheet(superuser_client, path):
    response = superuser_client.get(path)

    assert response.status_code == 200
    assert response.content.decode().count(ADMIN_CSS) == 1
