"""Signals every later app may send (partners is the first app in the import order).

`rows_updated`: sent inside the transaction by a write that changes rows with
`QuerySet.update()`, which sends no `post_save`. The sender is the model class; kwarg `pks`, the
primary keys of the changed rows. The search index refreshes those objects after the
transaction commits, as it does after a save; a write that saves with `Model.save()` sends
nothing more.
"""

from django.dispatch import Signal

rows_updated = Signal()


def updated(model, pks) -> None:
    """Tell the index hooks that `model` rows `pks` changed without a save."""
    pks = [pk for pk in pks if pk is not None]
    if pks:
        rows_updated.send(sender=model, pks=pks)
