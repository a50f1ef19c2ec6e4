"""Non-interactive commands: each module handles one subcommand and imports what it needs."""
