"""智能问答 core: question forms, refusals, validity, follow-ups, the model path and bad input.

The fixtures in fixtures/qa/docs.json describe a fictional district (青禾区) and a fictional city
(翠嶺市).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gongkai.qa import llm
from gongkai.qa.answer import APPLY_ROUTE, MAX_QUESTION, TOO_VAGUE, UNCLEAR_REFERENCE, answer
from gongkai.qa.contract import Answer, FactRecord, SourceDoc
from gongkai.qa.fields import label_values
from gongkai.qa.memory import MemoryRetriever
from gongkai.lib.zh.numerals import cn_to_int
from gongkai.qa.understand import understand

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "qa"


def load_docs() -> list[SourceDoc]:
    raw = json.loads((FIXTURES / "docs.json").read_text(encoding="utf-8"))
    return [
        SourceDoc(
            **{
                **d,
                "published": date.fromisoformat(d["published"]) if d["published"] else None,
                "records": [FactRecord(**r) for r in d["records"]],
            }
        )
        for d in raw
    ]


@pytest.fixture(scope="module")
def retriever() -> MemoryRetriever:
    return MemoryRetriever(load_docs())


def ask(retriever: MemoryRetriever, question: str, **kwargs: object) -> Answer:
    return answer(question, retriever, **kwargs)  # type: ignore[arg-type]


# --- question forms ------------------------------------------------------------------------------

ANSWERABLE = [
    # (question, expected answer, document it must be quoted from)
    ("青禾区政府第12次常务会议是哪天召开的？", "2024年5月6日", 101),
    ("青禾区政府第12次常务会议在哪里召开？", "区政务中心5楼第二会议室", 101),
    ("青禾区第12次常务会议由谁主持？", "林晓舟", 101),
    ("青禾区第12次常务会议有哪位区人大常委会副主任列席？", "吴嘉禾", 101),
    ("老旧小区改造三年行动方案是哪个部门提交的？", "区住建局", 101),
    ("老旧小区改造三年行动方案管哪几年？", "2024—2026年", 101),
    ("老旧小区改造方案通过后下一步要做什么？", "按程序印发实施", 101),
    ("青禾区有多少所中小学？", "47所", 101),
    ("课后服务经费由谁负责落实？", "区教体局", 101),
    ("夜间经济发展若干措施由哪个部门牵头实施？", "区商务局", 101),
    ("会议对促进夜间经济发展若干措施是什么态度？", "原则通过", 101),
    ("青禾区第12次常务会议纪要的索引号是多少？", "QH0001/2024-00031", 101),
    ("青禾区第12次常务会议纪要是哪天发布的？", "2024-05-10", 101),
    ("青禾区2023年主动公开了多少条政府信息？", "5218条", 102),
    ("青禾区2023年收到多少件政府信息公开申请？", "87件", 102),
    ("2023年青禾区举办了几场新闻发布会？", "24场", 102),
    ("青禾区2023年行政复议有多少起？", "3起", 102),
    ("青禾区政务公开第三方评估排第几？", "第二名", 102),
    ("青禾区政府信息公开的咨询电话是多少？", "0571-86001234", 102),
    ("青禾区2023年政府信息公开工作年度报告的主题分类是什么？", "政务公开", 102),
    ("翠嶺市第88次市務會議在哪裡開？", "本府十樓大禮堂", 105),
    ("翠岭市第88次市务会议主席是谁？", "黃啟明", 105),
    ("翠岭市第88次市务会议的记录是谁？", "李雅雯", 105),
    ("翠岭市第88次市务会议时财政局局长是谁？", "王美玲", 105),
    ("翠岭市长者共餐据点有多少处？", "126處", 105),
    ("青禾区第9次常务会议由谁主持？", "赵明远", 106),  # from a structured FactRecord
    ("冬季燃气安全专项整治方案是哪个部门提交的？", "区应急管理局", 106),
]


@pytest.mark.parametrize(("question", "expected", "doc_id"), ANSWERABLE)
def test_answers_each_question_form_with_the_exact_span(retriever, question, expected, doc_id):
    result = ask(retriever, question)
    assert result.answer == expected
    assert result.citations[0].doc_id == doc_id
    assert result.confidence >= 0.5
    # the quote is the page's own words and holds the answer
    assert expected in result.citations[0].quote or expected in result.citations[0].quote.replace(" ", "")


def test_traditional_pages_are_quoted_in_traditional(retriever):
    result = ask(retriever, "翠岭市第88次市务会议在哪里开？")
    assert result.answer == "本府十樓大禮堂"
    assert "會議地點" in result.citations[0].quote


@pytest.mark.parametrize(
    ("question", "kind", "extra"),
    [
        ("区政府第5次常务会议是哪天召开的？", "date", {"relations": ("meeting",)}),
        ("这份文件是哪天公开发布的？", "date", {"fields": ("published", "created")}),
        ("第5次常务会议在哪间会议室召开？", "place", {}),
        ("会议由哪位区长主持？", "person", {"role": "区长", "relations": ("chair",)}),
        ("该方案是哪个局提交的？", "org", {"suffix": "局"}),
        ("全年一共收到几份申请？", "quantity", {"units": ("件", "份", "项", "个", "篇")}),
        ("实施办法的文号是什么？", "code", {"fields": ("doc_no",)}),
        ("行动计划的实施期限是哪几年？", "years", {}),
        ("会议对该事项是什么态度？", "decision", {}),
        ("通过后下一步要干什么？", "next_step", {}),
        ("在全国百强区排第几？", "rank", {}),
        ("是在第几次常务会议上审议通过的？", "ordinal", {}),
        ("会前学习的是哪部法律？", "title", {"suffix": "法"}),
        ("具体指哪几方面的需求？", "list", {}),
        ("这条信息的主题分类是什么？", "category", {"fields": ("topic",)}),
    ],
)
def test_understands_what_is_asked(question, kind, extra):
    q = understand(question)
    assert q.kind == kind
    for attribute, value in extra.items():
        assert getattr(q, attribute) == value, attribute


def test_numbers_in_questions_become_constraints():
    assert understand("区政府第30次常务会议由谁主持？").numbers == {"30"}
    assert understand("十六届政府第五十二次常务会议").numbers == {"16", "52"}
    assert understand("2023年第5次常务会议").numbers == {"2023", "5"}
    assert understand("一年里一共收到几份申请？").numbers == frozenset()
    assert cn_to_int("七十八") == 78 and cn_to_int("二〇二三") == 2023 and cn_to_int("十") == 10


def test_label_values_read_the_layouts_pages_use():
    text = "索 引 号: A1/2024-00008\n主题分类: 机关事务 体裁分类: 会议纪要\n文件编号: 发布机构: 政府办\n文      号\n发文日期\n2020-10-10\n三、索引号编码规则"
    pairs = {(p.field, p.value) for p in label_values(text)}
    assert ("index_no", "A1/2024-00008") in pairs
    assert ("topic", "机关事务") in pairs and ("genre", "会议纪要") in pairs
    assert ("doc_no", "") in pairs and ("publisher", "政府办") in pairs
    assert ("created", "2020-10-10") in pairs
    assert not any(p.value == "编码规则" for p in label_values(text))  # prose, not a label


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "青禾区第13次常务会议由谁主持？",  # no such meeting number
        "青禾区2022年主动公开了多少条政府信息？",  # no such year
        "青禾区2023年收到多少件行政诉讼案件？",  # the report has no such figure
        "青禾区第12次常务会议的记录人是谁？",  # the minutes name no recorder
        "翠岭市第88次市务会议时交通局局长是谁？",  # no such role in the list
        "青禾区第12次常务会议的文号是什么？",  # minutes without a 文号
        "青禾区图书馆周末几点开门？",  # nothing about it at all
    ],
)
def test_refuses_what_the_documents_do_not_say(retriever, question):
    result = ask(retriever, question)
    assert result.answer is None, result
    assert result.citations == []
    assert result.message.startswith("未在已公开信息中找到")
    assert "依申请公开" in result.message and APPLY_ROUTE in result.message


def test_refusal_suggests_the_closest_documents(retriever):
    result = ask(retriever, "青禾区第13次常务会议由谁主持？")
    assert result.suggestions
    assert result.suggestions[0].doc_id in (101, 106)
    assert all(s.title and s.url for s in result.suggestions)


# --- validity ------------------------------------------------------------------------------------


def test_prefers_the_document_in_force(retriever):
    result = ask(retriever, "青禾区小微企业贷款贴息比例是多少？")
    assert result.answer == "60%"
    assert result.citations[0].doc_id == 104
    assert result.validity_note is None


def test_an_answer_from_an_abolished_document_says_so(retriever):
    result = ask(retriever, "青禾区小微企业贷款贴息办法2019年版的文号是什么？")
    assert result.answer == "青政办发〔2019〕12号"
    assert result.citations[0].validity == "废止"
    assert result.validity_note and "已废止" in result.validity_note
    assert "已废止" in result.message


# --- conversation --------------------------------------------------------------------------------


def test_follow_up_questions_keep_the_subject(retriever):
    first = ask(retriever, "青禾区老旧小区改造三年行动方案管哪几年？")
    assert first.answer == "2024—2026年"
    assert first.subject == "青禾区老旧小区改造三年行动方案"
    second = ask(retriever, "那它是哪个部门提交的？", history=[first.turn()])
    assert second.answer == "区住建局"
    assert second.question == "那它是哪个部门提交的？"
    third = ask(retriever, "这个方案通过后下一步要做什么？", history=[first.turn(), second.turn()])
    assert third.answer == "按程序印发实施"


def test_follow_up_about_a_meeting_keeps_the_meeting(retriever):
    first = ask(retriever, "青禾区第12次常务会议由谁主持？")
    second = ask(retriever, "那次会议在哪里开的？", history=[first.turn()])
    assert second.answer == "区政务中心5楼第二会议室"


def test_a_new_full_question_is_not_taken_as_a_follow_up(retriever):
    first = ask(retriever, "青禾区第12次常务会议由谁主持？")
    result = ask(retriever, "青禾区2023年收到多少件政府信息公开申请？", history=[first.turn()])
    assert result.answer == "87件"


def test_a_pronoun_without_history_asks_for_the_subject(retriever):
    result = ask(retriever, "那它是哪个部门提交的？")
    assert result.answer is None
    assert result.message == UNCLEAR_REFERENCE


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   \n", "？？？！！", "。。。……", "字" * 10_000, "问" * (MAX_QUESTION + 1)])
def test_bad_input_is_refused_with_a_reason(retriever, question):
    result = ask(retriever, question)
    assert result.answer is None
    assert result.message and not result.message.startswith("未在")
    json.dumps(result.as_dict(), ensure_ascii=False)


def test_a_question_that_names_nothing_is_not_guessed(retriever):
    for question in ("哪个部门提交的？", "索引号是多少？"):
        result = ask(retriever, question)
        assert result.answer is None and result.message == TOO_VAGUE


def test_nonsense_within_limits_is_a_refusal_not_an_error(retriever):
    for question in ("asdfgh qwerty", "的的的的的", "？好", "1234567890"):
        assert ask(retriever, question).answer is None


class BrokenRetriever:
    def candidates(self, question: str, limit: int) -> list[SourceDoc]:
        raise RuntimeError("index is gone")


def test_a_failing_retriever_becomes_a_refusal():
    result = answer("青禾区第12次常务会议由谁主持？", BrokenRetriever())
    assert result.answer is None and "暂时不可用" in result.message


def test_an_empty_catalog_refuses():
    result = answer("青禾区第12次常务会议由谁主持？", MemoryRetriever([]))
    assert result.answer is None and result.suggestions == []


def test_answer_serialises_for_the_cli(retriever):
    data = json.loads(json.dumps(ask(retriever, "青禾区第12次常务会议由谁主持？").as_dict(), ensure_ascii=False))
    assert data["answer"] == "林晓舟"
    assert set(data["citations"][0]) >= {"index_no", "title", "url", "quote"}


# --- the language model path ---------------------------------------------------------------------

QUESTION = "老旧小区改造三年行动方案是哪个部门提交的？"
QUOTE = "会议原则同意区住建局提交的《青禾区老旧小区改造三年行动方案（2024—2026年）》"


def _reply(sentences: object) -> dict:
    return {"choices": [{"message": {"role": "assistant", "content": json.dumps(sentences, ensure_ascii=False)}}]}


def _passage_holding(prompt: str, quote: str) -> str:
    """The number the prompt gives the passage holding `quote`, as a model that read it would cite."""
    for line in prompt.split("\n"):
        m = re.match(r"\[(\d+)\]", line)
        if m and quote in line:
            return m.group(1)
    return "1"


class FakeModel(BaseHTTPRequestHandler):
    """Speaks the chat-completions protocol; `mode` says how to misbehave."""

    mode = "good"
    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if self.mode == "timeout":
            time.sleep(1.5)
        if self.mode == "error":
            self._send(500, b'{"error": "overloaded"}')
            return
        source = _passage_holding(body["messages"][1]["content"], QUOTE)
        replies = {
            "good": _reply({"sentences": [{"text": "该方案由区住建局提交。", "quote": QUOTE, "source": source}]}),
            "unbacked": _reply({"sentences": [{"text": "该方案由区住建局提交，总投资5亿元。", "quote": QUOTE, "source": 1}]}),
            "invented_quote": _reply({"sentences": [{"text": "该方案由区住建局提交。", "quote": "区住建局负责编制方案", "source": 1}]}),
            "garbage": {"choices": [{"message": {"content": "当然可以！答案是区住建局。"}}]},
            "empty": _reply({"sentences": []}),
            "timeout": _reply({"sentences": [{"text": "该方案由区住建局提交。", "quote": QUOTE, "source": 1}]}),
        }
        self._send(200, json.dumps(replies[self.mode], ensure_ascii=False).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def model_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeModel.seen = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def _model(url: str, timeout: float = 2.0) -> llm.OpenAICompatible:
    return llm.OpenAICompatible(url=url, model="test-model", key="secret", timeout=timeout)


def test_model_phrasing_is_used_when_every_sentence_is_backed(retriever, model_server):
    FakeModel.mode = "good"
    result = ask(retriever, QUESTION, provider=_model(model_server))
    assert result.source == "model"
    assert result.answer == "该方案由区住建局提交。"
    assert result.citations[0].doc_id == 101 and QUOTE in result.citations[0].quote
    request = FakeModel.seen[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret"
    assert request["body"]["model"] == "test-model"
    assert "区住建局" in request["body"]["messages"][1]["content"]  # the passages were sent


@pytest.mark.parametrize("mode", ["unbacked", "invented_quote", "garbage", "empty", "error"])
def test_model_answers_that_are_not_backed_fall_back_to_the_extract(retriever, model_server, mode):
    FakeModel.mode = mode
    result = ask(retriever, QUESTION, provider=_model(model_server))
    assert result.source == "extractive"
    assert result.answer == "区住建局"
    assert FakeModel.seen, "the model was asked"


def test_model_timeout_falls_back_quickly(retriever, model_server):
    FakeModel.mode = "timeout"
    started = time.monotonic()
    result = ask(retriever, QUESTION, provider=_model(model_server, timeout=0.3))
    assert result.source == "extractive" and result.answer == "区住建局"
    assert time.monotonic() - started < 1.2


def test_unreachable_model_falls_back(retriever):
    result = ask(retriever, QUESTION, provider=_model("http://127.0.0.1:9/v1", timeout=0.5))
    assert result.source == "extractive" and result.answer == "区住建局"


# A yes-or-no question: the extractive path has no span to give; a reader of the passages answers.
UNEXTRACTED = "老旧小区改造三年行动方案是不是区住建局提交的？"


def test_the_model_reads_questions_the_extract_refuses(retriever, model_server):
    assert ask(retriever, UNEXTRACTED).answer is None  # no model: a refusal
    FakeModel.mode = "good"
    result = ask(retriever, UNEXTRACTED, provider=_model(model_server))
    assert result.source == "model" and result.answer == "该方案由区住建局提交。"
    assert result.citations[0].doc_id == 101 and QUOTE in result.citations[0].quote
    assert not result.suggestions
    assert QUOTE in FakeModel.seen[0]["body"]["messages"][1]["content"]


@pytest.mark.parametrize("mode", ["unbacked", "invented_quote", "timeout"])
def test_a_model_that_invents_or_stalls_leaves_the_refusal(retriever, model_server, mode):
    FakeModel.mode = mode
    result = ask(retriever, UNEXTRACTED, provider=_model(model_server, timeout=0.3))
    assert result.answer is None and result.source == "extractive"
    assert result.message.startswith("未在已公开信息中找到")
    assert FakeModel.seen, "the model was asked"


def test_key_facts_must_be_in_the_quote():
    assert {"5", "2024"} <= set(llm.key_facts("2024年总投资5亿元"))
    assert {"2019", "12"} <= set(llm.key_facts("文号是青政办发〔2019〕12号"))
    assert "《青禾区促进夜间经济发展若干措施》" not in llm.key_facts("审议了《青禾区促进夜间经济发展若干措施》")
    assert "青禾区促进夜间经济发展若干措施" in llm.key_facts("审议了《青禾区促进夜间经济发展若干措施》")
    assert llm.parse('```json\n{"sentences": [{"text": "a", "quote": "b", "source": "[1]"}]}\n```', 1)
    assert llm.parse('{"sentences": [{"text": "a", "quote": "b", "source": 3}]}', 1) is None
    assert llm.parse("not json", 1) is None


def test_settings_configure_the_provider(settings):
    settings.LLM_URL = ""
    assert llm.from_settings() is None
    settings.LLM_URL = "http://127.0.0.1:8001/v1/chat/completions"
    settings.LLM_MODEL = "m"
    settings.LLM_KEY = ""
    settings.LLM_TIMEOUT = 3.0
    provider = llm.from_settings()
    assert isinstance(provider, llm.OpenAICompatible)
    assert provider.endpoint == "http://127.0.0.1:8001/v1/chat/completions" and provider.timeout == 3.0
