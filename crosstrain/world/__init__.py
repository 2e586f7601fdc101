"""The synthetic CRM world: recipe, generator, storage and loader.

The bottom layer: it imports nothing of ours but ``crosstrain.errors`` and ``crosstrain.paths``.
"""
