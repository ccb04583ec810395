"""Indexing tasks (django-tasks): immediate on a laptop, run by workers at scale."""

from django_tasks import task


@task()
def index_object(kind: str, object_id: int) -> bool:
    from .indexing import refresh

    return refresh(kind, object_id)
