"""Errors and failure records of the reading stage."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """One input could not be read; the message names the input and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class ReadFailure:
    """An input that failed, kept so a run can report it and store it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
