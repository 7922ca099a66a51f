"""Memory estimates are checked against a configurable limit before anything is allocated."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.limits import check_memory, human, memory_limit, parse_size


def test_sizes_parse_with_and_without_suffixes():
    assert parse_size("512M") == 512 * 2**20
    assert parse_size("16G") == 16 * 2**30
    assert parse_size("1.5k") == 1536
    assert parse_size("1000") == 1000


@pytest.mark.parametrize("bad", ["", "lots", "-1G", "0", "inf"])
def test_bad_limits_are_refused(bad):
    with pytest.raises(ParameterError, match="ALLIANCELAB_MAX_MEMORY"):
        parse_size(bad)


def test_an_estimate_over_the_limit_is_refused_with_both_numbers(monkeypatch):
    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    assert memory_limit() == 2**30
    assert check_memory("--starts", 2**29) == 2**29
    with pytest.raises(ParameterError, match=r"argument --starts: .* about 44\.7 GiB .* limit is 1\.0 GiB"):
        check_memory("--starts", int(44.7 * 2**30))


def test_human_sizes():
    assert human(512) == "512 B" and human(1536) == "1.5 KiB" and human(3 * 2**30) == "3.0 GiB"


def test_the_landscape_heuristic_refuses_a_billion_starts_before_allocating(monkeypatch):
    from alliancelab.theory.landscape import heuristic

    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    with pytest.raises(ParameterError, match=r"argument n_starts: 1,000,000,000 random starts of 6 actors would need"):
        heuristic([1, 2, 3, 4, 5, 6], np.ones((6, 6)) - np.eye(6), n_starts=10**9)
