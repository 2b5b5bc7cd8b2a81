from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(page=None):
    """Breadcrumbs from the home page down to `page`."""
    crumbs = []
    if page is not None:
        for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=2).specific(defer=True):
            crumbs.append({"title": "首页" if ancestor.depth == 2 else ancestor.title, "url": ancestor.url})
    return {"crumbs": crumbs}
