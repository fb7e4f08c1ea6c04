"""django-axes locks the admin login after repeated failures (per username + IP)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    from axes.handlers.proxy import AxesProxyHandler
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    AccessAttempt.objects.all().delete()
    AxesProxyHandler.implementation = None  # re-read settings
    yield
    AccessAttempt.objects.all().delete()
    AxesProxyHandler.implementation = None


def _login(client, password):
    return client.post("/admin/login/", {"username": "redacteur", "password": password})


def test_admin_login_locks_after_failures(client, demo, axes_on):
    get_user_model().objects.create_user("redacteur", "r@example.org", "juist-wachtwoord", is_staff=True)
    for _ in range(2):
        response = _login(client, "fout")
        assert response.status_code == 200  # form with an error
        assert "_auth_user_id" not in client.session
    response = _login(client, "fout")
    assert response.status_code == 429
    # even the right password is refused while locked out
    response = _login(client, "juist-wachtwoord")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_success_before_the_limit_resets_the_counter(client, demo, axes_on):
    from axes.models import AccessAttempt

    get_user_model().objects.create_user("redacteur", "r@example.org", "juist-wachtwoord", is_staff=True)
    _login(client, "fout")
    _login(client, "fout")
    response = _login(client, "juist-wachtwoord")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert not AccessAttempt.objects.filter(username="redacteur", failures_since_start__gt=0).exists()
