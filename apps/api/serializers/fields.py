"""Fields every resource uses: its API URL, its public page, links to filtered lists.

A page of 20 quotes carries a few hundred links. Each is built from a template made once
per request and route (one `reverse()` and `build_absolute_uri()`), with the object's id or
slug put in, instead of resolving the route again for every link: this was a fifth of a
list request's time. Values a path converter might not accept, and requests that carry
`?format=` (which DRF copies into every link), take the ordinary way.
"""

import copy
import functools
from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse as django_reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.fields import get_attribute as drf_get_attribute
from rest_framework.relations import PKOnlyObject
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from apps.claims.models import Claim
from apps.core.paths import PLACEHOLDER, PLAIN, route_template
from apps.quotes.models import Quote
from apps.sources.models import AnchoredPassage, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

# How each model's get_absolute_url() names its page: the route and the attribute it puts
# in (tests/api/test_fields.py checks that these give what get_absolute_url() gives).
PAGE_ROUTES = {
    Speaker: ("web:speaker-detail", "slug"),
    Source: ("web:source-detail", "slug"),
    Topic: ("web:topic-detail", "slug"),
    Claim: ("web:claim-detail", "slug"),
    Quote: ("web:quote-detail", "pk"),
}


def absolute_url(request, view_name: str, kwarg: str, value) -> str:
    """The absolute URL of route `view_name` with `kwarg=value`, as
    `request.build_absolute_uri(reverse(view_name, kwargs={kwarg: value}))` gives it."""
    text = str(value)
    if not PLAIN.fullmatch(text):
        return request.build_absolute_uri(django_reverse(view_name, kwargs={kwarg: value}))
    templates = _templates(request)
    key = (view_name, kwarg)
    template = templates.get(key)
    if template is None:
        # The route reversed once per process (apps/core/paths.py), made absolute once
        # per request.
        template = templates[key] = request.build_absolute_uri(route_template(view_name, kwarg))
    return template.replace(PLACEHOLDER, text)


def page_url(request, obj) -> str:
    """The absolute URL of `obj.get_absolute_url()`."""
    route = PAGE_ROUTES.get(type(obj))
    if route is not None:
        view_name, attribute = route
        return absolute_url(request, view_name, attribute, getattr(obj, attribute))
    if isinstance(obj, AnchoredPassage):
        # Every kind of passage links to its source's page, at its anchor (`#citation-<id>`).
        return f"{page_url(request, obj.source)}#{obj.html_id}"
    return request.build_absolute_uri(obj.get_absolute_url())


def _templates(request) -> dict:
    templates = getattr(request, "_factbase_url_templates", None)
    if templates is None:
        templates = {}
        request._factbase_url_templates = templates
    return templates


def format_in_query(request) -> bool:
    return bool(api_settings.URL_FORMAT_OVERRIDE) and (
        api_settings.URL_FORMAT_OVERRIDE in request.GET
    )


class ApiUrlField(serializers.HyperlinkedIdentityField):
    def get_url(self, obj, view_name, request, format):
        if format is not None or obj.pk in (None, "") or format_in_query(request):
            return super().get_url(obj, view_name, request, format)
        return absolute_url(
            request, view_name, self.lookup_url_kwarg, getattr(obj, self.lookup_field)
        )


class CachedFieldsMixin:
    """For read serializers: build the fields once per class, and represent an object
    without DRF's per-field machinery.

    ModelSerializer makes its fields from the model every time a serializer is made, and a
    page makes one per nested serializer: 3–5 ms of a request. The fields depend on the
    class alone (not on the instance or the context), so each instance gets a copy of
    the ones made the first time, as DRF copies its declared fields.

    `to_representation` gives what DRF's gives, key for key: each field's value read as
    `Field.get_attribute` reads it, None kept, the rest handed to the field's own
    `to_representation`. What it leaves out is the walk DRF makes for every field of every
    object (the readable fields' generator, the generic attribute lookup with its
    exception handling, the related-field checks): a sixth of serializing a page of
    quotes (bench/profile_render.py; bench/README.md, "Render cost"). The plan is
    made once per serializer instance, from its bound fields. An object whose attribute is
    missing (which DRF answers with the field's default, a None or a left-out key) is
    handed to DRF's own `to_representation`.
    """

    def get_fields(self):
        cls = type(self)
        fields = cls.__dict__.get("_cached_fields")
        if fields is None:
            fields = super().get_fields()
            cls._cached_fields = fields
        return copy.deepcopy(fields)

    def to_representation(self, instance):
        plan = self.__dict__.get("_representation_plan")
        if plan is None:
            plan = self._representation_plan = [_planned(field) for field in self._readable_fields]
        ret = {}
        try:
            for name, get, convert, pk_only in plan:
                value = get(instance)
                if value is None or (
                    pk_only and isinstance(value, PKOnlyObject) and value.pk is None
                ):
                    ret[name] = None
                else:
                    ret[name] = convert(value)
        except (AttributeError, KeyError, SkipField):
            return super().to_representation(instance)
        return ret


def _planned(field) -> tuple:
    """(key, getter, converter, whether the value may be a PKOnlyObject) for one field."""
    if type(field).get_attribute is not serializers.Field.get_attribute:
        # Related fields and the like read their attribute their own way.
        return field.field_name, field.get_attribute, field.to_representation, True
    convert = _CONVERTERS.get(type(field), field.to_representation)
    attrs = field.source_attrs
    if not attrs:
        return field.field_name, _itself, convert, False
    if len(attrs) == 1:
        return field.field_name, _attribute_getter(attrs[0]), convert, False
    return field.field_name, functools.partial(drf_get_attribute, attrs=attrs), convert, False


def _itself(instance):
    return instance


def _attribute_getter(attr: str):
    """`rest_framework.fields.get_attribute(instance, [attr])` for objects (a mapping's
    key is no attribute: AttributeError, and DRF's own way)."""

    def get(instance):
        try:
            value = getattr(instance, attr)
        except ObjectDoesNotExist:
            return None
        if callable(value) and is_simple_callable(value):
            value = drf_get_attribute(instance, [attr])
        return value

    return get


# Fields whose to_representation is a plain conversion (DRF's, exactly).
_CONVERTERS = {serializers.CharField: str, serializers.IntegerField: int}


def api_url_field(basename: str) -> serializers.HyperlinkedIdentityField:
    return ApiUrlField(view_name=f"api:{basename}-detail", help_text="This object in the API.")


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's public page (its `get_absolute_url()`), as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The object's public page.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return page_url(self.context["request"], value)


@extend_schema_field(OpenApiTypes.URI)
class ListUrlField(serializers.Field):
    """A list endpoint filtered to this object: how a client walks back along a relation."""

    def __init__(self, basename: str, parameter: str, *, attribute: str = "slug", **kwargs):
        self.basename, self.parameter, self.attribute = basename, parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context["request"]
        templates = _templates(request)
        key = ("list", self.basename)
        url = templates.get(key)
        if url is None:
            url = templates[key] = reverse(f"api:{self.basename}-list", request=request)
        return f"{url}?{urlencode({self.parameter: getattr(value, self.attribute)})}"
