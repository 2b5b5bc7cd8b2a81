"""劳模数字展馆 — the project package (settings, URLs, base templates, home page, navigation)."""
