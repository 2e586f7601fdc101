"""``crosstrain validate --mutants``: the graders tested against mutated reference solutions.

Hand-written mistakes in ``graders/`` prove the mistakes someone thought of; mutants prove
the rest. ``operators`` rewrites a solution cell's syntax tree one small change at a time
(a boundary, an aggregate, a filter, a number, a denominator, missing values, a join),
``replay`` runs a module's lesson once in this process and grades a mutated answer cell
with the module's own hidden test, and ``score`` counts, per module, the share of mutants
that change the answer and lose at least half of the exercise's points.
"""
