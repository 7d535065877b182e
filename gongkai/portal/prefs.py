"""The reader's display preferences (无障碍浏览, 长者模式), kept in cookies and applied by the server.

Text size and contrast must work without JavaScript, so every toolbar control is a plain link to
/a11y/?…&next=… that stores the new value in a cookie and redirects back; each page then renders its
<body> with the classes these preferences name. JavaScript only adds what needs the browser (朗读).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext

COOKIE_PREFIX = "a11y_"
COOKIE_AGE = 365 * 24 * 3600
# Text size steps: 100 %, 112.5 %, 125 %, 150 % of the browser's own size (see site.css).
LARGEST = 3
# Query parameter -> the value that switches the option on and the one that switches it off.
SWITCHES: dict[str, tuple[str, str]] = {
    "contrast": ("high", "normal"),
    "spacing": ("wide", "normal"),
    "cursor": ("large", "normal"),
    "mode": ("elderly", "standard"),
}
# Cookie / parameter -> the class the <body> gets while the option is on.
BODY_CLASSES = {"contrast": "high-contrast", "spacing": "wide-spacing", "cursor": "large-cursor",
                "mode": "elderly-mode"}
PARAMETERS = ("size", *SWITCHES, "reset")


@dataclass(frozen=True)
class ToolbarLink:
    label: str
    href: str
    state: str = ""  # shown after the label, e.g. 已开启
    name: str = ""  # the setting it changes ("mode" for 长者模式), for the top bar's own links


@dataclass(frozen=True)
class ReaderPrefs:
    size: int = 0
    contrast: bool = False
    spacing: bool = False
    cursor: bool = False
    mode: bool = False  # 长者模式

    @classmethod
    def from_cookies(cls, cookies: Mapping[str, str]) -> ReaderPrefs:
        raw = cookies.get(COOKIE_PREFIX + "size", "")
        size = min(int(raw), LARGEST) if raw.isdigit() else 0
        switches = {name: cookies.get(COOKIE_PREFIX + name) == on for name, (on, _off) in SWITCHES.items()}
        return cls(size=size, **switches)

    def updated(self, params: QueryDict) -> ReaderPrefs:
        """The preferences after the toolbar's request; unknown or malformed values change nothing."""
        if params.get("reset"):
            return ReaderPrefs()
        prefs = self
        raw = params.get("size", "")
        if raw.isdigit():
            prefs = replace(prefs, size=min(int(raw), LARGEST))
        for name, (on, off) in SWITCHES.items():
            if params.get(name) in (on, off):
                prefs = replace(prefs, **{name: params[name] == on})
        return prefs

    def save(self, response: HttpResponse) -> None:
        values = {"size": str(self.size)} | {
            name: SWITCHES[name][0 if getattr(self, name) else 1] for name in SWITCHES}
        for name, value in values.items():
            response.set_cookie(COOKIE_PREFIX + name, value, max_age=COOKIE_AGE, samesite="Lax")

    @property
    def body_class(self) -> str:
        classes = [f"text-size-{self.size}"] if self.size else []
        classes += [css for name, css in BODY_CLASSES.items() if getattr(self, name)]
        return " ".join(classes)

    def toolbar(self, next_path: str) -> list[ToolbarLink]:
        """The toolbar's links, each leading to the state one click away."""
        base = reverse("portal:a11y")

        def href(**params: str) -> str:
            query = QueryDict(mutable=True)
            query.update({**params, "next": next_path})
            return f"{base}?{query.urlencode()}"

        def switch(name: str, label: str) -> ToolbarLink:
            on, off = SWITCHES[name]
            current = getattr(self, name)
            return ToolbarLink(label, href(**{name: off if current else on}), gettext("已开启") if current else "",
                               name=name)

        return [
            switch("mode", gettext("长者模式")),
            ToolbarLink(gettext("放大字号"), href(size=str(min(self.size + 1, LARGEST))),
                        gettext("已最大") if self.size == LARGEST else ""),
            ToolbarLink(gettext("缩小字号"), href(size=str(max(self.size - 1, 0)))),
            switch("contrast", gettext("高对比度")),
            switch("spacing", gettext("加宽行距")),
            switch("cursor", gettext("大鼠标")),
            ToolbarLink(gettext("恢复默认"), href(reset="1")),
        ]
