from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "apps.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from apps.ops.staleness import connect_receivers

        # Writes readers can see make the cached responses that show them stale.
        connect_receivers()
