"""The benchmarks are apart from the product: installed by bench.settings only."""

import subprocess
import sys

from bench.harness import ROOT
from factbase import settings as product_settings

COMMANDS = ["bench_compare", "bench_search", "generate_data"]


def commands(*options: str) -> list[str]:
    """The management commands manage.py lists with `options`."""
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split()


def test_the_product_settings_do_not_install_the_benchmarks():
    assert not [app for app in product_settings.INSTALLED_APPS if app.endswith("bench")]
    assert not set(COMMANDS) & set(commands("--settings=factbase.settings"))


def test_bench_settings_add_the_benchmarks_commands():
    assert set(COMMANDS) <= set(commands("--settings=bench.settings"))
