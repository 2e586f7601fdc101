"""The one error type a user should ever see.

Anything raised as ``CrosstrainError`` is printed by the CLI as a single line
(``error: <message>``) with exit status 2: the message must say what was wrong
and what to do about it. Everything else is a bug and shows a traceback.
"""


class CrosstrainError(Exception):
    """A problem with the user's input or environment, explained in one line."""
