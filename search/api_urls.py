"""JSON endpoints of this app, outside the language prefix (included by config.urls)."""

urlpatterns: list = []
