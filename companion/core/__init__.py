"""The pure core: no textual, no file or network I/O. Time comes from an injected clock."""
