"""Published pages served at the speed of static files: whole anonymous pages kept as files, and
the exact invalidation that keeps them fresh (docs/adr/0006-published-pages-as-files.md)."""
