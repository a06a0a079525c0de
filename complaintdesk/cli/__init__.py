"""The command line: a client like the GUI, one module per command group.

``main`` builds the parser and runs a command; each other module declares one group of
commands (``mail``, ``social``, ``privacy``…) and is imported only when its words are used.
"""

from complaintdesk.cli.main import run

__all__ = ["run"]
