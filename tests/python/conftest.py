import os
import shutil
from pathlib import Path

import pytest

from cscare.schemas import sample_file

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dfe_samples_raw(tmp_path_factory) -> Path:
    """The DfE's published sample files, laid out as one LA's returns."""
    raw = tmp_path_factory.mktemp("dfe_samples")
    (raw / "201" / "2022").mkdir(parents=True)
    (raw / "201" / "2020" / "ssda903").mkdir(parents=True)
    shutil.copy(sample_file("cin-2022.xml"), raw / "201" / "2022" / "cin_census.xml")
    shutil.copy(sample_file("social_work_workforce_2022.xml"), raw / "201" / "2022" / "csww.xml")
    shutil.copy(sample_file("SSDA903_2020_episodes.csv"), raw / "201" / "2020" / "ssda903" / "episodes.csv")
    return raw
