"""Mail delivery as a ``django_tasks`` task: in a worker when a queueing backend is configured in
``TASKS``, else immediately after commit in the web process (still outside the transaction)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_mail(pk: int) -> str:
    from .queue import deliver

    return deliver(pk)
