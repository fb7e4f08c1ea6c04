"""Public URLs of this app (included by config.urls under the language prefix).

django-allauth's sign-up, login, logout, password reset and e-mail confirmation live under
``account/``; the member pages under ``leden/``."""

from django.urls import include, path

from practices import converters  # noqa: F401  (registers <dbid:>)

from . import views

member_patterns = [
    path("account/", views.account, name="account"),
    path("account/attendering-uit/", views.digest_off, name="digest_off"),
    path("account/export/", views.export, name="export"),
    path("account/verwijderen/", views.delete_account, name="delete_account"),
    path("volgen/<dbid:page_id>/", views.follow, name="follow"),
    path("zoekopdrachten/bewaren/", views.save_search, name="save_search"),
    path("zoekopdrachten/<dbid:pk>/verwijderen/", views.delete_search, name="delete_search"),
    path("contact/<dbid:page_id>/", views.contact, name="contact"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

urlpatterns = [
    path("account/signup/", views.throttled_signup, name="account_signup"),  # before allauth's own
    path("account/", include("allauth.urls")),
    path("leden/", include((member_patterns, "members"))),
]
