"""Admin uploads when the storage fails: a message naming the folder or bucket, the form as typed, nothing half-saved.

Wagtail writes an uploaded file when it saves the object, deep inside its views, where a full disk, a read-only
folder or a refusing bucket became the generic error page. Two ways in:

- The upload forms we own (images, films and documents: the WAGTAIL…_FORM_BASE settings) store their files while
  they validate (StoreUploadsMixin). A failure is then a form error on the file, which every view using the form —
  add, edit, the chooser's upload tab, the multiple upload — shows with what was typed, before any row is written.
- The multiple-upload pages also write outside those forms (a file held back until its details are filled in, then
  moved into place). The views in upload_views.py catch that and answer in the JSON those pages expect;
  wagtail_hooks.py mounts them at Wagtail's own addresses.

Each failure is logged once, here.
"""

import logging

from core.uploads import STORAGE_ERRORS, failed_place, staff_message

logger = logging.getLogger(__name__)


def log_failure(what: str, storage, error: BaseException) -> None:
    logger.error("%s could not be stored in %s: %r", what, failed_place(storage, error), error)


class StoreUploadsMixin:
    """For a ModelForm: write the new files to their storage during validation, so a storage failure is a form error.

    A file written here is committed, so saving the object does not write it again."""

    upload_fields = ("file",)

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return  # nothing is stored for a form that will be shown again anyway
        for name in self.upload_fields:
            stored = getattr(self.instance, name, None) if name in self.fields else None
            if not stored or stored._committed:
                continue
            try:
                stored.save(stored.name, stored.file, save=False)
            except STORAGE_ERRORS as error:
                log_failure(f"{self.instance._meta.verbose_name} upload", stored.storage, error)
                self.add_error(name, staff_message(stored.storage, error))
                return
