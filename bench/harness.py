"""What every benchmark needs: a server process on loopback, a free port, the memory of a
process tree (Linux /proc), and percentiles.

It imports neither Django nor the project's code: the load drivers' processes use it too.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def served_environment(**settings: str) -> dict:
    """The environment of a Factbase server under test: the product as deployed (DEBUG
    off, factbase.settings whatever settings the caller runs), with `settings` on top."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "factbase.settings",
        # The load comes from one address: the production limits would answer 429 (DRF's
        # user throttle counts anonymous clients by address too, at API_THROTTLE_USER).
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        # Keep each worker's database connection for the whole run (production: 60 s), so
        # that the PostgreSQL backends whose CPU is counted are the ones that serve it: a
        # backend replaced mid-run takes its CPU time with it (bench/server_cpu.py).
        "DB_CONN_MAX_AGE": "3600",
        **settings,
    }


def free_port() -> int:
    """A TCP port on loopback that nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile of `values`, in any order (0.0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(percent / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def process_tree(root: int) -> list[int]:
    """`root` and its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _memory_kib(pids: list[int], field: str) -> list[int]:
    """`field` of /proc/<pid>/status (VmRSS: resident now; VmHWM: its peak) of each pid."""
    found = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found += [int(line.split()[1]) for line in status.splitlines() if line.startswith(field)]
    return found


def rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (a server's master and workers)."""
    return sum(_memory_kib(process_tree(pid), "VmRSS:"))


def peak_rss_mib(pids: list[int]) -> dict:
    """Peak resident memory (VmHWM) of each process, summed and the largest, in MiB."""
    peaks = [kib / 1024 for kib in _memory_kib(pids, "VmHWM:")]
    return {
        "processes": len(peaks),
        "sum_mib": round(sum(peaks), 1),
        "largest_mib": round(max(peaks, default=0), 1),
    }


class ServerProcess:
    """A server process (and its children, in a session of their own) on loopback, its
    output in `log`. `start()` then `wait_ready()` and `stop()`, or `with`, which does the
    three: ready once `ready_path` answers."""

    def __init__(
        self,
        name: str,
        command: list[str],
        *,
        port: int,
        env: dict,
        log: Path,
        ready_path: str,
        ready_timeout: float = 120,
        ready_headers: dict | None = None,
        cwd: Path = ROOT,
    ):
        self.name, self.command, self.port, self.env = name, command, port, env
        self.log_path, self.ready_path, self.ready_timeout = log, ready_path, ready_timeout
        self.ready_headers = ready_headers or {}
        self.cwd = cwd
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=self.cwd,
        )
        return self

    def wait_ready(self, timeout: float | None = None) -> None:
        timeout = self.ready_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited at start-up; its log ends:\n"
                    + self.log_path.read_text()[-3000:]
                )
            try:
                asked = urllib.request.Request(
                    self.base + self.ready_path, headers=self.ready_headers
                )
                with urllib.request.urlopen(asked, timeout=5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer {self.ready_path} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def __enter__(self) -> "ServerProcess":
        self.start()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def pids(self) -> list[int]:
        """This server's process and its descendants."""
        return process_tree(self.process.pid)

    def rss_kib(self) -> int:
        return rss_kib(self.process.pid)

    def peak_rss_mib(self) -> dict:
        return peak_rss_mib(self.pids())
