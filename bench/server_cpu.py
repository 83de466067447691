"""The CPU time a server under test spends (Linux /proc), for both load drivers.

Wall-clock figures on a shared machine carry the waiting for a core; the CPU time the
server's processes spend per request does not, so it is measured too: the server's
process tree, and for Factbase the PostgreSQL backends its workers are connected to.
"""

import os
from pathlib import Path

from bench.harness import process_tree

POSTGRESQL_PORT = 5432


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def _tcp_connections() -> dict[str, tuple[int, int]]:
    """Socket inode: (local port, remote port), of every IPv4 and IPv6 TCP socket."""
    connections = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, remote, inode = parts[1], parts[2], parts[9]
            connections[inode] = (
                int(local.rsplit(":", 1)[1], 16),
                int(remote.rsplit(":", 1)[1], 16),
            )
    return connections


def postgres_backends(pids: list[int], port: int = POSTGRESQL_PORT) -> list[int]:
    """The PostgreSQL backends serving the connections that `pids` hold to `port`."""
    connections = _tcp_connections()
    client_ports = {
        connections[inode][0]
        for pid in pids
        for inode in _socket_inodes(pid)
        if inode in connections and connections[inode][1] == port
    }
    if not client_ports:
        return []
    backends = []
    for proc in Path("/proc").glob("[0-9]*"):
        pid = int(proc.name)
        for inode in _socket_inodes(pid):
            ends = connections.get(inode)
            if ends and ends[0] == port and ends[1] in client_ports:
                backends.append(pid)
                break
    return backends


class ServerCpu:
    """The CPU time the server under test spends from now on: its process tree and the
    PostgreSQL backends its workers hold connections to (none without a `server_pid`). A
    list of pids is a server of several processes, a proxy and the server behind it: each
    one's tree is counted.

    Processes are counted one by one: one that started since (a worker's new database
    connection, a restarted worker) counts whole, one that ended since counts nothing (its
    last ticks are lost: an undercount, never a negative figure). The benchmark servers
    keep their connections for the whole run (bench/compare/servers.py) so that this
    rarely happens."""

    def __init__(self, server_pid: int | list[int] | None):
        self.server_pid = server_pid
        self.roots = server_pid if isinstance(server_pid, list) else [server_pid]
        self.before: dict[int, float] = {}
        if server_pid:
            self.before = {pid: cpu_seconds_of([pid]) for pid in self._processes()}

    def _processes(self) -> list[int]:
        tree = [pid for root in self.roots for pid in process_tree(root)]
        return tree + postgres_backends(tree)

    def report(self, summary: dict) -> None:
        """Add the processes counted and the CPU milliseconds per request served."""
        if not self.server_pid:
            return
        now = {pid: cpu_seconds_of([pid]) for pid in {*self._processes(), *self.before}}
        spent = sum(
            max(0.0, seconds - self.before.get(pid, 0.0))
            for pid, seconds in now.items()
            if seconds or pid not in self.before  # 0: ended, its ticks unknown
        )
        summary["server_processes"] = len(now)
        summary["server_processes_ended"] = sum(1 for pid in self.before if not now.get(pid))
        summary["server_cpu_ms_per_request"] = (
            round(spent * 1000 / summary["requests"], 2) if summary["requests"] else None
        )


def cpu_seconds_of(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks
