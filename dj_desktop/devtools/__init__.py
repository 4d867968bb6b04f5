"""Developer tools (not used by the running program)."""
