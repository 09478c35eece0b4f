"""The architecture policy (pearlnet.yaml, version 1)."""
