"""The layer under the apps: see core/apps.py."""
