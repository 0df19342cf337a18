"""The one error type a person sees: a message, printed without a traceback."""


class AssessError(Exception):
    """A problem the user can fix: bad input, a missing file, a damaged assessment."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class OutputExists(AssessError):
    """The output file exists and replacing it was not asked for (a TUI asks yes or no)."""
