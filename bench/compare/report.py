"""The comparison's tables, from its results (no Django, no servers).

Per mode, per workload: the response cache's hit rate (Factbase's answers marked
`X-Cache: hit` over those marked hit or miss), both servers' req/s, p50/p95/p99 and CPU per
request, their ratio, and the targets of issue 17 met or not: under (c), the cache on with
editors at work, Factbase at least 2× Datasette's req/s on every shared workload and p95
under 100 ms on every workload; under (b), the cache off, at least 1×. Under (d), (c) with
Varnish in front, the same as (c): there the hit rate counts Varnish's hits with the
response cache's, and the CPU Varnish's with Factbase's.
"""

import copy
import statistics

P95_TARGET_MS = 100.0
SCALING_TARGET = 1.5
# The mode's target for Factbase's req/s over Datasette's on a shared workload.
RATIO_TARGETS = {"b": 1.0, "c": 2.0, "d": 2.0}
P95_MODES = frozenset({"c", "d"})


def _cpu(summary: dict | None) -> str:
    value = (summary or {}).get("server_cpu_ms_per_request")
    return "—" if value is None else f"{value:.1f}"


def _hit_rate(summary: dict | None) -> str:
    rate = (summary or {}).get("hit_rate")
    return "—" if rate is None else f"{100 * rate:.0f} %"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def targets(mode: str, workload: dict) -> dict[str, bool]:
    """Each target of `mode` that applies to `workload`: {what: met}."""
    f, d = workload["factbase"], workload["datasette"]
    found = {}
    if mode in RATIO_TARGETS and d:
        goal = RATIO_TARGETS[mode]
        found[f"≥{goal:g}×"] = not d["rps"] or f["rps"] / d["rps"] >= goal
    if mode in P95_MODES:
        found["p95<100"] = f["p95_ms"] < P95_TARGET_MS
    return found


def render_mode(mode: dict) -> str:
    """One mode's table (CPU: the server's, with its PostgreSQL backends, per request
    served)."""
    lines = [
        f"({mode['mode']}) {mode['title']}; load average {mode['load_before'][0]:.2f} before, "
        f"{mode['load_after'][0]:.2f} after",
        f"{'workload':<22}{'queries':>8}{'hits':>6} | {'Factbase req/s':>14} {'p50':>7} "
        f"{'p95':>7} {'p99':>7} {'CPU':>6} | {'Datasette req/s':>15} {'p50':>7} {'p95':>7} "
        f"{'p99':>7} {'CPU':>6} | {'ratio':>6} | targets",
    ]
    for w in mode["workloads"]:
        f, d = w["factbase"], w["datasette"]
        q = w["queries_per_request"]
        queries = f"{q['min']}" if q.get("min") == q.get("max") else f"{q['min']}-{q['max']}"
        line = (
            f"{w['name']:<22}{queries:>8}{_hit_rate(f):>6} | {f['rps']:>14.1f} "
            f"{f['p50_ms']:>7.1f} {f['p95_ms']:>7.1f} {f['p99_ms']:>7.1f} {_cpu(f):>6} | "
        )
        if d and d["rps"]:
            line += (
                f"{d['rps']:>15.1f} {d['p50_ms']:>7.1f} {d['p95_ms']:>7.1f} {d['p99_ms']:>7.1f} "
                f"{_cpu(d):>6} | {f['rps'] / d['rps']:>5.1f}×"
            )
        elif d:  # nothing answered within the run (Datasette's deep pages at 1,000,000 quotes)
            line += f"{'none answered':>15} {'':>7} {'':>7} {'':>7} {'':>6} | {'—':>6}"
        else:
            line += f"{'—':>15} {'':>7} {'':>7} {'':>7} {'':>6} | {'':>6}"
        line += " | " + ", ".join(f"{k} {met(v)}" for k, v in targets(mode["mode"], w).items())
        errors = sum(f["errors"].values()) + (sum(d["errors"].values()) if d else 0)
        if errors:
            line += f"  ({errors} failed requests)"
        lines.append(line.rstrip(" |"))
    writers = mode.get("writers")
    if writers:
        saves, publishes = writers["editor_saves"], writers["reviewer_publishes"]
        landed = writers["landed"]
        lines.append(
            f"writers over {writers['seconds']:.0f} s: editor saves {saves['succeeded']} of "
            f"{saves['attempts']} {saves['statuses']} (p50 {saves['p50_ms']:.0f} ms), reviewer "
            f"publishes {publishes['succeeded']} of {publishes['attempts']} "
            f"{publishes['statuses']} (p50 {publishes['p50_ms']:.0f} ms); in the database: "
            f"{landed['draft_versions_added']} versions of the draft, "
            f"{landed['published_found']} published — "
            + ("all landed" if landed["all_landed"] else "NOT ALL LANDED")
        )
    return "\n".join(lines)


def render(result: dict) -> str:
    """Every mode's table, then the targets in short and the memory."""
    machine = result["machine"]
    lines = [
        f"{result['database']}: {result['counts']['quotes']:,} quotes; "
        f"load average {machine['load_before'][0]:.2f} before, "
        f"{machine['load_after'][0]:.2f} after ({machine['cpus']} CPUs); "
        + ("each URL primed" if result.get("primed", True) else "pools not primed, warm-up only")
    ]
    for mode in result["modes"]:
        lines += ["", render_mode(mode)]
    missed = [
        f"({mode['mode']}) {w['name']}: {what}"
        for mode in result["modes"]
        for w in mode["workloads"]
        for what, ok in targets(mode["mode"], w).items()
        if not ok
    ]
    lines += ["", "targets not met: " + ("; ".join(missed) if missed else "none")]
    m = result["memory"]
    lines.append(
        f"peak RSS: Factbase {m['factbase']['sum_mib']:.0f} MiB over "
        f"{m['factbase']['processes']} processes (largest {m['factbase']['largest_mib']:.0f}); "
        f"Datasette {m['datasette']['sum_mib']:.0f} MiB over {m['datasette']['processes']}"
    )
    return "\n".join(lines)


# The figures of a workload's summary that `median_of_runs` takes the median of.
MEDIAN_FIGURES = ("rps", "p50_ms", "p95_ms", "p99_ms", "server_cpu_ms_per_request", "hit_rate")


def median_of_runs(runs: list[dict]) -> dict:
    """One database's results of several runs as one: the first run's, with each server's
    figures of each mode and workload (MEDIAN_FIGURES) the median over the runs that have
    them, and every run's p95 kept beside it (`p95_ms_runs`). One run is itself."""
    if len(runs) == 1:
        return runs[0]
    merged = copy.deepcopy(runs[0])
    merged["rounds"] = len(runs)
    for mode in merged["modes"]:
        for workload in mode["workloads"]:
            for target in ("factbase", "datasette"):
                if not workload.get(target):
                    continue
                same = [
                    found[target]
                    for run in runs
                    for found in _workloads(run, mode["mode"], workload["name"])
                    if found.get(target)
                ]
                for figure in MEDIAN_FIGURES:
                    values = [each[figure] for each in same if each.get(figure) is not None]
                    if values:
                        workload[target][figure] = statistics.median(values)
                workload[target]["p95_ms_runs"] = [each.get("p95_ms") for each in same]
    return merged


def _workloads(result: dict, mode: str, name: str) -> list[dict]:
    return [
        workload
        for each in result["modes"]
        if each["mode"] == mode
        for workload in each["workloads"]
        if workload["name"] == name
    ]


def render_scaling(small: dict, large: dict) -> str:
    """p95 at the larger size over p95 at the smaller, per mode, workload and server, with
    Factbase's target (within 1.5×) met or not (of medians, when the results are several
    rounds': `median_of_runs`)."""
    lines = [f"p95 {_size(large)} / p95 {_size(small)}"]
    rounds = min(small.get("rounds", 1), large.get("rounds", 1))
    if rounds > 1:
        lines[0] += f", medians of {rounds} interleaved rounds"
    for mode_large in large["modes"]:
        mode_small = next((m for m in small["modes"] if m["mode"] == mode_large["mode"]), None)
        if mode_small is None:
            continue
        lines.append(f"({mode_large['mode']}) {mode_large['title']}")
        lines.append(f"{'workload':<22} | {'Factbase':>22} | {'Datasette':>22} | target")
        for wl in mode_large["workloads"]:
            ws = next((w for w in mode_small["workloads"] if w["name"] == wl["name"]), None)
            if ws is None:
                continue
            cells, factor = [], None
            for target in ("factbase", "datasette"):
                a, b = ws[target], wl[target]
                if a and b and a["p95_ms"] and a["rps"] and b["rps"]:
                    ratio = b["p95_ms"] / a["p95_ms"]
                    factor = ratio if target == "factbase" else factor
                    cells.append(f"{a['p95_ms']:.1f} → {b['p95_ms']:.1f} ({ratio:.2f}×)")
                else:
                    cells.append("—")
            verdict = (
                "" if factor is None else f"≤{SCALING_TARGET:g}× {met(factor <= SCALING_TARGET)}"
            )
            lines.append(f"{wl['name']:<22} | {cells[0]:>22} | {cells[1]:>22} | {verdict}")
    return "\n".join(lines)


def _size(result: dict) -> str:
    counts = result["counts"]
    size = f"{counts['quotes']:,} quotes"
    if "speakers" in counts:
        size += f", {counts['speakers']:,} speakers"
    return f"{size} ({result['database']})" if result.get("database") else size
