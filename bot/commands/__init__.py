"""The command line's subcommands, one module each (see bot/cli.py)."""
