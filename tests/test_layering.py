"""How the apps depend on each other, read from the code's own imports: a lower app announces its
changes with a signal and never imports the app that follows it, and nothing under gongkai/ imports
the benchmarks."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PRODUCT = Path(__file__).resolve().parent.parent / "gongkai"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def app_imports() -> dict[str, set[str]]:
    """App -> the other gongkai apps (and top-level modules) its files import, lazily or not."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PRODUCT.rglob("*.py"):
        parts = path.relative_to(PRODUCT).parts
        app = parts[0] if len(parts) > 1 else path.stem
        for module in imported_modules(path):
            top, _, rest = module.partition(".")
            if top == "gongkai" and rest:
                edges[app].add(rest.split(".")[0])
            elif top == "bench":
                edges[app].add("bench (outside the product)")
        edges[app].discard(app)
    return edges


def test_no_two_apps_import_each_other():
    edges = app_imports()
    both_ways = sorted({tuple(sorted((a, b))) for a, targets in edges.items() for b in targets if a in edges.get(b, ())})
    assert both_ways == []


def test_the_product_never_imports_the_benchmarks():
    assert [app for app, targets in app_imports().items() if "bench (outside the product)" in targets] == []


def test_the_catalog_knows_none_of_the_apps_that_follow_it():
    assert app_imports()["catalog"] <= {"accounts", "lib"}
    assert "catalog" not in app_imports()["accounts"]


def test_the_scanner_sees_lazy_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from gongkai.search import models\n    import bench.cli\n", encoding="utf-8")
    assert imported_modules(module) == {"gongkai.search", "gongkai.search.models", "bench.cli"}
