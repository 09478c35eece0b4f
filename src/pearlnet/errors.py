"""One exception hierarchy; the CLI turns each into one line and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_ENVIRONMENT = 3


class PearlnetError(Exception):
    """Base of every error pearlnet reports to the user."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class InputError(PearlnetError):
    """The user's input (Compose files, policy, flags) is unusable."""

    exit_code = EXIT_INPUT


class ComposeRefused(InputError):
    """Docker Compose refused the project for a reason no rule owns."""


class PolicyError(InputError):
    """The policy file is invalid."""


class EnvironmentProblem(PearlnetError):
    """The environment cannot do the job: no Compose v2, no Docker daemon."""

    exit_code = EXIT_ENVIRONMENT
