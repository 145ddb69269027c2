"""Background work through Django's tasks framework (``django.tasks``), run after the response.

Code that sends mail enqueues a task (``some_task.enqueue(...)``) instead of sending in the
request. With this backend a task enqueued while a request is answered runs once that
request's response has been sent to the client (when the server closes the response, the
moment Django sends ``request_finished``); a task enqueued anywhere else (a management command,
the shell) runs at once. So a visitor never waits for a mail server, and a page cannot tell by
its timing whether a mail was sent.

Django's own ImmediateBackend runs the task inside the request, which is what this avoids.
The callers do not know which backend runs their tasks: a worker-backed backend (a database
or Redis queue with its own worker process) can replace this one in ``TASKS`` when the work
must survive a restart, as alerts will.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import partial

from django.tasks.backends.immediate import ImmediateBackend
from django.tasks.base import TaskResult, TaskResultStatus
from django.utils.crypto import get_random_string

# The tasks waiting for the response of the request being answered; None outside requests.
_after_response: ContextVar[list[Callable[[], None]] | None] = ContextVar(
    "tasks_after_response", default=None
)


class AfterResponseBackend(ImmediateBackend):
    """Runs each task in this process, after the response of the request that enqueued it."""

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        pending = _after_response.get()
        if pending is None:
            self._execute_task(result)
        else:
            pending.append(partial(self._execute_task, result))
        return result


def run_tasks_after_response(get_response):
    """Middleware (the outermost one): hands the tasks that the request enqueued to its
    response, which runs them when the server closes it, after the last byte was sent.

    A task that fails is logged by Django (``django.tasks``, level ERROR) and does not touch
    the response, which the client already has.
    """

    def middleware(request):
        pending: list[Callable[[], None]] = []
        token = _after_response.set(pending)
        try:
            response = get_response(request)
        finally:
            _after_response.reset(token)
        if pending:
            # Django's handlers close every response once it has been sent (WSGI, ASGI and
            # the test client alike) and call its resource closers then.
            response._resource_closers.append(partial(_run_all, pending))
        return response

    return middleware


def _run_all(pending: list[Callable[[], None]]) -> None:
    for run in pending:
        run()
