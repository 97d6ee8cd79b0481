"""Info-service for foreign residents of Plzeň: curated answers and a human handoff."""
