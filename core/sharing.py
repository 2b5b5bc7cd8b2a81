"""What a page offers when it is shared (core/share_image.py and the share tags read it): a picture and a line.

Most pages share their cover and their lead; a page names other fields, or overrides the properties."""


class SharedPageMixin:
    share_image_field = "cover"
    share_lead_field = "lead"

    @property
    def share_image(self):
        return getattr(self, self.share_image_field, None)

    @property
    def share_description(self) -> str:
        return self.search_description or getattr(self, self.share_lead_field, "")
