"""What a learner touches in a notebook: ``start`` a module, then check, hint, solve.

    from crosstrain.learn import start
    world, ex = start("00-orientation")
    ex.q1.check(n_leads)
    ex.q1.hint()
"""

from crosstrain.learn.session import start

__all__ = ["start"]
