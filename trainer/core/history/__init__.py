"""Looking back: filters, comparisons, progress, concepts missed, export."""
