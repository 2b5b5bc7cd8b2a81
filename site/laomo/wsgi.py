"""WSGI entry point. Run with the app server's --pythonpath site,. (see the Makefile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laomo.settings.production")

application = get_wsgi_application()
