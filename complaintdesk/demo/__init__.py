"""Demo and benchmark data: a believable organisation and its complaints, generated.

A client of the services and of bulk storage, like the GUI and the command line: nothing in
``services``, ``storage``, ``domain`` or ``channels`` imports it.
"""
