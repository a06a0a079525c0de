"""The shop counter: the counter form and the printed receipt."""
