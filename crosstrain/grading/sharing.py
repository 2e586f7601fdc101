"""Which known-wrong answers can be proven in one notebook, so validate runs fewer of them.

validate grades each known-wrong answer in a notebook where every other answer is the
reference solution. Two wrong answers to different exercises may share that notebook when
neither can change what the other is graded on: an exercise's answer cell "leaks" when a
name it binds is read by a later cell other than its own hidden test, and any edit in place
(``x[...] = ``, ``x.a = ``, ``inplace=True``, ``.update()``...) may reach everything after it,
since the edited object may be a world table under another name. Wrong answers are grouped so that
none in a notebook can reach another's exercise, at most one per exercise.

The analysis is static and errs towards leaking: a name written anywhere in the answer
(the reference or a wrong one) counts, whatever it holds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence

#: Methods that change their receiver (Python containers and pandas objects).
MUTATORS = frozenset({"append", "extend", "insert", "pop", "popitem", "remove", "clear", "update", "setdefault",
                      "sort", "reverse", "add", "discard", "__setitem__", "__delitem__"})


def written_names(code: str) -> set[str]:
    """Names the code binds; ``*`` when it edits an object in place or does not parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {"*"}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            found.add(node.id)
        elif isinstance(node, ast.Attribute | ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
            found.add("*")  # an edit in place may reach any alias of the object (a world table...)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in MUTATORS or any(k.arg == "inplace" for k in node.keywords):
                found.add("*")
        elif isinstance(node, ast.Global | ast.Nonlocal):
            found.update(node.names)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "exec", "globals", "vars"):
            found.add("*")  # writes we cannot name
    return found


def reads_before_binding(code: str, names: set[str]) -> tuple[bool, set[str]]:
    """Whether the code reads one of ``names`` before binding it again, and which of them it
    surely binds (plain top-level assignments, imports and definitions). Statement by
    statement: ``x = f(x)`` reads ``x`` first. Code that does not parse reads everything."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return True, set()
    live, bound = set(names), set()
    for statement in tree.body:
        reads = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if reads & live:
            return True, bound
        binds = _binds(statement)
        live -= binds
        bound |= binds & names
    return False, bound


def _binds(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        return {t.id for t in statement.targets if isinstance(t, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
        return {statement.target.id}
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in statement.names}
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    return set()


def affected(cells: Sequence[tuple[str | None, str]], answers: dict[str, Iterable[str]]) -> dict[str, set[str]]:
    """For each exercise, the later exercises whose answer or hidden test its answer may
    change, through the names it writes and every later cell that reads them (a taint).

    ``cells`` are the notebook's code cells in order as (grade id or None, source);
    ``answers`` maps an exercise to every code its answer cell may hold (the reference and
    each wrong answer). An exercise's answer cell has grade id ``<exercise>_answer`` and its
    hidden test ``<exercise>``. A later answer cell is judged in every form it may take.
    ``"*"`` among the affected means: anything after it.
    """
    variants = {f"{e}_answer": list(codes) for e, codes in answers.items()}
    found = {}
    position = {grade_id: i for i, (grade_id, _) in enumerate(cells) if grade_id}
    for exercise, codes in answers.items():
        found[exercise] = reached = set()
        tainted = set().union(*(written_names(code) for code in codes))
        start = position.get(f"{exercise}_answer")
        if start is None or "*" in tainted:
            reached.add("*")
            continue
        for grade_id, source in cells[start + 1:]:
            if grade_id == exercise:
                continue
            forms = variants.get(grade_id, [source])
            judged = [reads_before_binding(code, tainted) for code in forms]
            if any(reads for reads, _ in judged):
                if grade_id:
                    reached.add(grade_id.removesuffix("_answer"))
                tainted |= set().union(*(written_names(code) for code in forms))
                if "*" in tainted:
                    reached.add("*")
                    break
            else:
                tainted -= set.intersection(*(bound for _, bound in judged))
    return found


def notebooks(wrong: Sequence, reach: dict[str, set[str]]) -> list[list]:
    """Known-wrong answers grouped into notebooks, first fit: at most one per exercise, and
    none whose exercise's answer may reach another's in the same notebook."""
    def clash(a, b) -> bool:
        return a.exercise == b.exercise or any(
            "*" in reach.get(x.exercise, {"*"}) or y.exercise in reach.get(x.exercise, {"*"}) for x, y in ((a, b), (b, a)))

    groups: list[list] = []
    for answer in wrong:
        group = next((g for g in groups if not any(clash(answer, other) for other in g)), None)
        if group is None:
            groups.append([answer])
        else:
            group.append(answer)
    return groups
