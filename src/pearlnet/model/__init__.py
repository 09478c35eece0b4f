"""The model: what the Compose project declares, and what Docker will make of it."""
