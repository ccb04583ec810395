"""Domain signals other parts subscribe to (the search index, notifications).

Sent after the transaction commits; kwargs `instance`.
"""

from django.dispatch import Signal

pilot_changed = Signal()
offering_changed = Signal()
