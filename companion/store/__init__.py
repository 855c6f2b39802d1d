"""Durable storage: an append-only journal, folded into a TinyDB archive of one file per month."""
