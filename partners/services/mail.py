"""The mail the partners services send: a template rendered in the recipient's language, with
absolute links in that language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_template_mail(*, to: str, language: str, subject, template: str, context: dict) -> None:
    with translation.override(language):
        subject_text = str(subject)
        body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    send_mail(subject_text, body, None, [to])


def url_in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))
