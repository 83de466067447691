"""Fields every resource uses: its API URL, its public page, links to filtered lists."""

from urllib.parse import urlencode

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse


def api_url_field(basename: str) -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{basename}-detail", help_text="This object in the API."
    )


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's public page (its `get_absolute_url()`), as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The object's public page.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ListUrlField(serializers.Field):
    """A list endpoint filtered to this object: how a client walks back along a relation."""

    def __init__(self, basename: str, parameter: str, *, attribute: str = "slug", **kwargs):
        self.basename, self.parameter, self.attribute = basename, parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        url = reverse(f"api:{self.basename}-list", request=self.context["request"])
        return f"{url}?{urlencode({self.parameter: getattr(value, self.attribute)})}"
