"""Free-form content blocks for profile stories (and reused by the home app's pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("bron of spreker"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Citaat")


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("tussenkop"), form_classname="title", icon="title", template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("alinea"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = QuoteBlock()
    document = DocumentChooserBlock(label=_("document"), template="blocks/document.html")

    class Meta:
        label = _("Inhoud")
