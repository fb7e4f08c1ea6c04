"""Public URLs of this app (included by config.urls under the language prefix)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [path("vergelijk/", views.compare, name="compare")]
