"""One exception hierarchy; each message says what happened, why, and how to fix it."""

from __future__ import annotations


class ManysidesError(Exception):
    """Base of every error manysides raises on purpose."""

    exit_code = 1


class InputError(ManysidesError):
    """A source could not be read as an article; the rest of the batch goes on."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class OutputPathError(ManysidesError):
    """An output path that cannot take a file (a folder, or under a file): bad usage, said
    before any work is done."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


class NotEnoughArticlesError(ManysidesError):
    """A comparison needs at least two usable articles."""

    exit_code = 3


class ModelUnavailableError(ManysidesError):
    """A packaged model is missing; the message gives the install line."""

    exit_code = 4
