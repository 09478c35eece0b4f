"""Loading: Compose v2 builds the model, the original YAML supplies positions."""
