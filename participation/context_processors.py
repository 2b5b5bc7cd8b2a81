from .urlnames import public_url
from .views import ELDER_COOKIE


def elder_mode(request):
    """``elder_mode``: whether the visitor turned on 长辈模式 (base.html renders the <html> class from it), and
    ``elder_switch_url``: where the switch goes without JavaScript."""
    return {"elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1", "elder_switch_url": public_url("elder")}
