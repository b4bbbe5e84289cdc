"""The user's config file: where it is, what it may say, and writing back a chosen theme."""
