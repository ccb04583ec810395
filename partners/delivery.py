"""E-mail delivery of notices (interim: each notice e-mailed at once after commit)."""

from django.db import transaction

from . import notifications


def schedule(items) -> None:
    for notification in items:
        recipient = notification.recipient
        if recipient.email and notifications.email_enabled(user=recipient, kind=notification.kind):
            transaction.on_commit(lambda n=notification: notifications._send(n))
