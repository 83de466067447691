"""Search keeps no models of its own: its indexes live beside the tables they index.

This module exists so that Django sends this app the post_migrate signal (it skips apps
without a models module), after which the SQLite FTS5 triggers are ensured.
"""
