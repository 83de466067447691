import pytest

from tests.ops.logcapture import capture
from tests.ops.settings_loader import settings_loader


@pytest.fixture
def log_output(monkeypatch):
    """The JSON lines the configured console handler writes during the test."""
    return capture(monkeypatch)


@pytest.fixture
def load_settings(monkeypatch):
    """Runs factbase/settings.py with only the given environment variables set."""
    return settings_loader(monkeypatch)
