"""Reading the whole: queues and saved views, search, the dashboard and returns, exports,
workload, problems, satisfaction and the voice of the customer."""
