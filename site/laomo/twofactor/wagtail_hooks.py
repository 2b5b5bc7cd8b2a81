"""Admin hooks of two-factor login; loaded by laomo/wagtail_hooks.py (Wagtail only looks at apps' top level)."""

from django.urls import reverse

from wagtail import hooks

from . import devices, views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return views.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Under 帐号 → 更多动作 (Wagtail's account page), with whether it is on."""
    state = "已开启" if devices.has_two_factor(request.user) else "未开启"
    return {
        "url": reverse("laomo_twofactor"),
        "label": "两步验证",
        "help_text": f"{state}。登录时除密码外，还要输入手机上身份验证器应用生成的验证码。",
    }


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(views.ENABLED_ACTION, "开启两步验证", "开启了两步验证")
    actions.register_action(views.DISABLED_ACTION, "关闭两步验证", "关闭了两步验证")
    actions.register_action(views.NEW_CODES_ACTION, "重新生成备用码", "重新生成了两步验证备用码")
