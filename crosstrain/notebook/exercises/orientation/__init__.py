"""Module 00, orientation.

- ``table``: its exercises (``EXERCISES``).
"""
