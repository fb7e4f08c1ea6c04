"""Public URLs of this app (included by config.urls): the open-data exports."""

from django.urls import path

from . import views

urlpatterns = [
    path("open-data/aanpakken.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/aanpakken.json", views.open_data_json, name="open_data_json"),
]
