"""Background work of the partners app (django-tasks): sending a person's notice e-mails.

With the default ImmediateBackend a task runs at once in the process that enqueues it; with
`TASKS_BACKEND=django_tasks_db.DatabaseBackend` a `manage.py db_worker` process runs it.
"""

from django_tasks import task


@task()
def send_immediate(user_id: int) -> int:
    """Send the person's due immediate notices (one e-mail); the number of notices sent.

    After a failed send, the task comes back by itself when the backend can defer a task;
    otherwise the `send_notices` command retries it."""
    from . import delivery

    outcome = delivery.send_immediate_to(user_id)
    if outcome.retry_at is not None:
        backend = send_immediate.get_backend()
        if backend.supports_defer:
            send_immediate.using(run_after=outcome.retry_at).enqueue(user_id)
    return outcome.sent
