import warnings

import pytest


@pytest.fixture(autouse=True)
def _no_static_root_warning():
    # WhiteNoise warns, as the test client loads the middleware, that STATIC_ROOT was never
    # collected; tests do not serve static files, so that warning is not an error here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
