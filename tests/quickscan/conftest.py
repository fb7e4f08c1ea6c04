import pytest
from django.core.management import call_command

from quickscan.invitations import ensure_invitations
from quickscan.models import Round
from quickscan.tokens import make_token
from regions.models import Municipality


@pytest.fixture
def open_round(demo):
    call_command("quickscan_round", "open", "2027", "--title", "Quickscan 2027", verbosity=0)
    return Round.objects.get(label="2027")


@pytest.fixture
def invitation(open_round):
    municipality = Municipality.objects.get(code="GM0687")  # Middelburg
    return ensure_invitations(open_round, [municipality])[0]


@pytest.fixture
def token(invitation):
    return make_token(invitation)


def make_staff(username: str, group: str | None = None):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def ministry_user(demo):
    from regions.roles import MINISTRY_GROUP

    return make_staff("mira-quickscan", MINISTRY_GROUP)


@pytest.fixture
def coordinator_user(demo):
    return make_staff("coby-quickscan", "Coördinator Haaglanden")
