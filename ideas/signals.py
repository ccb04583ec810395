"""Domain signals other apps subscribe to (notifications, the search index)."""

from django.dispatch import Signal

# Sent after a status change has committed: kwargs `change` (a StatusChange).
status_changed = Signal()
