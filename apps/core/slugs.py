from django.db.models import Model
from django.utils.text import slugify


def unique_slug(model: type[Model], text: str, *, max_length: int = 200, exclude_pk=None) -> str:
    """A slug for `text` that no other row of `model` has: “putin”, then “putin-2”, …"""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or model._meta.model_name
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


def unique_slugs(
    model: type[Model], texts: list[str], *, max_length: int | None = None, given=None
) -> list[str]:
    """Slugs for new rows of `model` made together (an import's batch), as `unique_slug`
    would give them one after the other: one query for the lot, and one more for each
    base that is taken. `max_length` is the slug field's unless given. `given`, if passed,
    is a set of slugs handed out before and not in the database yet (an earlier batch's):
    they are avoided too, and the new slugs are added to it.
    """
    if max_length is None:
        max_length = model._meta.get_field("slug").max_length
    given = set() if given is None else given
    manager = model._default_manager
    bases = [
        slugify(text, allow_unicode=False)[:max_length].strip("-") or model._meta.model_name
        for text in texts
    ]
    taken = set(manager.filter(slug__in=bases).values_list("slug", flat=True))
    families: set[str] = set()  # bases whose every slug has been read
    slugs = []
    for base in bases:
        if (base in taken or base in given) and base not in families:
            taken |= set(manager.filter(slug__startswith=base).values_list("slug", flat=True))
            families.add(base)
        candidate, number = base, 2
        while candidate in taken or candidate in given:
            suffix = f"-{number}"
            candidate = f"{base[: max_length - len(suffix)]}{suffix}"
            number += 1
        given.add(candidate)
        slugs.append(candidate)
    return slugs
