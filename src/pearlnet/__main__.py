from __future__ import annotations

from pearlnet.cli import main

raise SystemExit(main())
