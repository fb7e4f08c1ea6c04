from django.urls import path

from . import public_views, views

app_name = "quickscan"

urlpatterns = [
    path("quickscan/ronde/<slug:label>/", public_views.round_summary, name="summary"),
    path("quickscan/<str:token>/", views.start, name="start"),
    path("quickscan/<str:token>/bedankt/", views.done, name="done"),
    path("quickscan/<str:token>/<slug:step>/", views.step, name="step"),
]
