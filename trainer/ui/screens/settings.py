"""Settings: the profile's scheduling and drill choices, checked as `trainer settings` checks
them (one module parses both), saved with ctrl+s."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Switch

from trainer.core.schedule.scheduler import Settings
from trainer.core.schedule.setting_values import (
    SETTING_KEYS,
    SettingError,
    SettingKey,
    setting_key,
    shown_value,
    with_values,
)
from trainer.core.store.files import DataError
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen


class SettingsScreen(TrainerScreen):
    """One row per setting; ctrl+s checks and saves them all, escape leaves unsaved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
        Binding("escape", "app.pop_screen", "Back (unsaved)", id="settings.back"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings", classes="form"):
            for setting in SETTING_KEYS:
                with Horizontal(classes="setting-row"):
                    shown = (
                        setting.label
                        if setting.kind is bool
                        else f"{setting.label} ({setting.allowed})"
                    )
                    yield Label(shown, classes="setting-label")
                    yield from self._field(setting)
            yield Label(literal(self._theme_line()), id="settings-theme", classes="dialog-keys")
            yield Label("", id="settings-error")
        yield Footer()

    def _field(self, setting: SettingKey) -> ComposeResult:
        value = shown_value(self.settings, setting)
        if setting.kind is bool:
            yield Switch(value == "on", id=setting.key)
            yield Label(value, id=f"{setting.key}-state", classes="switch-state")
        else:
            kind: Literal["integer", "number"] = "integer" if setting.kind is int else "number"
            yield Input(value, type=kind, id=setting.key, classes="setting-input")

    def _theme_line(self) -> str:
        config = self.trainer.config
        where = f"saved in {config.path}" if config else "for this session"
        return f"Theme: ctrl+p, then 'theme' ({where})"

    def on_mount(self) -> None:
        self.title = "Settings"
        self.sub_title = f"profile {self.trainer.profile}"  # the header shows it literally
        self.query_one(f"#{SETTING_KEYS[0].key}", Input).focus()

    @on(Switch.Changed)
    def _show_state(self, event: Switch.Changed) -> None:
        self.query_one(f"#{event.switch.id}-state", Label).update("on" if event.value else "off")

    @on(Input.Submitted, ".setting-input")
    def _next_field(self) -> None:
        self.focus_next()

    def typed_values(self) -> dict[str, str]:
        """What the form holds, as the text `--set` would take."""
        values = {}
        for setting in SETTING_KEYS:
            if setting.kind is bool:
                values[setting.key] = (
                    "on" if self.query_one(f"#{setting.key}", Switch).value else "off"
                )
            else:
                values[setting.key] = self.query_one(f"#{setting.key}", Input).value
        return values

    def action_save(self) -> None:
        self.after_typing(self._save)  # the value typed just before ctrl+s is in

    def _save(self) -> None:
        error = self.query_one("#settings-error", Label)
        try:
            chosen = with_values(self.settings, self.typed_values())
        except SettingError as problem:
            error.update(str(problem))
            key = str(problem).split(":", 1)[0]
            self.query_one(f"#{setting_key(key).key}").focus()
            return
        app = self.trainer
        try:
            app.store.update_settings(app.profile, chosen)
        except (OSError, DataError) as failure:  # the store's errors are one line each
            error.update(f"Not saved: {failure}")
            return
        app.notify(f"Settings saved for {app.profile}.", timeout=4)
        self.dismiss()
