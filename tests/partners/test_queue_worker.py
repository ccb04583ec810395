"""End to end with the production queue: a notice is queued in the database with the
notification, a separate `db_worker` process sends its one e-mail, and a second worker run
sends nothing more."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTIFY = """
from partners.models import User
from partners.notifications import notify
person = User.objects.create_user("queue@example.org", display_name="Queue Person")
notify(recipient=person, kind="status_change", subject="Shortlisted", body="Well done")
"""


def _manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_a_worker_process_sends_the_queued_notice_once(tmp_path):
    database = tmp_path / "queue.sqlite3"
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS", "ELASTICSEARCH", "EMAIL_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.site.settings.dev",
        SECRET_KEY="queue-test-" + "x" * 50,
        DEBUG="0",
        TORI_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{database}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(outbox),
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "shell", "-c", NOTIFY)

    with sqlite3.connect(database) as db:
        queued = db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ?",
            ("%send_immediate",),
        ).fetchall()
        waiting = db.execute("SELECT status FROM partners_delivery").fetchall()
    assert queued == [("READY",)]
    assert waiting == [("pending",)]
    assert list(outbox.iterdir()) == []

    _manage(env, "db_worker", "--batch", "--no-startup-delay")
    (sent,) = outbox.iterdir()
    text = sent.read_text()
    assert "To: queue@example.org" in text and "Subject: Shortlisted" in text
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT status FROM partners_delivery").fetchall() == [("sent",)]
        done = db.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall()
    assert done == [("SUCCESSFUL",)]

    _manage(env, "db_worker", "--batch", "--no-startup-delay")
    assert len(list(outbox.iterdir())) == 1
