"""Pages that name honorees (stories, films, lessons) show only the public ones, the same way everywhere."""

from .models import Honoree


class RelatedHonoreesMixin:
    related_honorees_field = "honorees"  # the page's many-to-many (or ParentalManyToMany) field to Honoree

    def public_honorees(self):
        """The public honorees the page names, in dictionary order, with what their cards show."""
        ids = [honoree.pk for honoree in getattr(self, self.related_honorees_field).all()]
        return (
            Honoree.objects.public()
            .filter(pk__in=ids)
            .select_related("photo")
            .prefetch_related("awards__honour")
            .in_dictionary_order()
        )
