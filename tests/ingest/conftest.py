from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

LABELLED = Path(__file__).parent / "labelled"


@pytest.fixture
def shared_dir() -> Path:
    """The shared data beside the repository (seed articles, ClaimReview examples)."""
    shared = Path(settings.BASE_DIR).parent / "shared"
    if not (shared / "seeds").is_dir():
        pytest.skip(f"{shared} is absent: the shared seeds and data sets are not checked out")
    return shared


@pytest.fixture
def seeds(shared_dir) -> list[Path]:
    return sorted((shared_dir / "seeds").glob("*.txt"))


@pytest.fixture
def refuse_rows(db):
    """A real database refusal: a trigger that aborts any insert into `table` whose
    `column` contains `word`. Transactional, so each test's trigger is rolled back."""

    def install(table: str, column: str, word: str) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"""CREATE FUNCTION refuse_{table}() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.{column} LIKE '%{word}%' THEN RAISE EXCEPTION 'refused by test';
                      END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql"""
                )
                cursor.execute(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION refuse_{table}()"
                )
            else:
                cursor.execute(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    f"WHEN NEW.{column} LIKE '%{word}%' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
                )

    return install
