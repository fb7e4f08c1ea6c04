"""Public URLs of this app (included by config.urls)."""

urlpatterns: list = []
