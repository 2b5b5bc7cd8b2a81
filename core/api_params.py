"""Query-parameter schemas shared by every part of the open API."""

from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError


class TextParams(Schema):
    """Text parameters that refuse a NUL character with a Chinese message (laomo.api turns it into a 400).

    A NUL is never meaningful (and PostgreSQL refuses it in text): say so rather than "not found"."""

    @field_validator("*")
    @classmethod
    def no_nul_characters(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise PydanticCustomError("nul_character", "参数中不能含有空字符（%00）。")
        return value
