from .state import OutboxEntry, VersionCounterRow  # noqa: F401  (models live in state.py)
