"""The UI-free domain: cards, bank, budgets (and later matching, scoring, storage)."""
