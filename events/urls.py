"""Public URLs of this app (included by config.urls): the registrant's signed link. Session pages and
their registration form are routes of the Wagtail pages; the calendar files (``.ics``: Wagtail page
paths cannot hold a dot) are served here for the page at the path before the file name."""

from django.urls import path, re_path

from . import views

app_name = "events"

urlpatterns = [
    path("aanmelding/<str:token>/", views.registration_detail, name="registration"),
    path("aanmelding/<str:token>/bijeenkomst.ics", views.registration_ical, name="registration_ical"),
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)(?P<name>agenda|bijeenkomst)\.ics$", views.calendar_file, name="ical"
    ),
]
