"""Question cards: the model, the parser, sections, budgets and the bank."""
