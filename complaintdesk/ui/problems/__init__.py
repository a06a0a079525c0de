"""Problems: the Problems window, candidate clusters, satisfaction and the voice of the
customer."""
