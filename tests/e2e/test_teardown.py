"""Runs after the stack module: the stack came down with nothing left behind."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import NETWORKS, PROJECT
from tests.e2e.engines import LABEL

pytestmark = pytest.mark.docker


def test_stack_left_nothing_behind(docker_api: Any) -> None:
    label = f"com.docker.compose.project={PROJECT}"
    assert docker_api.containers.list(all=True, filters={"label": label}) == []
    assert docker_api.volumes.list(filters={"label": label}) == []
    assert [n.name for n in docker_api.networks.list(names=list(NETWORKS)) if n.name in NETWORKS] == []


def test_engine26_left_nothing_behind(docker_api: Any) -> None:
    assert docker_api.containers.list(all=True, filters={"label": LABEL}) == []
    assert docker_api.volumes.list(filters={"label": LABEL}) == []
