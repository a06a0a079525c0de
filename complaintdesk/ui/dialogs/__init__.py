"""The dialogs of the agent and admin screens: forms whose OK runs one service call."""
