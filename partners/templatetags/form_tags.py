"""What the site's field template needs to tell a limit before the form is sent.

{% char_limit field as limit %}   the most characters a text field takes, or None
{% limited_widget field limit %}  the field's input with maxlength and data-count
{{ field|error_anchor }}          the id the error summary links to
"""

from django import forms, template
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def char_limit(bound_field) -> int | None:
    field = bound_field.field
    if field.widget.is_hidden or not isinstance(field, forms.CharField):
        return None
    limits = [field.max_length] if field.max_length is not None else []
    limits += [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    limits = [limit for limit in limits if isinstance(limit, int)]
    return min(limits) if limits else None


@register.simple_tag
def limited_widget(bound_field, limit=None):
    """The input as Django draws it; a limited text box also says its limit to the browser
    (maxlength) and to the live count of static/js/forms.js (data-count)."""
    if not limit:
        return bound_field.as_widget()
    attrs = {"maxlength": str(limit)}
    if isinstance(bound_field.field.widget, forms.Textarea):
        attrs["data-count"] = str(limit)
    if bound_field.auto_id and not bound_field.field.widget.attrs.get("aria-describedby"):
        # The help text always says the limit, so the input is described by it.
        described = [f"{bound_field.auto_id}_helptext"]
        if bound_field.errors:
            described.append(f"{bound_field.auto_id}_error")
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def error_anchor(bound_field) -> str:
    """The id of the input a summary's link moves to: the first option of a list."""
    if bound_field.use_fieldset:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.simple_tag
def limit_text(limit) -> str:
    return _("At most %(count)s characters.") % {"count": number_format(limit, force_grouping=True)}
