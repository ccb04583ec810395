"""The one form renderer of the site: every `{{ form }}` and `{{ field.as_field_group }}`
renders through `partners/forms/form.html` and `partners/forms/field.html` (settings'
FORM_RENDERER), so errors, limits and help text look and behave the same on every form."""

from django.forms.renderers import DjangoTemplates


class ToriFormRenderer(DjangoTemplates):
    form_template_name = "partners/forms/form.html"
    field_template_name = "partners/forms/field.html"
