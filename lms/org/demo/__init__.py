"""Demo data for ``make demo``: four organisations with realistic unit trees,
their position titles, about 300 people with a history, and one login per
role. ``build()`` is safe to run again; it adds only what is missing.

``units``, ``namebook``, ``people`` and ``logins`` are plain data; ``build``
writes them to the database.
"""

from .build import DemoSummary, build

__all__ = ["DemoSummary", "build"]
