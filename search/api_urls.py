"""JSON endpoints of this app, outside the language prefix (included by config.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.api_search, name="search_api"),
    path("search/suggest/", views.api_suggest, name="search_suggest_api"),
]
