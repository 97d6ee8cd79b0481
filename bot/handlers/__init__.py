"""python-telegram-bot handlers, thin: read the update, call the core, send its replies."""
