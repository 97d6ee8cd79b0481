"""SQLite storage: one connection factory, numbered migrations, one repository per table group."""
