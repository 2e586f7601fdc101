"""What a facilitator prints or projects in a live session.

- ``plan``: an agenda fitted to the session's minutes, with facilitator notes per module.
- ``timing``: the arithmetic that scales or trims syllabus minutes to the session.
- ``notes``: reads ``workshops/notes/<module>.md`` and what the graders know (answers, mistakes).
- ``laer``: the objection-handling checklist and probes the plan and the cards print.
- ``cards``: printable objection cards dealt from the world's call notes.
- ``roster`` and ``leaderboard``: a self-refreshing scores page from the gradebook.
- ``html``: the one page shell (escaping, print CSS, atomic writes) the others share.
- ``variants``: making a workshop's data assignment (a world per team or learner) and its worlds.

It sits on top with ``crosstrain.learner``: it may use the grader (the gradebook) and the
course model, never the command line.
"""
