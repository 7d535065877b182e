"""The form of index numbers (索引号格式): what a site may set, checked before anything is numbered.

Kept apart from `indexno` (which allocates numbers and so reads the catalog's models) so that
`SiteSettings.clean` can check a form without the models and the allocator importing each other.
"""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError


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
        raise ValidationError(f"格式无效：{exc}") from None
    names = {name for name, _spec, _conv in parsed}
    unknown = names - _FIELDS
    if unknown:
        raise ValidationError(f"格式无效：未知字段 {', '.join(sorted(unknown))}；可用 {{prefix}} {{year}} {{month}} {{serial}}")
    missing = [f"{{{name}}}" for name in ("serial", "prefix", "year") if name not in names]
    if missing:
        raise ValidationError(f"格式须包含 {'、'.join(missing)}: 没有流水号或机构代码、年份，两次发布会得到同一个索引号")
    for name, spec, conv in parsed:
        widths = _NUMBER_IN_SPEC.findall(spec or "")
        if conv or "{" in (spec or "") or any(len(w) > 2 or int(w) > 20 for w in widths):
            raise ValidationError(f"格式无效：{{{name}:{spec}}} 的宽度过大或写法不受支持（宽度至多 20）")
    try:
        longest = form.format(prefix=_LONGEST_PREFIX, year=9999, month=12, serial=SERIAL_MAX)
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise ValidationError(f"格式无效：{exc}") from None
    if len(longest) > INDEX_NO_MAX:
        raise ValidationError(f"格式生成的索引号可能长达 {len(longest)} 个字符，超过 {INDEX_NO_MAX}")
