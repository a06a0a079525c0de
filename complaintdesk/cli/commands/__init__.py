"""One module per command group (``db``, ``mail``, ``sla``…), each declaring its sub-commands.

Every module has ``add_commands(commands, declare)``; :mod:`complaintdesk.cli.main` imports only
the modules the words typed may use, so ``complaintdesk mail poll`` never loads the GUI.
"""
