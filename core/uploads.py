"""Storage failures where uploaded files are written: which errors they are, and where they happened.

A full disk, a read-only or missing folder, or an S3-compatible store that refuses the write must give the person
uploading a clear message and the form back — never the generic error page — and the staff one log line saying
which storage failed."""

import os

from django.core.files.storage import Storage

from botocore.exceptions import BotoCoreError, ClientError

# OSError covers PermissionError, FileNotFoundError and "No space left on device"; botocore's for S3 (django-storages).
STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError)


def storage_place(storage: Storage) -> str:
    """Where a storage writes, as the staff know it: its folder, or its bucket (and prefix)."""
    bucket = getattr(storage, "bucket_name", None)
    if bucket:
        prefix = getattr(storage, "location", "")
        return f"存储桶 {bucket}" + (f"/{prefix}" if prefix else "")
    return f"文件夹 {getattr(storage, 'location', '') or storage.__class__.__name__}"


def failed_place(storage: Storage, error: BaseException) -> str:
    """The folder that refused the write when the error names it (a missing or read-only folder), else the storage."""
    filename = getattr(error, "filename", None)
    if isinstance(filename, str | bytes) and filename:
        return f"文件夹 {os.path.dirname(os.fsdecode(filename)) or os.fsdecode(filename)}"
    return storage_place(storage)


def reason(error: BaseException) -> str:
    if isinstance(error, ClientError):
        return error.response.get("Error", {}).get("Code", "") or type(error).__name__
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def staff_message(storage: Storage, error: BaseException) -> str:
    """For the admin: where the file could not be written, and why."""
    return (
        f"文件无法保存到{failed_place(storage, error)}（{reason(error)}）。"
        "请稍后再试，或请系统管理员检查这个位置的空间和写入权限。已填写的其他内容保留在下面，请重新选择文件。"
    )
