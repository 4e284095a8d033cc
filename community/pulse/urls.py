"""The pulse question's answer page, mounted under ``/pulse/``."""

from django.urls import path

from community.pulse.views import pulse_answer_view

urlpatterns = [
    path("<str:token>/", pulse_answer_view, name="community_pulse_answer"),
]
