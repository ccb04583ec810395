from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from partners.images import ALT_REQUIRED


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image in a page's body: described, or marked decorative, as every image of Tori.
    (Ours rather than Wagtail's ImageBlock, which has no caption to keep the stored ones.)"""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("decorative image"),
        help_text=_("Only decoration: screen readers skip it, and it needs no alternative text."),
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ALT_REQUIRED)}
            )
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=pgettext_lazy("block", "document"))
    title = blocks.CharBlock(required=False, label=_("link text"))

    class Meta:
        icon = "doc-full"
        label = pgettext_lazy("block", "Document")
        template = "cms/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        label=_("Paragraph"),
        template="cms/blocks/paragraph.html",
    )
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=pgettext_lazy("block", "Embed"), template="cms/blocks/embed.html")
