"""Editors' reports over the database: data first, rendered to Markdown or CSV after."""
