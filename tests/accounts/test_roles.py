import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from apps.accounts.roles import can_publish
from tests.factories import UserFactory

STRONG = "a-long passphrase 42"


def test_roles_migration_creates_editor_and_reviewer_groups(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Editor", "Reviewer"]


def test_only_reviewers_hold_the_publish_permission(db):
    holders = {
        group.name: group.permissions.filter(codename="publish_claim").exists()
        for group in Group.objects.all()
    }

    assert holders == {"Editor": False, "Reviewer": True}


def test_editors_may_change_claims_but_not_ratings(db):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editor"))

    assert (editor.has_perm("claims.change_claim"), editor.has_perm("claims.change_rating")) == (
        True,
        False,
    )


def test_createeditor_creates_a_staff_login_in_the_editor_role(db, monkeypatch):
    monkeypatch.setenv("FACTBASE_PASSWORD", STRONG)

    call_command("createeditor", "ada", "--no-input", stdout=None)

    ada = get_user_model().objects.get(username="ada")
    assert (ada.is_staff, [g.name for g in ada.groups.all()], ada.check_password(STRONG)) == (
        True,
        ["Editor"],
        True,
    )


def test_createeditor_reviewer_can_publish(db, monkeypatch):
    monkeypatch.setenv("FACTBASE_PASSWORD", STRONG)

    call_command("createeditor", "grace", "--reviewer", "--no-input")

    assert can_publish(get_user_model().objects.get(username="grace")) is True


def test_createeditor_adds_an_existing_person_without_touching_their_password(db):
    person = UserFactory(username="lin", is_staff=False)

    call_command("createeditor", "lin", "--reviewer", "--no-input")

    person.refresh_from_db()
    assert (person.is_staff, person.check_password("correct horse battery staple")) == (True, True)


def test_createeditor_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("FACTBASE_PASSWORD", "12345678")

    with pytest.raises(CommandError, match="too common"):
        call_command("createeditor", "ada", "--no-input")


def test_createeditor_without_a_password_for_a_new_login_says_how_to_give_one(db, monkeypatch):
    monkeypatch.delenv("FACTBASE_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="FACTBASE_PASSWORD"):
        call_command("createeditor", "ada", "--no-input")
