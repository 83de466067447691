"""What every resource endpoint shares: visibility, serializers by audience, ETags, writes
through services.

A resource view says which model it serves, how to load it for an editor or for anyone else
(`visible_queryset`), its three serializers (public read, editor read, write) and which
service functions create, change and delete it. Everything else is here, once:

- reads: the public serializer for anyone, the editor serializer for editors; a detail
  answers with an `ETag` and honours `If-None-Match` (304);
- writes: validated by the write serializer, performed by the app's service (the same
  rules as the admin), answered with the editor representation and its new `ETag`; a write
  to an existing object needs `If-Match` (428 without; 412 when stale: once the body is
  found valid, the version it carries is checked with the row locked by `require_version`,
  the admin's check too); a service's ValidationError answers 400 naming the fields, and a
  refused delete answers 409 with the service's message.
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from apps.api.etags import etag_for, expected_version, if_match, precondition_failed
from apps.api.exceptions import conflict, validation_error
from apps.api.permissions import is_editor
from apps.api.schema import PROPOSAL_LOCATION
from apps.api.serializers.fields import format_in_query
from apps.core.http import if_none_match
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from apps.topics.models import Topic

# The columns the link serializers (apps/api/serializers/links.py) show of a related object.
LINK_FIELDS = {
    Speaker: ("id", "name", "slug"),
    Topic: ("id", "name", "slug"),
    Quote: ("id", "text"),
}


def link_fields(queryset: QuerySet, *, editor: bool) -> QuerySet:
    """Related objects shown as links, loaded with only the columns their link shows, for
    readers: fewer columns to send and convert (dates above all). Editors' objects are
    loaded whole, since their writes hand them to the services."""
    return queryset if editor else queryset.only(*LINK_FIELDS[queryset.model])


class ResourceViewSet(viewsets.ModelViewSet):
    model: type[Model]
    serializer_class = None  # the public representation
    editor_serializer_class = None
    write_serializer_class = None
    # Ordering: the field names clients may give, the default, and sort keys for nullable
    # fields (see StableOrderingFilter).
    ordering_fields: tuple[str, ...] = ("id", "updated_at")
    ordering = "id"
    ordering_keys: dict = {}
    # Whether a delete can be refused (409) because something still points to the object.
    delete_can_conflict = True
    # Answers with ETags, honours If-None-Match and requires If-Match (apps/api/schema.py).
    conditional_requests = True
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def initial(self, request, *args, **kwargs):
        reject_unsupported_method(self, request)
        super().initial(request, *args, **kwargs)

    # --- reading -------------------------------------------------------------------------

    @property
    def requester_is_editor(self) -> bool:
        if not hasattr(self, "_requester_is_editor"):
            self._requester_is_editor = is_editor(self.request.user, self.model)
        return self._requester_is_editor

    def visible_queryset(self, *, editor: bool) -> QuerySet:
        """The model's objects the requester may see, with what their serializer reads."""
        raise NotImplementedError

    def get_queryset(self):
        return self.visible_queryset(editor=self.requester_is_editor)

    def get_serializer_class(self):
        if self.request is not None and self.request.method not in SAFE_METHODS:
            return self.write_serializer_class
        return self.read_serializer_class()

    def read_serializer_class(self):
        return self.editor_serializer_class if self.requester_is_editor else self.serializer_class

    def represent(self, instance) -> dict:
        return self.read_serializer_class()(instance, context=self.get_serializer_context()).data

    def public_representation(self, pk: int):
        """`(representation, updated_at)` of the public object `pk` read without model
        instances (apps/api/serializers/rows.py), or None: then `retrieve` reads it as
        usual. Views whose public representation has such a path override it."""
        return None

    def retrieve(self, request, *args, **kwargs):
        pk = kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if (
            not self.requester_is_editor
            and isinstance(pk, str)
            and pk.isascii()
            and pk.isdigit()
            and len(pk) < 10
            and not format_in_query(request)
            and (found := self.public_representation(int(pk))) is not None
        ):
            data, updated_at = found
            etag = etag_for(SimpleNamespace(updated_at=updated_at), editor=False)
            if if_none_match(request, etag):
                return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
            return Response(data, headers={"ETag": etag})
        instance = self.get_object()
        etag = etag_for(instance, editor=self.requester_is_editor)
        if if_none_match(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(self.represent(instance), headers={"ETag": etag})

    # --- writing -------------------------------------------------------------------------

    def create_object(self, data: dict, *, actor) -> Model:
        raise NotImplementedError

    # `expected_version` (from `If-Match`) is handed to the service, which checks it with
    # the row locked (apps/core/versions.py); its refusal answers 412.
    def update_object(self, instance, data: dict, *, actor, expected_version) -> Model:
        raise NotImplementedError

    def delete_object(self, instance, *, actor, expected_version) -> None:
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            try:
                instance = self.create_object(dict(serializer.validated_data), actor=request.user)
            except DjangoValidationError as error:
                raise validation_error(error) from error
        return self.written(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        self.accepted = None
        with transaction.atomic():
            # 404, then 428 (no If-Match), then 400 (the body), then 412 (a stale ETag):
            # a fresh ETag would not mend a body that is refused anyway.
            instance = self.get_object_for_update()
            tags = if_match(request)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            expected = self.if_match_version(tags, instance)
            try:
                self.update_object(
                    instance,
                    dict(serializer.validated_data),
                    actor=request.user,
                    expected_version=expected,
                )
            except DjangoValidationError as error:
                raise precondition_failed(error) or validation_error(error) from error
        if self.accepted is not None:
            return self.accepted_for_review(self.accepted)
        return self.written(instance, status.HTTP_200_OK)

    def accepted_for_review(self, proposal) -> Response:
        """202: the change is not made but proposed (`update_object` set `self.accepted`)."""
        raise NotImplementedError

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object_for_update()
            expected = self.if_match_version(if_match(request), instance)
            try:
                self.delete_object(instance, actor=request.user, expected_version=expected)
            except DjangoValidationError as error:
                raise precondition_failed(error) or conflict(error) from error
        return Response(status=status.HTTP_204_NO_CONTENT)

    def if_match_version(self, tags: list[str], instance):
        """The version `If-Match` expects (412 when it holds no ETag of this requester's)."""
        return expected_version(tags, instance, editor=self.requester_is_editor)

    def get_object_for_update(self):
        """The object, locked until the write's transaction ends (PostgreSQL; SQLite's
        writers are serialised by its IMMEDIATE transactions)."""
        queryset = self.get_queryset().select_for_update(of=("self",))
        instance = get_object_or_404(queryset, pk=self.kwargs[self.lookup_field])
        self.check_object_permissions(self.request, instance)
        return instance

    def written(self, instance, status_code: int) -> Response:
        """The object as it now is, read again with everything its representation needs."""
        instance = self.get_queryset().get(pk=instance.pk)
        data = self.represent(instance)
        headers = {"ETag": etag_for(instance, editor=self.requester_is_editor)}
        if status_code == status.HTTP_201_CREATED:
            # A plain str: DRF's Hyperlink (a str subclass) is refused by WSGI servers.
            headers["Location"] = str(data["api_url"])
        return Response(data, status=status_code, headers=headers)


def reject_unsupported_method(view, request) -> None:
    """405 for a method the endpoint does not have, before authentication can answer 401:
    the method is wrong whoever asks."""
    method = request.method.lower()
    if method not in view.http_method_names or not hasattr(view, method):
        raise MethodNotAllowed(request.method)


def resource_schema(
    *, singular: str, plural: str, editor, write, delete_refusal: str = "", proposal=None
):
    """The OpenAPI summaries and bodies of a resource's six operations. With `proposal`
    (the serializer of a proposed change), a change may answer 202 with the proposal
    instead (see `accepted_for_review`)."""
    article = "an" if singular[0] in "aeiou" else "a"
    changed = {200: editor}
    proposed, parameters = "", []
    if proposal is not None:
        proposed = (
            f" An editor's change to a published {singular} is not made but proposed for "
            "review: 202, with the proposal, whose URL is in `Location`."
        )
        changed[202] = OpenApiResponse(
            proposal, description=f"Proposed for review: the {singular} is unchanged."
        )
        parameters = [PROPOSAL_LOCATION]
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"Anonymous clients see published {plural} only; editors see all "
            "and may filter on `status`. Unknown parameters and malformed values answer 400.",
            responses=editor,
        ),
        retrieve=extend_schema(
            summary=f"Read {article} {singular}",
            description="Answers with an `ETag`; send it in `If-None-Match` to get 304 "
            "while nothing changed. A draft answers 404 to anyone but editors.",
            responses=editor,
        ),
        create=extend_schema(
            summary=f"Create {article} {singular}",
            description="Editors with the add permission. Answers with the new object, its "
            "`ETag` and its `Location`.",
            request=write,
            responses={201: editor},
        ),
        update=extend_schema(
            summary=f"Replace {article} {singular}",
            description="Editors with the change permission. Send the `ETag` you read in "
            "`If-Match`. Every required field is sent; optional ones left out keep their "
            f"values.{proposed}",
            request=write,
            parameters=parameters,
            responses=changed,
        ),
        partial_update=extend_schema(
            summary=f"Change {article} {singular}",
            description="Editors with the change permission. Send the `ETag` you read in "
            f"`If-Match`. Only the fields sent change.{proposed}",
            request=write,
            parameters=parameters,
            responses=changed,
        ),
        destroy=extend_schema(
            summary=f"Delete {article} {singular}",
            description="Editors with the delete permission. Send the `ETag` you read in "
            f"`If-Match`. {delete_refusal}".strip(),
            responses={204: None},
        ),
    )
