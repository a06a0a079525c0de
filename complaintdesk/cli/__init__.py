"""The command line: a client like the GUI, one module per command group.

``main`` parses and runs a command; ``common`` is what every command shares (its options,
the one way to open the database as the command line, passwords, printing); each other
module declares one group of commands (``database``, ``mail``, ``privacy``…) and is imported
only when its words are used. Command modules import ``common`` and ``app``, never ``main``
or each other.
"""

from complaintdesk.cli.main import run

__all__ = ["run"]
