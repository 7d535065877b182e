"""Allocating index numbers (索引号) when a document is published.

The serial is taken by incrementing one row per (prefix, period) inside the publishing transaction:
the UPDATE locks that row until commit, so concurrent publishers queue on it and no serial is issued
twice (on SQLite the whole write transaction is serialized). Serials are never reused: a withdrawn
document keeps its number. See docs/adr/0002-index-numbers.md.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from gongkai.accounts.models import Agency
from gongkai.catalog.indexformat import INDEX_NO_MAX, SERIAL_MAX, check_format
from gongkai.catalog.models import IndexSerial, SiteSettings

__all__ = ["INDEX_NO_MAX", "SERIAL_MAX", "allocate", "check_format", "imported_serial", "next_serial"]


def _period(form: str, day: dt.date) -> str:
    return f"{day.year}{day.month:02d}" if "{month" in form else str(day.year)


def next_serial(prefix: str, period: str) -> int:
    """Reserve the next serial; must run inside the caller's transaction."""
    if not IndexSerial.objects.filter(prefix=prefix, period=period).exists():
        try:
            with transaction.atomic():  # a savepoint: a concurrent creator wins, we then increment
                IndexSerial.objects.create(prefix=prefix, period=period, last=0)
        except IntegrityError:
            pass
    IndexSerial.objects.filter(prefix=prefix, period=period).update(last=F("last") + 1)
    return IndexSerial.objects.get(prefix=prefix, period=period).last


def allocate(agency: Agency, day: dt.date) -> str:
    form = SiteSettings.get().index_format
    check_format(form)  # a form saved around the admin's validation fails here, not as a duplicate number
    prefix = agency.index_prefix()
    serial = next_serial(prefix, _period(form, day))
    return form.format(prefix=prefix, year=day.year, month=day.month, serial=serial)


def imported_serial(index_no: str) -> int | None:
    """The serial of a number of the national form (前段码/年份-流水号); None for any other form."""
    prefix, _, rest = index_no.partition("/")
    year, _, serial = rest.partition("-")
    if not (prefix and year.isdigit() and serial.isascii() and serial.isdigit()):
        return None
    return int(serial) if len(serial) <= 12 else SERIAL_MAX + 1


def reserve_imported(index_no: str) -> None:
    """Keep the serial counter ahead of an imported number of the national form, so none collides."""
    serial = imported_serial(index_no)
    if serial is None or serial > SERIAL_MAX:
        return  # a counter never reaches it: nothing to keep ahead of
    prefix, _, rest = index_no.partition("/")
    year = rest.partition("-")[0]
    if len(prefix) > IndexSerial._meta.get_field("prefix").max_length or len(year) > 8:
        return
    IndexSerial.objects.get_or_create(prefix=prefix, period=year)
    IndexSerial.objects.filter(prefix=prefix, period=year, last__lt=serial).update(last=serial)
