from .twofactor import wagtail_hooks as two_factor_hooks  # noqa: F401 — Wagtail only loads apps' top-level hooks
