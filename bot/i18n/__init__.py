"""Interface strings (gettext catalogues compiled at start) and locale-aware formatting."""
