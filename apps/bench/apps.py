from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Synthetic data at scale and the search benchmark (management commands only)."""

    name = "apps.bench"
    verbose_name = "Benchmarks"
