"""Create the page tree and the real demo content from the source text. Idempotent: what exists is kept."""

import datetime
import io

from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale, Page, Site

from archive.models import Award, District, Honoree, Honour, Industry
from archive.reference import ENGLISH_NAMES, ensure_reference_data
from core import demo_images as images
from core.demo_translations import english_copy
from core.extensions import load_demo_content
from exhibits.models import ExhibitionPage, ExhibitionSectionPage, HallIndexPage, StoryIndexPage, StoryPage
from laomo.demo import pages, people
from laomo.models import ContentPage, HomePage
from media.models import SiteImage
from search.engine import embedded_engine


class Command(BaseCommand):
    help = "载入演示内容：页面树、荣誉与区划、资料中提到的劳模、第一个展览与第一篇故事（可重复运行）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            self.load_reference()
            self.load_people()
            image_ids = self.load_images()
            home = self.load_home()
            hall = self.child(
                home,
                HallIndexPage,
                "hall",
                title="网上展厅",
                intro="走进劳模网上展厅，看见首都劳动者的光荣与梦想。",
                show_in_menus=True,
            )
            stories = self.child(
                home, StoryIndexPage, "stories", title="劳模故事", intro="新闻、特写与人物故事。", show_in_menus=True
            )
            exhibition = self.load_exhibition(hall, image_ids)
            self.load_story(stories, image_ids)
            about = self.child(
                home,
                ContentPage,
                pages.ABOUT["slug"],
                title=pages.ABOUT["title"],
                lead=pages.ABOUT["lead"],
                body=self.resolve(pages.ABOUT["body"], image_ids),
                show_in_menus=True,
            )
            if home.featured_exhibition_id is None:
                home.featured_exhibition = exhibition
                home.save_revision().publish()
            self.translate_pages(home, hall, stories, exhibition, about, image_ids)
            load_demo_content(self)  # each app's own demo content (films, walls, lessons…)
        self.build_search_indexes()
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))

    def translate_pages(self, home, hall, stories, exhibition, about, image_ids):
        """English translations of the main pages, as an editor's 翻译 makes them, parents first; each app
        translates its own pages (walls, films, lessons) with its demo content. An English page that already
        exists is kept as it is."""
        made = [
            english_copy(home, **pages.HOME_EN),
            english_copy(hall, **pages.HALL_EN),
            english_copy(stories, **pages.STORIES_EN),
        ]
        spec = pages.EXHIBITION_EN
        made.append(
            english_copy(exhibition, title=spec["title"], lead=spec["lead"], body=self.resolve(spec["body"], image_ids))
        )
        for section in ExhibitionSectionPage.objects.child_of(exhibition):
            english = spec["sections"].get(section.slug)
            if english:
                made.append(
                    english_copy(section, title=english["title"], body=self.resolve(english["body"], image_ids))
                )
        spec = pages.ABOUT_EN
        made.append(
            english_copy(about, title=spec["title"], lead=spec["lead"], body=self.resolve(spec["body"], image_ids))
        )
        self.stdout.write(f"英文版页面：新建 {sum(1 for page in made if page)} 个")

    def build_search_indexes(self):
        """Wagtail's index (admin search) and ours (public search); ours is rebuilt only when out of date."""
        call_command("update_index", verbosity=0)
        report = embedded_engine().check()
        if report["missing"] or report["stale"] or report["extra"]:
            counts = embedded_engine().rebuild()
            self.stdout.write(f"搜索索引已重建：劳模 {counts['honorees']} 条，页面 {counts['pages']} 个")

    # --- reference data -------------------------------------------------
    def load_reference(self):
        # The migrations create the locales and the reference data; a database restored from elsewhere, or
        # emptied by a test's flush, may lack some, and pages cannot be translated into a language without its locale.
        for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=language)
        ensure_reference_data(django_apps)
        for model in (Honour, District, Industry):
            # Only blank English names are filled in: an archivist's own wording stays.
            for name, name_en in ENGLISH_NAMES.items():
                model.objects.filter(name=name, name_en="").update(name_en=name_en)
        self.stdout.write(
            f"荣誉 {Honour.objects.count()} 种，区划 {District.objects.count()} 个，行业 {Industry.objects.count()} 个"
        )

    def load_people(self):
        created = 0
        for person in people.PEOPLE:
            if Honoree.objects.filter(external_id=person["external_id"]).exists():
                continue
            honoree = Honoree(
                external_id=person["external_id"],
                name=person["name"],
                employer=person.get("employer", ""),
                employer_en=person.get("employer_en", ""),
                title=person.get("title", ""),
                biography=person["biography"],
                biography_en=person.get("biography_en", ""),
                archivist_notes=people.SOURCE_NOTE,
                industry=Industry.objects.filter(name=person.get("industry")).first(),
                district=District.objects.filter(name=person.get("district")).first(),
                live=True,
            )
            honoree.save()
            for year, honour_name in person["awards"]:
                Award.objects.create(honoree=honoree, honour=Honour.objects.get(name=honour_name), year=year)
            honoree.refresh_first_award_year()
            honoree.save_revision()
            created += 1
        self.stdout.write(f"资料中的劳模：新建 {created} 位")

    def load_images(self) -> dict[str, int]:
        ids = {}
        for key, (title, alt, seed, size) in images.IMAGES.items():
            image = SiteImage.objects.filter(title=title).first()
            if image is None:
                content = images.draw_illustration(seed, size)
                image = SiteImage(title=title, description=alt, credit=images.ILLUSTRATION_CREDIT)
                image.file = ImageFile(_bytes_file(content), name=f"demo-{key}.jpg")
                image.save()
            ids[key] = image.pk
        return ids

    # --- pages ----------------------------------------------------------
    def load_home(self) -> HomePage:
        # The Chinese home: an editor may have added an English translation of it beside it.
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                title="劳模数字展馆",
                slug="home",
                hero_title="光荣属于劳动者",
                hero_text="走进北京劳动模范的网上展厅：看展览、查辞典、找名字，了解劳模精神、劳动精神、工匠精神。",
            )
            welcome = Page.objects.filter(depth=2, content_type__model="page").first()
            if welcome:
                welcome.slug = "wagtail-welcome-removed"
                welcome.save()
            root.add_child(instance=home)
            home.save_revision().publish()
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "劳模数字展馆"},
            )
            if welcome:
                welcome.delete()
        return home

    def child(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def load_exhibition(self, hall, image_ids):
        spec = pages.EXHIBITION
        exhibition = self.child(
            hall,
            ExhibitionPage,
            spec["slug"],
            title=spec["title"],
            lead=spec["lead"],
            cover_id=image_ids[spec["cover"][1:]],
            body=self.resolve(spec["body"], image_ids),
        )
        for section in spec["sections"]:
            self.child(
                exhibition,
                ExhibitionSectionPage,
                section["slug"],
                title=section["title"],
                body=self.resolve(section["body"], image_ids),
            )
        return exhibition

    def load_story(self, index, image_ids):
        spec = pages.STORY
        if StoryPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            return
        story = StoryPage(
            slug=spec["slug"],
            title=spec["title"],
            lead=spec["lead"],
            author=spec["author"],
            date=datetime.date.fromisoformat(spec["date"]),
            cover_id=image_ids[spec["cover"][1:]],
            body=self.resolve(spec["body"], image_ids),
        )
        story.tags.add(*spec["tags"])
        story.related_honorees.set(Honoree.objects.filter(external_id__in=spec["honorees"]))
        index.add_child(instance=story)
        story.save_revision().publish()

    def resolve(self, stream, image_ids):
        """Replace "@external-id" and "#image-key" references with primary keys."""

        def walk(value):
            if isinstance(value, dict):
                return {key: walk(item) for key, item in value.items()}
            if isinstance(value, list):
                return [walk(item) for item in value]
            if isinstance(value, str) and value.startswith("@"):
                return Honoree.objects.get(external_id=value[1:]).pk
            if isinstance(value, str) and value.startswith("#"):
                return image_ids[value[1:]]
            return value

        return walk(stream)


def _bytes_file(content: bytes):
    return io.BytesIO(content)
