"""Spaced repetition: a thin layer over the fsrs package, and the queues."""
