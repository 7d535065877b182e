"""`gongkai bench`: the benchmarks outside the product, on a fictional district's (青禾区) pages.

`bench.cli.run` is measured in the test database; `gongkai bench` itself runs once as a child process
to show it measures in a scratch data directory and never in the user's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from bench import qa
from bench.cli import parser, run
from gongkai.catalog.models import Document

BENCH_PAGES = {
    "101": {
        "url": "https://qinghe.example.gov.cn/xxgk/2024/101.html",
        "kind": "minutes",
        "text": (
            "信息名称: 青禾区政府第12次常务会议纪要\n索 引 号: QH0001/2024-00031\n"
            "主题分类: 机关事务 体裁分类: 会议纪要 组配分类: 政府会议\n文件编号: 发布机构: 青禾区政府办公室\n"
            "产生日期: 2024-05-08 发布日期: 2024-05-10 废止日期:有效\n内容概述: 青禾区政府第12次常务会议纪要\n\n"
            "青禾区政府第12次常务会议纪要\n\n"
            "2024年5月6日上午,区长林晓舟在区政务中心5楼第二会议室主持召开区政府第12次常务会议,纪要如下:\n\n"
            "一、会议审议了《青禾区老旧小区改造三年行动方案(2024—2026年)》\n\n"
            "会议原则同意区住建局提交的《青禾区老旧小区改造三年行动方案(2024—2026年)》,要求修改完善后按程序印发实施。\n"
        ),
    },
    "102": {
        "url": "https://qinghe.example.gov.cn/xxgk/2024/102.html",
        "kind": "annual_report",
        "text": (
            "信息名称: 青禾区2023年政府信息公开工作年度报告\n索 引 号: QH0001/2024-00002\n"
            "发布机构: 青禾区政府办公室\n发布日期: 2024-01-20\n\n青禾区2023年政府信息公开工作年度报告\n\n一、总体情况\n\n"
            "2023年,青禾区主动公开政府信息5218条,全年收到政府信息公开申请87件,举办新闻发布会24场。\n"
        ),
    },
}
BENCH_GOLD = [
    {"q": "青禾区政府第12次常务会议由谁主持?", "a": "林晓舟", "page": "101", "style": "direct"},
    {"q": "青禾区2023年收到多少件政府信息公开申请?", "a": "87件", "page": "102", "style": "direct"},
    {"q": "老旧小区改造三年行动方案是哪个局提交的?", "a": "区住建局", "page": "101", "style": "paraphrase"},
    # the right words, the wrong page: an answer only counts with the gold page cited first
    {"q": "青禾区2023年主动公开了多少条政府信息?", "a": "5218条", "page": "101", "style": "paraphrase"},
    {"q": "青禾区第13次常务会议由谁主持?", "a": None, "page": None, "style": "unanswerable"},
]


@pytest.fixture
def bench_set(tmp_path) -> tuple[Path, Path]:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, page in BENCH_PAGES.items():
        (pages / f"{name}.json").write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(BENCH_GOLD, ensure_ascii=False), encoding="utf-8")
    return pages, gold


def bench(tmp_path: Path, *argv: str) -> str:
    out = StringIO()
    run(parser().parse_args(list(argv)), out, tmp_path)
    return out.getvalue()


@pytest.mark.django_db
def test_bench_qa_measures_in_process(bench_set):
    report = qa.run_here(*bench_set)
    assert (report.direct.right, report.direct.total) == (2, 2)
    assert report.paraphrase.total == 2
    assert "5218" in " ".join(report.misses)  # cited the wrong page
    assert (report.refusals.right, report.refusals.total, report.wrong_answers) == (1, 1, 0)
    assert 0 < report.p50_ms <= report.p99_ms


@pytest.mark.django_db
def test_bench_qa_command_reports_json(bench_set, tmp_path):
    pages, gold = bench_set
    report = qa.QaBenchReport.from_json(json.loads(bench(tmp_path, "qa", "--pages", str(pages), "--gold", str(gold),
                                                         "--json")))
    assert report.direct.right == 2 and report.answerable.total == 4 and report.refusals.right == 1


@pytest.mark.django_db
def test_bench_qa_reports_unreadable_input(tmp_path, bench_set):
    pages, gold = bench_set
    with pytest.raises(OSError, match="No such file"):
        bench(tmp_path, "qa", "--pages", str(pages), "--gold", str(tmp_path / "missing.json"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no .json page files"):
        bench(tmp_path, "qa", "--pages", str(empty), "--gold", str(gold))
    (pages / "103.json").write_text('{"kind": "minutes"}', encoding="utf-8")
    with pytest.raises(ValueError, match="103.json: cannot import"):
        bench(tmp_path, "qa", "--pages", str(pages), "--gold", str(gold))


def test_answers_are_compared_without_width_or_punctuation():
    assert qa.folded("２０２４—２０２６年。") == qa.folded("2024-2026年")
    assert qa.folded("《常山县办法》") == "常山县办法"


def gongkai(*argv: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "gongkai.cli", *argv], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.mark.django_db
def test_gongkai_bench_measures_in_a_scratch_directory(bench_set, tmp_path):
    pages, gold = bench_set
    users = tmp_path / "users-data"
    done = gongkai("bench", "qa", "--pages", str(pages), "--gold", str(gold), "--json", data_dir=users)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["direct"] == {"right": 2, "total": 2}
    assert not users.exists()  # neither a database nor an index went into the user's directory
    assert not Document.objects.exists()
    done = gongkai("bench", "qa", "--pages", str(tmp_path / "nowhere"), "--gold", str(gold), data_dir=users)
    assert done.returncode == 1 and "no .json page files" in done.stderr and "Traceback" not in done.stderr

