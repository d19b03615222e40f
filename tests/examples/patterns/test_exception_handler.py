"""An unretrieved task exception reaches the loop's exception handler when the task is
freed, with the task and the exception in its context."""

from __future__ import annotations

import asyncio

from examples.patterns import exception_handler


def test_handler_gets_the_unretrieved_exception(monkeypatch) -> None:
    contexts: list[dict] = []
    monkeypatch.setattr(exception_handler, "report", lambda loop, context: contexts.append(context))
    monkeypatch.setattr(exception_handler, "print", lambda *args: None, raising=False)
    asyncio.run(exception_handler.main())
    [context] = contexts
    assert context["message"] == "Task exception was never retrieved"
    assert context["future"].get_name() == "receipt"
    assert isinstance(context["exception"], ConnectionError)


def test_report_comes_before_main_finishes(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(exception_handler, "print", lines.append, raising=False)
    asyncio.run(exception_handler.main())
    assert lines.index("handler: Task exception was never retrieved") < lines.index(
        "main: finished"
    )
