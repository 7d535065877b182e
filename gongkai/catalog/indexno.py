"""Allocating index numbers (索引号) when a document is published.

The serial is taken by incrementing one row per (prefix, period) inside the publishing transaction:
the UPDATE locks that row until commit, so concurrent publishers queue on it and no serial is issued
twice (on SQLite the whole write transaction is serialized). Serials are never reused: a withdrawn
document keeps its number. See docs/adr/0002-index-numbers.md.
"""

from __future__ import annotations

import datetime as dt
import re
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from gongkai.accounts.models import Agency
from gongkai.catalog.models import IndexSerial, SiteSettings


# The counter's column (PositiveIntegerField) holds at most this on every database.
SERIAL_MAX = 2_147_483_647
INDEX_NO_MAX = 64  # Document.index_no's length
_FIELDS = frozenset({"prefix", "year", "month", "serial"})
_NUMBER_IN_SPEC = re.compile(r"\d+")
_LONGEST_PREFIX = "9" * 18  # a unified social credit code


def check_format(form: str) -> None:
    """ValidationError (for 站点设置's 索引号格式) unless `form` makes one distinct, bounded number per
    publication: {serial}, {prefix} and {year} present, no other field, no width beyond 20."""
    try:
        parsed = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(form) if name is not None]
    except ValueError as exc:
        raise ValidationError(f"格式无效: {exc}") from None
    names = {name for name, _spec, _conv in parsed}
    unknown = names - _FIELDS
    if unknown:
        raise ValidationError(f"格式无效: 未知字段 {', '.join(sorted(unknown))}; 可用 {{prefix}} {{year}} {{month}} {{serial}}")
    missing = [f"{{{name}}}" for name in ("serial", "prefix", "year") if name not in names]
    if missing:
        raise ValidationError(f"格式须包含 {'、'.join(missing)}: 没有流水号或机构代码、年份，两次发布会得到同一个索引号")
    for name, spec, conv in parsed:
        widths = _NUMBER_IN_SPEC.findall(spec or "")
        if conv or "{" in (spec or "") or any(len(w) > 2 or int(w) > 20 for w in widths):
            raise ValidationError(f"格式无效: {{{name}:{spec}}} 的宽度过大或写法不受支持 (宽度至多 20)")
    try:
        longest = form.format(prefix=_LONGEST_PREFIX, year=9999, month=12, serial=SERIAL_MAX)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise ValidationError(f"格式无效: {exc}") from None
    if len(longest) > INDEX_NO_MAX:
        raise ValidationError(f"格式生成的索引号可能长达 {len(longest)} 个字符，超过 {INDEX_NO_MAX}")


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
