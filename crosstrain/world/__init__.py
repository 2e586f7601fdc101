"""The synthetic CRM world: recipe, generator, storage and loader."""
