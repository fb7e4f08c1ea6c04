"""Demo accounts for local use only (the demo loader refuses to run with DEBUG off unless forced)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from regions.roles import MINISTRY_GROUP

DEMO_USERS = [
    # username, full name, groups, superuser
    ("admin", ("Beheer", "Kennisnetwerk"), [], True),
    ("ministerie", ("Mira", "Ministerie"), [MINISTRY_GROUP], False),
    ("coordinator-haaglanden", ("Coby", "Haaglanden"), ["Coördinator Haaglanden"], False),
    ("coordinator-zeeland", ("Cees", "Zeeland"), ["Coördinator Zeeland"], False),
]


def ensure_demo_users() -> list[str]:
    password = settings.DEMO_PASSWORD
    user_model = get_user_model()
    created = []
    for username, (first, last), groups, superuser in DEMO_USERS:
        user, was_created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if was_created:
            user.set_password(password)
            user.save()
            created.append(username)
        user.groups.add(*Group.objects.filter(name__in=groups))
    return created
