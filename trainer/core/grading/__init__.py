"""Grading an answer: words -> keyword spans -> passages -> concept evidence -> score and band."""
