"""长辈模式 (elder mode) on the server: the <html> class comes from the ``laomo_elder`` cookie.

Rendering the class on the server means no flash of small text and a mode that works without JavaScript.
Because the HTML then depends on the cookie, every HTML response says ``Vary: Cookie``, so browsers and
shared caches keep the two versions apart. (Pages that read the session — every view that checks whether the
visitor is signed in — said so already.) prefs.js also sets the class before first paint from the cookie or
localStorage, for a page that came out of a cache that ignores Vary.
"""

from django.utils.cache import patch_vary_headers


class ElderModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
