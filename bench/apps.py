from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Synthetic data at scale and the benchmarks (management commands only).

    Installed by bench/settings.py only: the product's settings do not know it.
    """

    name = "bench"
    verbose_name = "Benchmarks"
