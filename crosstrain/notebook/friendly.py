"""A plainer word for a new hire's most common slip: checking an answer not computed yet.

``ex.q1.check(n_leads)`` before the answer cell has run raises ``NameError: name
'n_leads' is not defined``, which reads like a bug in the course. In a notebook that
called ``start()``, such an error keeps its traceback (the cell still fails, so graders
and Run All behave as before) and gains one line saying what to do.
"""

from __future__ import annotations

import re

_UNDEFINED = re.compile(r"name '([^']+)' is not defined")


def explain_undefined(answers: dict[str, str]) -> None:
    """In IPython, add a hint to NameErrors about the answer variables ``answers`` (variable -> exercise)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return
    known = dict(getattr(shell, "_crosstrain_answers", {}))
    known.update(answers)
    shell._crosstrain_answers = known

    def handler(shell, etype, value, tb, tb_offset=None):
        # IPython leaves showing the error to the handler: show it as it would, plus the hint
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        hint = hint_for(str(value), shell._crosstrain_answers)
        shell._showtraceback(etype, value, stb + [hint] if hint else stb)

    shell.set_custom_exc((NameError,), handler)


def hint_for(message: str, answers: dict[str, str]) -> str:
    """The extra line for a NameError ``message``, or "" if it is not about an answer."""
    found = _UNDEFINED.search(message)
    if not found or found.group(1) not in answers:
        return ""
    name = found.group(1)
    return (f"Hint: `{name}` is your answer to {answers[name]} and it has no value yet. Write it in the answer "
            f"cell above (replace the blank `____`), run that cell, then run this one again.")
