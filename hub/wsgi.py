"""WSGI entry point for gunicorn and other WSGI servers."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, every app's models) lives as long
# as the worker: freezing it keeps Python's full garbage collections from
# walking those ~180,000 objects again. Without this, the home page's render
# (many short-lived querysets) set off a full collection every few requests,
# about 4 ms a render on average (bench/README.md, pages).
gc.collect()
gc.freeze()
