"""Domain signals other apps subscribe to (notifications, the search index)."""

from django.dispatch import Signal

# Sent after a status change has committed: kwargs `change` (a StatusChange).
status_changed = Signal()

# Sent inside the transaction that changed Proposal.vote_count (a vote cast, withdrawn or
# voided, a counter repaired): kwargs `proposal_ids`. The catalogue copies the new counts.
vote_count_changed = Signal()
