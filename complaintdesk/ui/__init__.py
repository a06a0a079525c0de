"""The Qt desktop client: dialogs, the main window and item models over services.

This package imports ``complaintdesk.services`` and ``complaintdesk.domain`` only; it never
sees the database, a session or an ORM object.
"""
