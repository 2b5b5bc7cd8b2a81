"""Public dictionary pages."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .models import Honoree


def public_honorees():
    return Honoree.objects.public().select_related("district", "industry")


def dictionary_home(request):
    honorees = public_honorees().in_dictionary_order()
    page = Paginator(honorees, 50).get_page(request.GET.get("page"))
    return render(request, "archive/dictionary_home.html", {"page_obj": page})


def entry(request, external_id):
    honoree = get_object_or_404(
        public_honorees().select_related("photo").prefetch_related("awards__honour"), external_id=external_id
    )
    crumbs = [
        {"title": "首页", "url": "/"},
        {"title": "劳模辞典", "url": reverse("archive:home")},
        {"title": honoree.name, "url": ""},
    ]
    return render(
        request, "archive/entry.html", {"honoree": honoree, "awards": honoree.awards.all(), "honoree_crumbs": crumbs}
    )
