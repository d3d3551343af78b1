"""The version of the course's code: the one number in ``pyproject.toml``, read from the installed
distribution (``importlib.metadata``); ``0+unknown`` for a source tree that is not installed."""

from importlib import metadata

try:
    __version__ = metadata.version("rmc-course")
except metadata.PackageNotFoundError:
    __version__ = "0+unknown"
