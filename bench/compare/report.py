"""The comparison's tables, from its results (no Django, no servers)."""


def _cpu(summary: dict | None) -> str:
    value = (summary or {}).get("server_cpu_ms_per_request")
    return "—" if value is None else f"{value:.1f}"


def render(result: dict) -> str:
    """The comparison as a text table (CPU: the server's, with its PostgreSQL backends,
    per request served)."""
    machine = result["machine"]
    lines = [
        f"{result['database']}: {result['counts']['quotes']:,} quotes; "
        f"load average {machine['load_before'][0]:.2f} before, "
        f"{machine['load_after'][0]:.2f} after ({machine['cpus']} CPUs)",
        f"{'workload':<22}{'queries':>8} | {'Factbase req/s':>14} {'p50':>7} {'p95':>7} "
        f"{'p99':>7} {'CPU':>6} | {'Datasette req/s':>15} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'CPU':>6} | {'ratio':>6}",
    ]
    for w in result["workloads"]:
        f, d = w["factbase"], w["datasette"]
        q = w["queries_per_request"]
        queries = f"{q['min']}" if q.get("min") == q.get("max") else f"{q['min']}-{q['max']}"
        line = (
            f"{w['name']:<22}{queries:>8} | {f['rps']:>14.1f} {f['p50_ms']:>7.1f} "
            f"{f['p95_ms']:>7.1f} {f['p99_ms']:>7.1f} {_cpu(f):>6} | "
        )
        if d:
            ratio = f["rps"] / d["rps"] if d["rps"] else float("inf")
            line += (
                f"{d['rps']:>15.1f} {d['p50_ms']:>7.1f} {d['p95_ms']:>7.1f} {d['p99_ms']:>7.1f} "
                f"{_cpu(d):>6} | {ratio:>5.1f}×"
            )
        else:
            line += f"{'—':>15} {'':>7} {'':>7} {'':>7} {'':>6} | {'':>6}"
        errors = sum(f["errors"].values()) + (sum(d["errors"].values()) if d else 0)
        if errors:
            line += f"  ({errors} failed requests)"
        lines.append(line)
    m = result["memory"]
    lines.append(
        f"peak RSS: Factbase {m['factbase']['sum_mib']:.0f} MiB over "
        f"{m['factbase']['processes']} processes (largest {m['factbase']['largest_mib']:.0f}); "
        f"Datasette {m['datasette']['sum_mib']:.0f} MiB over {m['datasette']['processes']}"
    )
    return "\n".join(lines)


def render_scaling(small: dict, large: dict) -> str:
    """p95 at the larger size over p95 at the smaller, per workload and server."""
    lines = [
        f"p95 {large['counts']['quotes']:,} quotes / p95 {small['counts']['quotes']:,} quotes",
        f"{'workload':<22} | {'Factbase':>22} | {'Datasette':>22}",
    ]
    for wl in large["workloads"]:
        ws = next((w for w in small["workloads"] if w["name"] == wl["name"]), None)
        if ws is None:
            continue
        cells = []
        for target in ("factbase", "datasette"):
            a, b = ws[target], wl[target]
            if a and b and a["p95_ms"]:
                cells.append(
                    f"{a['p95_ms']:.1f} → {b['p95_ms']:.1f} ({b['p95_ms'] / a['p95_ms']:.2f}×)"
                )
            else:
                cells.append("—")
        lines.append(f"{wl['name']:<22} | {cells[0]:>22} | {cells[1]:>22}")
    return "\n".join(lines)
