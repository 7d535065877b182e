"""The departments minutes name: the minutes' words for `gongkai.lib.zh.orgs`.

Recognising organisations is shared text knowledge and lives in `gongkai.lib.zh.orgs`; the minutes
app (records, register, department pages) speaks of departments, so it keeps these names for them.
"""

from __future__ import annotations

from gongkai.lib.zh.orgs import find_orgs as find_departments
from gongkai.lib.zh.orgs import is_org as is_department
from gongkai.lib.zh.orgs import org_key as department_key
from gongkai.lib.zh.orgs import same_org as same_department
from gongkai.lib.zh.orgs import split_orgs as split_departments

__all__ = ["department_key", "find_departments", "is_department", "same_department", "split_departments"]
