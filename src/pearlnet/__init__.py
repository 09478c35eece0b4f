"""pearlnet: prove a multi-network Docker Compose architecture."""

from __future__ import annotations

__version__ = "0.1.0"
