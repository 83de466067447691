"""Mode (d)'s Varnish (bench/compare/proxy.py): the project's VCL as deployed, with only what
the benchmark needs on top."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench.compare import proxy


def test_the_benchmarks_vcl_is_the_projects_with_its_backend_port():
    vcl = proxy.bench_vcl(8123)

    assert vcl.startswith(proxy.VCL.read_text().replace('.port = "8000";', '.port = "8123";'))


def test_the_benchmarks_vcl_marks_answers_from_varnishs_store_as_hits():
    vcl = proxy.bench_vcl(8123)

    assert 'if (obj.hits > 0) {\n        set resp.http.X-Cache = "hit";' in vcl


def test_the_benchmarks_vcl_asks_factbase_for_the_host_as_factbase_serves_it():
    # Factbase's response cache serves its own host (port and all) only: see proxy.py.
    assert 'set bereq.http.host = "127.0.0.1:8123";' in proxy.bench_vcl(8123)


def test_bench_compare_names_a_missing_varnish_before_starting_anything(monkeypatch):
    monkeypatch.setattr(proxy, "varnishd", lambda: None)

    with pytest.raises(CommandError, match="apt-get install varnish varnish-modules"):
        call_command("bench_compare", "--modes", "d", "--driver", "httpx")
