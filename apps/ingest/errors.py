class IngestError(Exception):
    """An input that cannot be imported, with where: the file, and the item or line."""

    def __init__(self, message: str, *, name: str = "", where: str = ""):
        self.message = message
        self.name = name
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.name, self.where) if part)
        return f"{place}: {self.message}" if place else self.message
