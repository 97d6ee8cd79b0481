"""The conversation core: Telegram-agnostic, shared by the terminal chat and the bot."""
