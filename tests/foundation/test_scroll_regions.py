"""Every scrolling table wrapper in a template is a named, focusable region (axe
``scrollable-region-focusable``), so a keyboard user can scroll it; a template scan, because some
wrappers only appear with data (the cost tables from five reporting profiles)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
WRAPPER = re.compile(r'<div class="(?:table-scroll|compare-scroll)"[^>]*>')


def test_every_scroll_wrapper_is_a_focusable_named_region():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        for tag in WRAPPER.findall(path.read_text(encoding="utf-8")):
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label" not in tag:
                bare.append(f"{path.relative_to(TEMPLATES)}: {tag}")
    assert bare == []
