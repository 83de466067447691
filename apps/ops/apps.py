from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "apps.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from apps.ops.response_cache import connect_receivers

        # Every write to the curated models makes the shared response cache stale.
        connect_receivers()
