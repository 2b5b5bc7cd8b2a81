"""Create the local admin account once, with a random password printed a single time."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "若尚无管理员账号，则创建本地管理员 admin 并打印一次随机密码。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("管理员账号已存在（密码不再显示；忘记密码可运行 manage.py changepassword）。")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"已创建本地管理员：用户名 {username}，密码 {password}（只显示这一次，请妥善保存）")
        )
