"""Companion: a calm terminal companion for outbound calling blocks."""

__version__ = "0.1.0"
