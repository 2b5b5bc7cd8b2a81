"""The editorial groups keep what Wagtail's apps grant "Editors" and "Moderators" before we rename them (a new
app in the migration graph once moved our renaming first, and 编辑 lost every media permission)."""

from django.contrib.auth.models import Group

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", ["编辑", "审核"])
def test_editorial_groups_may_add_and_change_media(group):
    codenames = set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))
    assert {"add_media", "change_media"} <= codenames
