"""What reading each uploaded video found (media/signals.py), shown to editors beside the films using it; and the
films list's plural name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('media', '0003_editorial_image_permissions'),
        ('wagtailmedia', '0005_alter_media_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='VideoCheck',
            fields=[
                ('media', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='video_check', serialize=False, to='wagtailmedia.media', verbose_name='视频')),
                ('file_name', models.CharField(max_length=255, verbose_name='检查的文件')),
                ('checked_at', models.DateTimeField(auto_now=True, verbose_name='检查时间')),
                ('found', models.CharField(blank=True, help_text='如“H.264 视频 + AAC 音频，640×360，8 秒”。', max_length=200, verbose_name='读到的内容')),
                ('error', models.TextField(blank=True, help_text='不为空时浏览器多半也无法播放，影片不能发布。', verbose_name='无法读取的原因')),
                ('codec_problem', models.CharField(blank=True, max_length=300, verbose_name='编码问题')),
                ('duration_problem', models.CharField(blank=True, max_length=300, verbose_name='时长问题')),
                ('poster_problem', models.CharField(blank=True, max_length=300, verbose_name='海报问题')),
            ],
            options={
                'verbose_name': '视频检查结果',
                'verbose_name_plural': '视频检查结果',
            },
        ),
        migrations.AlterModelOptions(
            name='filmpage',
            options={'verbose_name': '劳模微电影', 'verbose_name_plural': '劳模微电影'},
        ),
    ]
