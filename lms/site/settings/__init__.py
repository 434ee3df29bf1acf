"""Settings split by environment: ``demo`` (default, also for development),
``test`` and ``production`` (everything from environment variables)."""
