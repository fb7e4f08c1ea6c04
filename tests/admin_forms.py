"""Submit Wagtail admin forms the way a browser does: read every field from the rendered HTML,
change what the test wants, post it back. Avoids hand-building formset management data."""

from __future__ import annotations

from bs4 import BeautifulSoup


def form_data(html: str, form_selector: str = "form[data-edit-form]") -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(form_selector)
    assert form is not None, "form not found in page"
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or "__prefix__" in name:
            continue
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                continue
            if kind in {"checkbox", "radio"} and not field.has_attr("checked"):
                continue
            default = "on" if kind in {"checkbox", "radio"} else ""
            data.setdefault(name, []).append(field.get("value", default))
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        else:
            selected = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
            if not selected and not field.has_attr("multiple"):
                first = field.find("option")
                selected = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(selected)
    return data


def post_data(data: dict[str, list[str]], **changes) -> dict:
    merged = {key: values if len(values) != 1 else values[0] for key, values in data.items()}
    merged.update(changes)
    return merged


def streamfield_post_data(name: str, stream_value) -> dict:
    """POST data for a StreamField, which the admin renders client-side (not in the HTML)."""
    from wagtail.blocks import RichTextBlock, StructBlock
    from wagtail.rich_text import RichText
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    def value(block, raw):
        if isinstance(block, RichTextBlock):
            return rich_text(raw.source if isinstance(raw, RichText) else raw)
        if isinstance(block, StructBlock):
            return {key: value(block.child_blocks[key], raw[key]) for key in raw}
        return getattr(raw, "pk", raw)

    items = [(child.block_type, value(child.block, child.value)) for child in stream_value]
    return nested_form_data({name: streamfield(items)})
