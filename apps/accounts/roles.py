"""The newsroom's two roles, as Django groups with model permissions.

Editors create and edit drafts of everything and propose verdicts; reviewers may also
publish, retract and change a published verdict (the `claims.publish_claim` permission).
The groups and their permissions are created by this app's migrations; the services
check the permissions, so the admin and the API obey the same rules.
"""

from enum import StrEnum

PUBLISH_CLAIM = "claims.publish_claim"


class Role(StrEnum):
    EDITOR = "Editor"
    REVIEWER = "Reviewer"


def can_publish(user) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(PUBLISH_CLAIM))
