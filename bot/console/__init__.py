"""The terminal front end: the same conversation core, printed for an 80-column screen."""
