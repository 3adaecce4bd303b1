"""wxlint: a compliance and flow linter for WeChat mini-program source code."""

__version__ = "0.1.0"
