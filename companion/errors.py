"""Errors that end in one clear line for the user, never a traceback."""


class CompanionError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""
