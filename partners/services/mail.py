"""Every e-mail Tori sends: plain text and HTML, in the recipient's language, with absolute links.

`compose` renders `<template>.txt` with autoescaping off (a plain-text part must show
`<b>Maija</b> & Co` as written, never `&lt;b&gt;`) and `<template>.html`, when it exists, with
autoescaping on. Links are built from `SITE_URL`, the address the site is served at, never from
a request's host.

Every template gets `site_url`, `language` and `subject`. An HTML template extends
`partners/email/base.html` (blocks `title` and `heading`, both the subject unless overridden,
`content` and `footer`) and shows each link with `partners/email/link.html`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path: str) -> str:
    """SITE_URL + a site path; an address that is already absolute is kept."""
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def url_in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


def render_plain(template: str, context: dict) -> str:
    """A plain-text template rendered with autoescaping off, whatever the template says."""
    return get_template(template).template.render(Context(context, autoescape=False))


def compose(
    *,
    to: str,
    subject,
    template: str,
    context: dict,
    language: str,
    headers: dict | None = None,
    reply_to: list[str] | None = None,
) -> EmailMultiAlternatives:
    """The message `template` (a name without extension) makes, in `language`."""
    with translation.override(language):
        subject_text = " ".join(str(subject).split())  # no line breaks in a header
        full = {
            **context,
            "site_url": settings.SITE_URL,
            "language": language,
            "subject": subject_text,
        }
        text = render_plain(f"{template}.txt", full)
        try:
            html = render_to_string(f"{template}.html", full)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=subject_text,
        body=text,
        to=[to],
        reply_to=reply_to,
        headers={"Content-Language": language, **(headers or {})},
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def send_template_mail(*, to: str, language: str, subject, template: str, context: dict) -> None:
    """Compose and send; `template` may name the .txt file or the base name."""
    base = template.removesuffix(".txt")
    compose(to=to, subject=subject, template=base, context=context, language=language).send()
