"""`gongkai bench qa` reports the extractive path, and the model path only when a model is configured."""

from __future__ import annotations

from bench import qa


def _report() -> qa.QaBenchReport:
    report = qa.QaBenchReport()
    report.direct = qa.Tally(3, 4)
    report.refusals = qa.Tally(1, 1)
    report.misses = ["[direct] 青山县第8次常务会议由谁主持？ -> None (want '林晓舟' from 001) refused"]
    return report


def test_without_a_model_the_report_says_the_model_path_is_not_configured(settings):
    settings.LLM_URL = ""
    report = qa.with_paths(_report(), gold=[], doc_ids={})
    assert set(report.paths) == {"extractive"}
    assert report.paths["extractive"]["direct"] == 0.75
    assert report.paths["extractive"]["wrong_on_answerable"] == 0.0  # a refusal is not a wrong answer
    text = qa.format_report(report, show_misses=False)
    assert "extractive path: direct 75%" in text
    assert "model path: language model not configured" in text


def test_the_report_survives_its_json_form(settings):
    settings.LLM_URL = ""
    report = qa.with_paths(_report(), gold=[], doc_ids={})
    again = qa.QaBenchReport.from_json(report.to_json())
    assert again.paths == report.paths and again.model_note == report.model_note
