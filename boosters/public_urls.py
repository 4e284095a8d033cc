"""Public URLs reached from drip emails, mounted under ``/email/``."""

from django.urls import path

from boosters.public_views import unsubscribe_view

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe_view, name="boosters_unsubscribe"),
]
