"""Mode (d): Varnish in front of Factbase, configured by deploy/varnish/factbase.vcl as
docs/deploying.md describes (Debian's `varnish` and `varnish-modules`), purged by
Factbase's writes through CACHE_PURGE_URLS."""

import shutil
import tempfile
from pathlib import Path

from bench.harness import ROOT, ServerProcess

VCL = ROOT / "deploy" / "varnish" / "factbase.vcl"
BACKEND_PORT = '.port = "8000";'
# Appended to the project's VCL (Varnish runs each definition of a built-in subroutine in
# turn). An answer Varnish served from its own store is marked as a hit, as Factbase marks
# one from its response cache, so that the benchmark's hit rate counts both. And Factbase
# is asked for the host as it knows it: deployed, readers ask for the site's name without
# a port, which Factbase's response cache serves; here they ask for Varnish's port, which
# it would take for another spelling of the host and not serve (apps/ops/response_cache.py,
# `_usual_host`).
FOR_THE_BENCHMARK = """
sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    }
}

sub vcl_backend_fetch {
    set bereq.http.host = "127.0.0.1:%(port)d";
}
"""


def varnishd() -> str | None:
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


def project_vcl(backend_port: int) -> str:
    """The project's VCL as deployed, its backend on `backend_port`."""
    vcl = VCL.read_text()
    if BACKEND_PORT not in vcl:
        raise RuntimeError(f"{VCL} no longer names its backend's port as {BACKEND_PORT}")
    return vcl.replace(BACKEND_PORT, f'.port = "{backend_port}";')


def bench_vcl(backend_port: int) -> str:
    """The project's VCL, its backend on `backend_port`, with FOR_THE_BENCHMARK."""
    return project_vcl(backend_port) + FOR_THE_BENCHMARK % {"port": backend_port}


class Varnish(ServerProcess):
    """varnishd in the foreground on `port`, its backend Factbase on `backend_port`, with
    `vcl` (the benchmark's by default; tests/ops/test_varnish_purge.py gives the project's
    as it is). Its files are in a directory of their own that its unprivileged child can
    read. Ready once its probe has found the backend healthy (until then it answers 503
    itself), asked for the host the probe names."""

    def __init__(self, *, port: int, backend_port: int, log: Path, vcl: str | None = None):
        executable = varnishd()
        if executable is None:
            raise RuntimeError("varnishd is not installed: apt-get install varnish varnish-modules")
        self.work = Path(tempfile.mkdtemp(prefix="factbase-bench-varnish-"))
        self.work.chmod(0o755)
        config = self.work / "factbase.vcl"
        config.write_text(bench_vcl(backend_port) if vcl is None else vcl)
        config.chmod(0o644)
        command = [
            executable,
            "-F",
            "-n",
            str(self.work / "state"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(config),
            "-s",
            "malloc,512m",
        ]
        super().__init__(
            "Varnish", command, port=port, env={"PATH": "/usr/sbin:/usr/bin:/bin"}, log=log,
            ready_path="/healthz", ready_timeout=60, ready_headers={"Host": "localhost"},
        )  # fmt: skip

    def stop(self) -> None:
        try:
            super().stop()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
