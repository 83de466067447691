"""The SQL queries a request of each workload costs, served in this process."""

import logging

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.compare.workloads import Workload


def count_queries(workloads: list[Workload], *, per_workload: int = 3) -> None:
    """SQL queries of the first few URLs of each workload, served in this process, with the
    response cache off: what rendering the answer costs (a cache hit is one query)."""
    client = Client(HTTP_ACCEPT="application/json")
    logging.disable(logging.INFO)  # the access log line of each request, here on stdout
    try:
        _count_queries(client, workloads, per_workload)
    finally:
        logging.disable(logging.NOTSET)


def _count_queries(client: Client, workloads: list[Workload], per_workload: int) -> None:
    # The rates out of reach, as the servers have them (bench/compare/servers.py): a run
    # started within a minute of the last would otherwise find 127.0.0.1's count in the
    # database past the default rate, the benchmark's own requests, and stop on a 429.
    with override_settings(
        ALLOWED_HOSTS=["*"],
        DEBUG=False,
        RESPONSE_CACHE=False,
        API_THROTTLE_ANON="1000000/min",
        API_THROTTLE_USER="1000000/min",
    ):
        for workload in workloads:
            counts = []
            for url in workload.factbase[:per_workload]:
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                counts.append(len(captured))
            workload.queries = {"min": min(counts), "max": max(counts)}
