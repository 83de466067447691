"""Factbase's benchmarks: apart from the product, never in the image (.dockerignore).

A Django app only when asked for: `bench.settings` extends `factbase.settings` with it, so
its management commands (`bench_compare`, `bench_search`, `generate_data`) run as
`manage.py <command> --settings=bench.settings`. The scripts run as modules from the
repository's root: `python -m bench.soak`, `python -m bench.article_import`,
`python -m bench.claimreview_import`. What they share (server processes, free ports,
memory of a process tree, percentiles) is in bench/harness.py; bench/README.md keeps the
dated runs.
"""
