"""The document page's one query, its SQL compiled once per thread rather than on every view.

Django compiles a queryset into SQL each time it is evaluated. For the document page — a document and
its minutes record, some sixty columns — compiling costs several times what running the query does
(about 0.7 ms against 0.1 ms, a fifth of the whole page). The statement is the same for every
document but for the id, so it is compiled once with a stand-in id and then run with each id; rows
become model instances exactly as QuerySet iteration makes them (from_db, select_related's populators,
the backend's converters). Compiled per thread and connection: a compiler belongs to its connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

M = TypeVar("M", bound=Model)
STAND_IN = 987654321987654  # the id the statement is compiled with; found again among its parameters
ID_MIN, ID_MAX = -(2**63), 2**63 - 1  # what a 64-bit id column holds; no database is asked beyond


class Prepared(Generic[M]):
    """`make(id)` is a queryset of at most one row; `get(id)` runs it compiled once per thread."""

    def __init__(self, make: Callable[[int], QuerySet[M]]) -> None:
        self.make = make
        self._local = threading.local()

    def _compiled(self, using: str) -> _Compiled:
        connection = connections[using]
        found: _Compiled | None = getattr(self._local, using, None)
        if found is None or found.connection is not connection:
            found = _Compiled(self.make(STAND_IN), using)
            setattr(self._local, using, found)
        return found

    def get(self, pk: int, using: str = "default") -> M | None:
        if not ID_MIN <= pk <= ID_MAX:  # matches nothing, as with the ORM (which asks no database)
            return None
        return self._compiled(using).get(pk)


class _Compiled:
    def __init__(self, queryset: QuerySet[Any], using: str) -> None:
        self.using = using
        self.connection = connections[using]
        self.compiler = compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        self.params = list(params)
        self.slot = self.params.index(STAND_IN)
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])

    def get(self, pk: int) -> Any:
        params = list(self.params)
        params[self.slot] = pk
        with self.connection.cursor() as cursor:  # the debug cursor when queries are being captured
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = next(iter(self.compiler.apply_converters([row], self.converters)))
        obj = self.model.from_db(self.using, self.init_list, row[self.fields])
        for populator in self.populators:
            populator.populate(row, obj)
        return obj
