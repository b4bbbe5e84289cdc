"""Command-line subcommands: plain text or JSON out, no Textual."""
