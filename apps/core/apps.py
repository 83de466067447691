from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class CoreConfig(AppConfig):
    name = "apps.core"

    def ready(self):
        # Many-to-many lists (a claim's topics) are written without a save(): the write
        # guard hears of them here. An assertion, not domain logic.
        m2m_changed.connect(_guard_m2m, dispatch_uid="core:write_guard")


def _guard_m2m(sender, instance, action, **kwargs) -> None:
    from apps.core.guard import check_write
    from apps.core.models import TimeStampedModel

    if action.startswith("pre_") and isinstance(instance, TimeStampedModel):
        check_write(type(instance), f"{action[4:]} on a many-to-many list")
