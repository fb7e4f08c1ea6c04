"""Security headers: a strict Content-Security-Policy on the public site (no inline script or
style), a relaxed one only inside the Wagtail admin, and the usual hardening headers."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/regios/", "/en/", "/regios/haaglanden/"])
def test_public_pages_have_strict_csp(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/regios/haaglanden/"])
def test_hardening_headers(client, demo, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_error_pages_carry_the_policy_too(client, demo):
    response = client.get("/bestaat-niet-xyz/")
    assert response.status_code == 404
    assert _directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_admin_gets_relaxed_policy_only_for_inline_code(admin_client, demo):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    # everything else stays as strict as on the site
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]


def test_no_inline_scripts_or_styles_in_public_html(client, demo):
    """The policy is only useful if the pages still work under it: no inline code at all."""
    from bs4 import BeautifulSoup

    for path in ["/", "/regios/", "/regios/haaglanden/", "/regios/zeeland/joop-zeeland/"]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        for script in soup.find_all("script"):
            kind = script.get("type", "text/javascript")
            assert script.get("src") or kind in {"application/json", "application/ld+json"}, (path, script)
        assert not soup.find_all("style"), path
        assert not soup.select("[style]"), path
        on_handlers = [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
        assert not on_handlers, (path, on_handlers[:3])


def test_no_third_party_requests_from_the_admin(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
