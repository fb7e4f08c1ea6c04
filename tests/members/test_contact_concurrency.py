"""The per-sender limit holds when one sender posts several messages at the same moment."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection
from django.test import override_settings

from members.contact import ContactError, send_contact_message
from members.models import ContactLog
from practices.models import ApproachPage

from .conftest import make_member, with_contacts

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="row locks: PostgreSQL only"
    ),
]


@override_settings(MEMBER_CONTACT_LIMIT_HOUR=2, MEMBER_CONTACT_LIMIT_DAY=20)
def test_concurrent_messages_respect_the_limit(demo_tx):
    page = with_contacts(ApproachPage.objects.get(slug="joop-zeeland"), "c@zeeland.example")
    sender = make_member()
    barrier = threading.Barrier(5)
    outcomes: list[object] = []

    def post():
        try:
            barrier.wait()
            send_contact_message(
                sender=sender, page=page, subject="Vraag", body="Een bericht van twintig tekens."
            )
            outcomes.append("sent")
        except ContactError as error:
            outcomes.append(error.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [429, 429, 429, "sent", "sent"]
    assert ContactLog.objects.filter(sender=sender).count() == 2
