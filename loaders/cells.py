"""One cell of a bundle, from its text to the value stored: whole numbers, numbers, booleans, dates and
moments (Excel's habits understood, or refused with a hint), ids, phones, lists of codes, and codes
from the graph's closed vocabularies.

Pure: no database. Each type here is an `Annotated` pydantic type whose validators say exactly what is
wrong with a cell (`expected a whole number, got "abc"`); `loaders.rows` builds the row models of each
label and relationship type from them, and `loaders.convert` compiles the same validators for speed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from graph.model import (
    ADVISER_FIELDS,
    CITY_TIMEZONE,
    NEEDS,
    REQUEST_KINDS,
    REQUEST_STATUSES,
    RESOURCE_KINDS,
    SKILLS,
    TEAM_KINDS,
    TRAINING_TOPICS,
)
from loaders.formats import LIST_SEPARATOR

# Dates outside these years are typing slips (0001, 9999), not history or plans.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
EXCEL_NUMBER = re.compile(r"-?\d+(\.\d+)?[eE][+-]?\d+")
EXCEL_HINT = (
    "Excel wrote this number in scientific notation and its digits are lost: "
    "format the column as Text and enter the values again"
)


def fail(message: str, safe: str | None = None) -> PydanticCustomError:
    """A value error; `safe` is the message without the value, shown for personal data."""
    return PydanticCustomError("bundle_value", message, {"safe": safe or message})


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if EXCEL_NUMBER.fullmatch(value):
            raise fail(f'"{value}": {EXCEL_HINT}')
        if not re.fullmatch(r"-?\d+", value):
            raise fail(f'expected a whole number (plain digits), got "{value}"')
        return int(value)
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"-?\d+(\.\d+)?", value):
            raise fail(f'expected a number (digits, optionally a decimal point), got "{value}"')
        return float(value)
    return value


def _boolean(value: Any) -> Any:
    if isinstance(value, str):
        # Excel writes TRUE and FALSE; any case is the same answer.
        if value.lower() not in ("true", "false"):
            raise fail(f'expected true or false, got "{value}"')
        return value.lower() == "true"
    return value


def _sane(day: date, value: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise fail(f'"{value}" is outside the years {EARLIEST.year} to {LATEST.year}: a typing slip?')


# Excel's own way of writing a date in China: 2026/1/31 (and 2026/1/31 9:30 with a time).
EXCEL_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
EXCEL_MOMENT = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            excel = EXCEL_DATE.fullmatch(value)
            day = date(*map(int, excel.groups())) if excel else date.fromisoformat(value)
        except ValueError:
            raise fail(f'expected an ISO 8601 date such as 2026-01-31, got "{value}"') from None
        _sane(day, value)
        return day
    return value


def _datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            excel = EXCEL_MOMENT.fullmatch(value)
            if excel:
                year, month, day, hour, minute, second = (int(part or 0) for part in excel.groups())
                parsed = datetime(year, month, day, hour, minute, second)
            else:
                parsed = datetime.fromisoformat(value)
        except ValueError:
            raise fail(
                f'expected an ISO 8601 date-time such as 2026-01-31T09:30:00+08:00, got "{value}"'
            ) from None
        _sane(parsed.date(), value)
        # Without an offset, a time is the city's own clock (China Standard Time, UTC+8).
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=CITY_TIMEZONE)
    return value


def identifier(value: Any) -> Any:
    if isinstance(value, str):
        if value != value.strip():
            raise fail(f'id "{value}" has spaces around it: an id is exactly its characters')
        if EXCEL_NUMBER.fullmatch(value):
            raise fail(f'id "{value}": {EXCEL_HINT}')
    return value


PHONE = re.compile(r"\+?\d[\d-]{2,19}")


def _phone(value: Any) -> Any:
    if isinstance(value, str):
        if EXCEL_NUMBER.fullmatch(value):
            raise fail(f'"{value}": {EXCEL_HINT}', f"a number in scientific notation: {EXCEL_HINT}")
        if "*" in value:
            raise fail(
                f'"{value}" is a masked phone number',
                "a masked phone number (from an export without --with-personal-data): "
                "give the real number or leave the cell empty",
            )
        if not PHONE.fullmatch(value):
            raise fail(
                f'expected a phone number (digits, an optional leading + and dashes), got "{value}"',
                "expected a phone number (digits, an optional leading + and dashes)",
            )
    return value


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def one_of(known: Collection[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in known:
            listed = ", ".join(sorted(known))
            raise fail(f'unknown {what} "{value}"; known: {listed}', f"unknown {what}; known: {listed}")
        return value

    return check


def _all_of(known: Collection[str], what: str) -> Callable[[list[str]], list[str]]:
    check = one_of(known, what)

    def check_all(values: list[str]) -> list[str]:
        return [check(value) for value in values]

    return check_all


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Number = Annotated[float, BeforeValidator(_number)]
Boolean = Annotated[bool, BeforeValidator(_boolean)]
Day = Annotated[date, BeforeValidator(_date)]
Moment = Annotated[datetime, BeforeValidator(_datetime)]
Id = Annotated[str, Field(min_length=1), BeforeValidator(identifier)]
Phone = Annotated[str, BeforeValidator(_phone)]
Skills = Annotated[list[str], BeforeValidator(_split), AfterValidator(_all_of(SKILLS, "skill code"))]
Needs = Annotated[list[str], BeforeValidator(_split), AfterValidator(_all_of(NEEDS, "need code"))]
TeamKind = Annotated[str, AfterValidator(one_of(TEAM_KINDS, "volunteer team kind"))]
ResourceKind = Annotated[str, AfterValidator(one_of(RESOURCE_KINDS, "resource kind"))]
RequestKind = Annotated[str, AfterValidator(one_of(REQUEST_KINDS, "request kind"))]
RequestStatus = Annotated[str, AfterValidator(one_of(REQUEST_STATUSES, "request status"))]
AdviserField = Annotated[str, AfterValidator(one_of(ADVISER_FIELDS, "adviser field"))]
TrainingTopic = Annotated[str, AfterValidator(one_of(TRAINING_TOPICS, "training topic"))]
