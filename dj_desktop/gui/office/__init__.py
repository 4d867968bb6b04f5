"""Office mode: the pages of the office window (branches, books, conflicts, compliance, imports)."""
