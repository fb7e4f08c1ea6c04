"""Documents (evaluation reports, session materials) are restricted by type and size, and served so
that a browser never runs them as a page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/documents/add/"


def _post(client, name, content, content_type="application/octet-stream"):
    return client.post(
        ADD_URL,
        {
            "title": "Evaluatierapport",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_allowed_document_is_accepted(admin_client, demo):
    response = _post(admin_client, "rapport.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert response.status_code == 302
    assert Document.objects.filter(title="Evaluatierapport").count() == 1


@pytest.mark.parametrize("name", ["script.html", "payload.exe", "beeld.svg", "macro.docm", "rapport.pdf.php"])
def test_disallowed_types_are_rejected(admin_client, demo, name):
    response = _post(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200  # form shown again with the error
    assert response.context["form"].errors["file"]
    assert not Document.objects.filter(title="Evaluatierapport").exists()


def test_oversized_document_is_rejected(admin_client, demo, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = _post(admin_client, "groot.pdf", b"%PDF-1.4\n" + b"0" * 2048, "application/pdf")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "1,0" in errors or "1.0" in errors or "KB" in errors
    assert not Document.objects.filter(title="Evaluatierapport").exists()


def test_upload_limit_is_configured(settings):
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS


def test_documents_are_not_served_as_html(client, admin_client, demo):
    _post(admin_client, "notities.txt", b"<script>alert(1)</script>", "text/plain")
    document = Document.objects.get(title="Evaluatierapport")
    response = client.get(document.url)
    assert response.status_code == 200
    assert "html" not in response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
