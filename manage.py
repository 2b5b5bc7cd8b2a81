#!/usr/bin/env python
"""Django's command-line utility. site/ holds the project package `laomo` and goes on the import path."""

import os
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(REPO_DIR / "site"), str(REPO_DIR)]

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laomo.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
