"""A profile's settings: the drill choices beside the scheduling ones, stored and validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store


def test_drill_choices_default_and_are_stored_per_profile(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    assert (Settings().blind_by_default, Settings().time_alerts, Settings().bell) == (
        False,
        True,
        True,
    )
    chosen = Settings(blind_by_default=True, time_alerts=False, bell=False, maximum_interval=90)
    store.update_settings("ana", chosen)
    assert Store.open(tmp_path / "trainer.json").settings("ana") == chosen
    assert store.settings("ben") == Settings()


def test_a_profile_saved_before_the_drill_choices_reads_their_defaults(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    store.update_settings("ana", Settings(new_per_day=3, fuzz=False))
    data = json.loads(store.paths.main.read_text())
    for doc in data["settings"].values():  # as an older release wrote it
        for key in ("blind_by_default", "time_alerts", "bell", "maximum_interval"):
            del doc[key]
    store.paths.main.write_text(json.dumps(data))
    old = Store.open(tmp_path / "trainer.json").settings("ana")
    assert old == Settings(new_per_day=3, fuzz=False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bell", "yes", "bell must be on or off"),
        ("time_alerts", 1, "time alerts must be on or off"),
        ("blind_by_default", None, "blind by default must be on or off"),
        ("maximum_interval", 0, "maximum interval must be between 1 and 36500 days"),
    ],
)
def test_settings_that_cannot_be_used_say_why(field: str, value: object, message: str) -> None:
    assert Settings(**{field: value}).problems() == [message]  # type: ignore[arg-type]


def test_a_stored_drill_choice_of_the_wrong_type_is_damage_not_a_crash(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    store.update_settings("ana", Settings(new_per_day=3))
    data = json.loads(store.paths.main.read_text())
    for doc in data["settings"].values():
        doc["bell"] = "loud"
    store.paths.main.write_text(json.dumps(data))
    assert Store.open(tmp_path / "trainer.json").settings("ana") == Settings()
