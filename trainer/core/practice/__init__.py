"""A drill or interview in progress, its clock, its draft, and finishing it."""
