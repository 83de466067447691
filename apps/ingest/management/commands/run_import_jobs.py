import signal

from django.core.management.base import BaseCommand

from apps.ingest.jobs import run_worker

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = (
        "Run the article imports queued by the admin's import form, one at a time, waiting "
        "for more (with --once, until none is left). SIGTERM or Ctrl-C stops it once the "
        "running import ends; an import cut short is taken up again by the next worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Stop when the queue is empty.")
        parser.add_argument(
            "--poll", type=float, default=2.0, help="Seconds between looks at an empty queue."
        )

    def handle(self, *args, once: bool, poll: float, **options):
        stopping = []

        def stop(signum, frame):
            if stopping:  # a second signal: stop now (the import rolls back)
                raise KeyboardInterrupt
            stopping.append(signum)
            self.stderr.write("Stopping after the running import…")

        previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
        try:
            ran = run_worker(
                once=once, poll=poll, should_stop=lambda: bool(stopping), log=self.stdout.write
            )
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write(f"{ran} import job{'s' if ran != 1 else ''} run.")
