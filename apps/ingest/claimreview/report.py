"""What a ClaimReview import says about each file it read."""

from dataclasses import dataclass, field

NOTE_EXAMPLES = 5


@dataclass
class FileReport:
    """What became of one file."""

    name: str
    read: int = 0
    imported: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: str = ""
    seconds: float = 0.0
    waited: float = 0.0  # of `seconds`, waiting for another import to end
    notes: dict[str, list] = field(default_factory=dict)  # kind: [count, examples]

    def note(self, kind: str, example: str) -> None:
        entry = self.notes.setdefault(kind, [0, []])
        entry[0] += 1
        if len(entry[1]) < NOTE_EXAMPLES:
            entry[1].append(example)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        if self.failed:
            return f"{self.name}: FAILED, nothing imported: {self.failed}"
        working = self.seconds - self.waited
        rate = self.read / working if working > 0 else 0
        waited = f"; waited {self.waited:.1f} s for another import" if self.waited >= 0.05 else ""
        return (
            f"{self.name}: {self.read:,} items read, {self.imported:,} imported, "
            f"{self.unchanged:,} already there, {self.skipped:,} skipped "
            f"({working:.1f} s, {rate:,.0f} items/s{waited})"
        )
