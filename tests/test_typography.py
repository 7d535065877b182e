"""Chinese typography: the Chinese interface uses full-width punctuation (，：；？！（）) next to Chinese
text, as the published documents do. Half-width marks next to Han characters in templates, mails,
translatable strings and the other strings shown to users fail here.

Only human-readable text is checked: template tags, HTML tags (except the human-readable attributes),
scripts, styles, comments and literal syntax in <code>/<kbd>/<pre> are masked, so a filter argument such as
`yesno:"同意,不同意"` or a date format is never reported."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "gongkai"
HAN = "\u3400-\u9fff\uf900-\ufaff"
HALF = ",:;?!()"
# A half-width mark with a Han character immediately before or after it.
BAD = re.compile(f"(?<=[{HAN}])[{re.escape(HALF)}]|[{re.escape(HALF)}](?=[{HAN}])")
MASK = "\ue000"

READABLE_ATTRS = ("placeholder", "title", "aria-label", "alt", "label", "value", "content")
TRANS = re.compile(r"""\{%\s*(?:trans|translate)\s+(["'])(.*?)\1""", re.S)
TAG_GETTEXT = re.compile(r"""_\((["'])(.*?)\1\)""", re.S)


def _mask(text: str, pattern: str, flags: int = re.S) -> str:
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", MASK, m.group()), text, flags=flags)


def template_text(source: str, *, html: bool = True) -> str:
    """The human-readable text of a template, everything else replaced by a mask character (line
    numbers kept)."""
    text = _mask(source, r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}")
    if html:
        text = _mask(text, r"<!--.*?-->|<(script|style|code|kbd|pre)\b.*?</\1\s*>", re.S | re.I)
        text = _mask(text, r"<[A-Za-z/!][^<>]*>")
    return text


def template_strings(source: str) -> list[str]:
    """Translatable literals inside tags and the readable attribute values of HTML tags."""
    found = [m.group(2) for m in TRANS.finditer(source)]
    for tag in re.finditer(r"\{%.*?%\}|\{\{.*?\}\}", source, re.S):
        found += [m.group(2) for m in TAG_GETTEXT.finditer(tag.group())]
    masked = _mask(source, r"\{%.*?%\}|\{\{.*?\}\}")
    for tag in re.finditer(r"<[A-Za-z][^<>]*>", masked):
        for attr in re.finditer(r"""([\w-]+)=(["'])(.*?)\2""", tag.group(), re.S):
            if attr.group(1).lower() in READABLE_ATTRS:
                found.append(attr.group(3))
    return found


def problems(source: str, *, html: bool = True) -> list[str]:
    out = []
    text = template_text(source, html=html)
    for m in BAD.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append(f"line {line}: {source.splitlines()[line - 1].strip()[:100]}")
    out += [f"string: {s[:100]}" for s in template_strings(source) if BAD.search(s)]
    return out


TEMPLATES = sorted(p for p in ROOT.glob("**/templates/**/*") if p.suffix in (".html", ".txt") and p.is_file())


def test_the_check_sees_half_width_marks_and_ignores_syntax():
    bad = '<p>第 1 页,共 2 页</p><input placeholder="输入关键词,如 纪要">{% trans "出处:" %}\n问:{{ q }}'
    assert len(problems(bad)) == 4
    good = ('<p title="说明">第 1 页，共 2 页</p>{{ x|yesno:"同意,不同意" }}{{ d|date:"Y年n月j日 H:i" }}'
            '<a href="/a/?q=会议,纪要">会议</a><script>var a="问:";</script><code>标题:会议</code>'
            '{# 注释,不显示 #}<p>English, text (demo): fine?</p>')
    assert problems(good) == []


def test_templates_exist():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_uses_full_width_punctuation_next_to_chinese(path):
    found = problems(path.read_text(encoding="utf-8"), html=path.suffix == ".html")
    where = path.relative_to(ROOT)
    assert not found, f"{where}: half-width punctuation next to Chinese:\n" + "\n".join(found)


# ---- Python strings shown to users -------------------------------------------------------------------
# Every string literal in the package is checked except:
# - docstrings, raw and byte strings, and patterns handed to `re` (they describe input, not output);
# - the modules that read what others wrote (parsers of pages, minutes, questions, identifiers), whose
#   literals are patterns of the documents they parse, and the fictional demo documents (content, not
#   interface);
# - developer command-line output (management commands).
# Strings wrapped in gettext are checked wherever they are: they are always shown to someone.
EXCLUDED = ("lib/zh/", "importer/", "qa/", "catalog/demo/", "/management/commands/", "migrations/",
            "minutes/parser.py", "minutes/items.py", "minutes/attendance.py", "minutes/records.py",
            "lib/sensitive.py", "search/engine.py", "search/query.py")
INCLUDED_IN_EXCLUDED = ("qa/views.py",)
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
PY_FILES = sorted(p for p in ROOT.rglob("*.py"))


def _excluded(rel: str) -> bool:
    if rel in INCLUDED_IN_EXCLUDED:
        return False
    return any(part in f"/{rel}" or rel.startswith(part) for part in EXCLUDED)


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def python_problems(source: str, *, everything: bool) -> list[str]:
    """Half-width marks next to Han in the user-facing string literals of one module. With everything=False
    only gettext-wrapped literals count."""
    tree = ast.parse(source)
    skip: set[int] = set()
    wrapped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip.add(id(first.value))  # docstring
        if isinstance(node, ast.Call):
            name = _call_name(node)
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            is_re = isinstance(owner, ast.Name) and owner.id in ("re", "regex")
            for arg in node.args[:1] if is_re else node.args if name in GETTEXT else ():
                for sub in ast.walk(arg):
                    (skip if is_re else wrapped).add(id(sub))
    raw = {(t.start[0], t.start[1]) for t in _string_tokens(source) if re.match(r"(?i)[a-z]*[rb]", t.string)}
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        if (node.lineno, node.col_offset) in raw:
            continue
        if (everything or id(node) in wrapped) and BAD.search(node.value):
            out.append(f"line {node.lineno}: {node.value[:100]!r}")
    return out


def _string_tokens(source: str):
    import io
    import tokenize

    return [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.STRING]


def test_the_python_check_sees_user_strings_and_ignores_patterns():
    src = ('"""文档,不算"""\nimport re\nfrom django.utils.translation import gettext as _\n'
           'A = re.compile("会议:(.+)")\nB = r"出席:"\nC = "提交的内容有误,请修改"\nD = _("出处:%(x)s")\n'
           'E = "全角，没问题"\nF = "English, fine: (yes)"\n')
    assert python_problems(src, everything=True) == ["line 6: '提交的内容有误,请修改'", "line 7: '出处:%(x)s'"]
    assert python_problems(src, everything=False) == ["line 7: '出处:%(x)s'"]


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_strings_shown_to_users_use_full_width_punctuation(path):
    rel = str(path.relative_to(ROOT))
    found = python_problems(path.read_text(encoding="utf-8"), everything=not _excluded(rel))
    assert not found, f"{rel}: half-width punctuation next to Chinese:\n" + "\n".join(found)


def test_english_catalog_keys_are_the_full_width_source_strings():
    """The msgids are the Chinese source strings: after the sweep none may keep a half-width mark, or the
    English translation would silently stop applying."""
    po = (ROOT / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    ids = ["".join(ast.literal_eval(line) for line in re.findall(r'^(".*")$', block, re.M))
           for block in re.findall(r'^msgid(?:_plural)? ((?:".*"\n?)+)', po, re.M)]
    assert len(ids) > 300
    assert [i for i in ids if BAD.search(i)] == []


def test_swept_strings_still_translate():
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("en"):
        assert gettext("输入关键词，如 会议纪要") == "Keywords, e.g. meeting minutes"
        assert gettext("第 %(page)s 页，共 %(pages)s 页") == "Page %(page)s of %(pages)s"
        assert gettext("打印日期 %(day)s，当日有效性：%(v)s").startswith("Printed on")


# ---- the body as it is read (gongkai/portal/templatetags/typography.py) --------------------------------
def test_a_body_repeating_the_title_loses_that_paragraph():
    from gongkai.portal.templatetags.typography import for_reading

    title = "青禾区人民政府办公室关于做好春季植树工作的通知"
    body = f"<p>{title}</p><p>各镇人民政府，区各部门：</p><p>现将有关事项通知如下。</p>"
    assert str(for_reading(body, title)) == "<p>各镇人民政府，区各部门：</p><p>现将有关事项通知如下。</p>"
    # broken over two lines, with other spaces and punctuation
    split = "<p>青禾区人民政府办公室关于做好</p><p> 春季植树工作的通知 </p><p>正文。</p>"
    assert str(for_reading(split, title)) == "<p>正文。</p>"
    # a first paragraph that only starts like the title stays
    kept = f"<p>{title}已经印发，请遵照执行。</p>"
    assert str(for_reading(kept, title)) == kept


def test_a_body_with_nothing_to_change_comes_back_as_it_was():
    from gongkai.portal.templatetags.typography import for_reading

    body = "<p>2月19日，青禾区召开安全生产工作会议。</p><table><tr><td>表格</td></tr></table>"
    assert str(for_reading(body, "青禾区召开2024年安全生产工作会议")) == body


def test_names_in_the_attendance_lines_are_kept_whole():
    from gongkai.portal.templatetags.typography import for_reading

    body = ("<p>会议要求，主持单位做好记录：材料齐全。</p>"
            "<p>出　席：林思远　周明德　晏　清</p><p>　　　　尹　澈　谭一禾</p>"
            "<p>记　录：孙雨桐</p><p>青禾区人民政府办公室整理</p>")
    out = str(for_reading(body, "区政府第25次常务会议纪要"))
    assert ('<p>出　席：<span class="name">林思远</span>　<span class="name">周明德</span>　'
            '<span class="name">晏　清</span></p>') in out  # a two-character name spaced out is one name
    assert '<span class="name">尹　澈</span>　<span class="name">谭一禾</span>' in out  # the list goes on
    assert '<p>记　录：<span class="name">孙雨桐</span></p>' in out
    assert "<p>会议要求，主持单位做好记录：材料齐全。</p>" in out  # a sentence is no list of names
    assert "<p>青禾区人民政府办公室整理</p>" in out


def test_form_labels_end_with_a_full_width_colon_in_chinese():
    """Django's own label suffix is ":" in every language; this project's Chinese catalogs make it "："."""
    from django import forms
    from django.utils import translation

    class Form(forms.Form):
        email = forms.EmailField(label="电子邮箱")

    for language, suffix in (("zh-hans", "："), ("zh-hant", "："), ("en", ":")):
        with translation.override(language):
            assert Form()["email"].label_tag().endswith(f"电子邮箱{suffix}</label>"), language
