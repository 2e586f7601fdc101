"""Answer kinds: how an exercise checks the value a learner stores, shared by every module.

A kind gives a sanity message that teaches without giving the answer away, and a score
between 0 and 1 (partial credit) against the expected value. Kinds only one module needs
live beside that module's exercise table (``crosstrain.notebook.exercises.<module>.kinds``).

- ``scalars``: ``Count``, ``Share``, ``Amount``, ``Label``, ``Mapping``;
- ``by_key``: one value per key; ``by_label``: a number per label, named parts, days;
- ``rates``: a table of rates, a ranking; ``credit``: credit split between channels;
- ``relabel``: raw spellings mapped to canonical labels.
"""

from crosstrain.notebook.answers.by_key import ByKey
from crosstrain.notebook.answers.by_label import ByLabel, Days, Parts
from crosstrain.notebook.answers.credit import Credit
from crosstrain.notebook.answers.rates import RankedLabels, RateTable
from crosstrain.notebook.answers.relabel import Relabel
from crosstrain.notebook.answers.scalars import (
           Amount,
           Count,
           Label,
           Mapping,
           Share,
           type_name,
)

__all__ = ["Amount", "ByKey", "ByLabel", "Count", "Credit", "Days", "Label", "Mapping", "Parts", "RankedLabels",
           "RateTable", "Relabel", "Share", "type_name"]
