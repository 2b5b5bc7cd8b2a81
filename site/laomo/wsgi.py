"""WSGI entry point. Run with the app server's --pythonpath site,. (see the Makefile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laomo.settings.production")

application = get_wsgi_application()

from core import outbox  # noqa: E402  (needs the apps that get_wsgi_application() set up)

# Index work a crashed process left in the outbox is applied on this process's first request (core/outbox.py).
outbox.apply_leftovers_when_serving()
