"""Python Basics with NumPy: the course's checks, and the tools that grade it."""

__version__ = "0.1.0"
