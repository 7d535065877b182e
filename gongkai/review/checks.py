"""保密审查 of a document: the scanner (`gongkai.lib.sensitive`) run on everything a reader would get.

A document's title, 概述, body and its attachments' extracted text are scanned; each span found is a
`Spot`, keyed by where it is, so that a decision taken on one revision can be compared with what the
scanner finds at publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.catalog.models import Document
from gongkai.lib import sensitive
from gongkai.lib.sensitive import Finding
from gongkai.review.models import SensitivityCheck

# The document's own text fields, with the labels the reviewer sees.
TEXT_FIELDS = {"title": "信息名称", "summary": "内容概述", "body_text": "正文"}


@dataclass(frozen=True)
class Spot:
    """A finding in one place: a text field of the document, or an attachment (`attachment:<id>`)."""

    field: str
    where: str
    finding: Finding

    @property
    def key(self) -> str:
        return f"{self.field}:{self.finding.start}:{self.finding.end}:{self.finding.kind}"

    @property
    def redactable(self) -> bool:
        """Text fields can be masked in a new revision; an attachment has to be replaced."""
        return self.field in TEXT_FIELDS

    def summary(self) -> dict[str, Any]:
        return {"key": self.key, "field": self.field, "kind": self.finding.kind, "label": self.finding.label,
                "masked": sensitive.mask(self.finding.text)}


def spots_of(document: Document) -> list[Spot]:
    """Everything the scanner finds in the document as it is now, attachments included."""
    found = [Spot(name, label, f) for name, label in TEXT_FIELDS.items()
             for f in sensitive.scan(getattr(document, name) or "")]
    for attachment in document.attachments.order_by("pk").only("pk", "name", "text"):
        found += [Spot(f"attachment:{attachment.pk}", f"附件《{attachment.name}》", f)
                  for f in sensitive.scan(attachment.text)]
    return found


def decided(document: Document, spots: list[Spot]) -> bool:
    """Whether someone accepted, with a reason, every span found in the current revision."""
    if not spots:
        return True
    accepted = SensitivityCheck.objects.filter(
        document=document, revision_id=document.current_revision_id, outcome=SensitivityCheck.ACCEPTED)
    keys = {item["key"] for check in accepted for item in check.findings}
    return {s.key for s in spots} <= keys


def record(document: Document, spots: list[Spot], outcome: str, actor: Any = None,
           reason: str = "") -> SensitivityCheck:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return SensitivityCheck.objects.create(
        document=document, revision_id=document.current_revision_id, findings=[s.summary() for s in spots],
        outcome=outcome, reason=reason[:500], actor=user,
    )


def segments(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """`text` cut into plain runs and found spans, for highlighting in order."""
    out: list[tuple[str, Finding | None]] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start > pos:
            out.append((text[pos:f.start], None))
        out.append((text[f.start:f.end], f))
        pos = f.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def refusal(spots: list[Spot]) -> str:
    kinds = "、".join(dict.fromkeys(s.finding.label for s in spots))
    return f"保密审查：发现 {len(spots)} 处敏感信息（{kinds}），须遮盖或由审核人员说明理由后方可发布"
