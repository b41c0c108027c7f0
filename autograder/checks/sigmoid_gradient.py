"""Checks of this notebook."""

CHECKS = []
