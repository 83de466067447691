"""What one service write costs, three ways alternated in one process: as Django and
simple-history do it (each check constraint asked of the database with a query of its own;
a new row's history looking for its related rows), with the check constraints asked in one
query (`apps/core/constraint_checks.py`), and with that and no related rows looked for on
a row's creation (`apps/core/history.HistoryWithRelated`). CPU ms (this process) and wall
ms a write, `claim_create` and `quote_create` of new drafts, each round in a transaction
rolled back.

    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/bench_small \\
        .venv/bin/python -m bench.write_path --writes 200 --rounds 4
"""

import argparse
import statistics
import time

from bench.in_process import set_up_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=200, help="writes a round (200)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of each way (4)")
    options = parser.parse_args()
    set_up_django("write-path")

    from django.db import connection, models, transaction
    from simple_history.models import HistoricalRecords

    from apps.claims.models import Claim
    from apps.claims.services import claim_create
    from apps.core.history import HistoryWithRelated
    from apps.core.models import TimeStampedModel
    from apps.quotes.services import quote_create
    from apps.speakers.models import Speaker

    ours = TimeStampedModel.validate_constraints
    related = HistoryWithRelated.create_historical_record_m2ms
    djangos = models.Model.validate_constraints
    libraries = HistoricalRecords.create_historical_record_m2ms
    ways = {
        "as Django does": (djangos, libraries),
        "checks in one query": (ours, libraries),
        "and no related rows": (ours, related),
    }
    speaker = Speaker.objects.order_by("pk").first()
    writes = {
        "claim_create": lambda n, tag: claim_create(
            statement=f"Tariffs on imported steel rose by {n} per cent ({tag})",
            status=Claim.Status.DRAFT,
        ),
        "quote_create": lambda n, tag: quote_create(
            text=f"We will cut the tariff on steel by {n} per cent ({tag})",
            speaker=speaker,
            speaker_name="" if speaker else "A resident",
        ),
    }
    print(
        f"{connection.vendor} database {connection.settings_dict['NAME']}: "
        f"{options.writes} writes a round, {options.rounds} rounds of each way, alternated"
    )
    try:
        for name, write in writes.items():
            cpu = {way: [] for way in ways}
            wall = {way: [] for way in ways}
            for round_ in range(options.rounds):
                for way, (validate, history) in ways.items():
                    TimeStampedModel.validate_constraints = validate
                    HistoryWithRelated.create_historical_record_m2ms = history
                    with transaction.atomic():
                        started, clock = time.process_time(), time.perf_counter()
                        for n in range(options.writes):
                            write(n, f"{way} {round_}")
                        cpu[way].append((time.process_time() - started) * 1000 / options.writes)
                        wall[way].append((time.perf_counter() - clock) * 1000 / options.writes)
                        transaction.set_rollback(True)
            for way in ways:
                print(
                    f"  {name:13} {way:20} CPU {statistics.median(cpu[way]):5.2f} ms, "
                    f"wall {statistics.median(wall[way]):5.2f} ms a write (median of "
                    f"{options.rounds}; CPU by round {', '.join(f'{x:.2f}' for x in cpu[way])})"
                )
    finally:
        TimeStampedModel.validate_constraints = ours
        HistoryWithRelated.create_historical_record_m2ms = related


if __name__ == "__main__":
    main()
