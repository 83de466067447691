"""What the configured log handler writes, for tests that check real log output.

pytest's caplog sees records before the handler's filters run; these tests need the lines
Factbase really writes (request id, redaction, JSON), so they read the handler's stream.
"""

import io
import json
import logging

from apps.ops.logs import JsonFormatter, RedactSecretsFilter


class HandlerOutput:
    def __init__(self, stream: io.StringIO):
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def records(self, logger: str | None = None) -> list[dict]:
        lines = [json.loads(line) for line in self.text.splitlines() if line.strip()]
        return [line for line in lines if logger is None or line["logger"] == logger]


def console_handler() -> logging.Handler:
    """The handler settings.LOGGING installs on the root logger."""
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, RedactSecretsFilter) for f in handler.filters):
            return handler
    raise LookupError("settings.LOGGING installed no handler with RedactSecretsFilter")


def capture(monkeypatch, *, json_lines: bool = True) -> HandlerOutput:
    handler = console_handler()
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    if json_lines:
        monkeypatch.setattr(handler, "formatter", JsonFormatter())
    return HandlerOutput(stream)
