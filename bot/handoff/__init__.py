"""Passing a resident's question to a human assistant: requests, tickets, working hours."""
