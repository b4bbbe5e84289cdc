"""The Textual application: holds the bank, the store, the profile and the clock, and decides
which screen shows what the other screens ask for (their messages in `trainer.ui.messages`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from trainer.commands.errors import failure_line
from trainer.core.cards.bank import Bank
from trainer.core.cards.model import Card
from trainer.core.config.checks import known_keymap, setting_problems
from trainer.core.config.file import UserConfig
from trainer.core.config.template import save_theme
from trainer.core.history.digest_cache import DigestCache
from trainer.core.practice.finish import unfinished_draft
from trainer.core.practice.plan import PairPlan, default_profile, draft_in_words, next_card
from trainer.core.schedule.scheduler import Queue
from trainer.core.store.database import Store
from trainer.core.store.drafts import DraftStore
from trainer.core.store.files import CorruptFile, DataError
from trainer.core.store.records import Draft, Mode, Phase
from trainer.ui.clock import Clock, SystemClock
from trainer.ui.commands import TrainerCommands
from trainer.ui.data_watch import DataWatch
from trainer.ui.messages import DrillCard, GoHome, OpenAttempt, Review, StartPair, SwapRoles
from trainer.ui.safe_text import SafeTextApp
from trainer.ui.screens.bank_loading import BankLoader, BankLoadingScreen
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.modals import ResumeScreen

# The screens past home are imported where they open: their modules load the grader, the
# scheduler's FSRS and markdown-it, which a start that only shows home does not need.

DARK_VARIABLES = {"keyword-core": "#f2c14e", "keyword-bonus": "#7cc7ff", "timer-warning": "#f2c14e"}
LIGHT_VARIABLES = {
    "keyword-core": "#8a5a00",
    "keyword-bonus": "#0b5cad",
    "timer-warning": "#8a5a00",
}


PAIR_SAFE_SYSTEM_COMMANDS = {"Theme", "Quit", "Keys"}


class TrainerApp(SafeTextApp):
    """Rehearse interview questions: drills, review, scheduling."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
        # Not priority: in an editor "?" is text; F1 works everywhere.
        Binding("f1,question_mark", "help", "Help", id="help", show=False),
    ]

    def __init__(
        self,
        bank: Bank,
        store: Store,
        profile: str | None = None,
        clock: Clock | None = None,
        pair: PairPlan | None = None,
        config: UserConfig | None = None,
        new_database: Path | None = None,
        bank_loader: BankLoader | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.bank_loader = bank_loader  # reads the bank behind a first screen (`bank` is empty)
        self.config = config
        self.new_database = new_database  # shown on home: a mistyped --db is seen at once
        self.store = store
        self.drafts = DraftStore(store.paths.drafts, read_only=bool(store.read_only))
        self.data_watch = DataWatch(self)  # read-only, other windows, damage, restores, saves
        self.clock: Clock = clock or SystemClock()
        self.profile = store.ensure_profile(profile or default_profile(store.profiles())).name
        self.pair_plan = pair
        self.digests = DigestCache.in_user_cache()  # progress and missed concepts, counted

    async def action_quit(self) -> None:
        """ctrl+q: once the keys typed before it are in (a drill records them and keeps its
        draft as it closes)."""
        screen = self.screen
        if not isinstance(screen, TrainerScreen):
            self.exit()
            return

        def leave() -> None:
            from trainer.ui.screens.practice import PracticeScreen  # after home: not at start

            if isinstance(screen, PracticeScreen):
                screen.take_typed()
            self.exit()

        screen.after_typing(leave)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands; in a pair interview only those that cannot reveal
        the rubric (no screenshots of the interviewer's view, no maximised panes)."""
        from trainer.ui.screens.pair import PairScreen

        for command in super().get_system_commands(screen):
            if not isinstance(screen, PairScreen) or command.title in PAIR_SAFE_SYSTEM_COMMANDS:
                yield command

    def get_theme_variable_defaults(self) -> dict[str, str]:
        dark = self.current_theme.dark if self.current_theme else True
        return DARK_VARIABLES if dark else LIGHT_VARIABLES

    def on_mount(self) -> None:
        self.data_watch.start()
        if self.config is not None:
            self._apply_config(self.config)
        if self.bank_loader is not None:
            self.push_screen(BankLoadingScreen(self.bank_loader), self._bank_read)
        else:
            self._open_home()

    def _bank_read(self, bank: Bank | None) -> None:
        if bank is not None:
            self.bank = bank
        self._open_home()

    def _open_home(self) -> None:
        self.push_screen(HomeScreen())
        if self.pair_plan is not None:
            self._start_pair(self.pair_plan)
        else:
            self.action_resume_draft()

    # -- the config file -------------------------------------------------------------------------

    def _apply_config(self, config: UserConfig) -> None:
        """Theme and remapped keys from the config file; every problem is a toast naming the
        file, line and key, and the app goes on with the defaults."""
        from trainer.ui.keymap import binding_ids

        # Finding every binding imports every screen (the grader, markdown-it): only when the
        # config remaps keys.
        ids = binding_ids() if config.keys else set()
        problems = [*config.problems, *setting_problems(config, ids, self.available_themes)]
        if config.theme is not None and config.theme in self.available_themes:
            self.theme = config.theme
        self.set_keymap(known_keymap(config, ids))
        for problem in problems:
            self.notify(str(problem), title="config.toml", severity="warning", timeout=12)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the app is written to the config file, for the next start."""
        if self.config is None:
            return
        try:
            save_theme(self.config.path, theme.name)
        except (OSError, ValueError) as error:
            line = failure_line(error, self.config.path)
            self.notify(f"The theme was not saved: {line}", severity="warning", timeout=8)

    # -- today -----------------------------------------------------------------------------------

    def today_queue(self) -> Queue:
        card_ids = [card.id for card in self.bank.cards]
        return self.store.queue(self.profile, card_ids, self.clock.now())

    def pending_draft(self) -> Draft | None:
        """The profile's drill to resume, if any (a damaged draft is reported and set aside)."""
        try:
            busy = self.data_watch.busy_drills()
            return unfinished_draft(self.store, self.drafts, self.profile, busy)
        except CorruptFile as error:
            self.notify(str(error), severity="warning", timeout=8)
            return None

    # -- actions (home keys and the command palette) ---------------------------------------------

    def action_start_next(self) -> None:
        card = next_card(self.today_queue(), self.bank)
        if card is None:
            self.notify(
                "Nothing due and today's new cards are started: m for one more new card, "
                "b to drill any card.",
                timeout=5,
            )
            return
        self._drill(card)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_browse(self) -> None:
        from trainer.ui.screens.bank_browser import BankBrowser

        self.push_screen(BankBrowser(self.bank))

    def action_history(self) -> None:
        from trainer.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        from trainer.ui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_missed(self) -> None:
        from trainer.ui.screens.progress import MissedConceptsScreen

        self.push_screen(MissedConceptsScreen())

    def action_pair(self) -> None:
        from trainer.ui.screens.pair_setup import PairSetupScreen

        self.push_screen(PairSetupScreen(interviewer=self.profile))

    def action_resume_draft(self) -> None:
        draft = self.pending_draft()
        card = self.bank.by_id(draft.card_id) if draft else None
        if draft is None or card is None:
            return
        description = draft_in_words(card, draft)

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self._drill(card, draft)
            elif choice == "discard":
                self.drafts.discard(draft.attempt_id)
                self._refresh_home()

        self.push_screen(ResumeScreen(description), chosen)

    def action_resume_now(self) -> None:
        """r on home: the unfinished drill, at once (the dialog is for starting the app)."""
        draft = self.pending_draft()
        card = self.bank.by_id(draft.card_id) if draft else None
        if draft is None or card is None:
            self.notify("No unfinished drill to resume.", timeout=4)
            return
        self._drill(card, draft)

    def action_one_more_new(self) -> None:
        """Past the day's new cards: one more, as Anki's custom study gives."""
        from trainer.core.practice.plan import one_more_new_card

        card = one_more_new_card(self.store.schedule(self.profile), self.bank)
        if card is None:
            self.notify("Every card in the bank has been drilled: b to drill any of them.")
            return
        self._drill(card)

    def action_settings(self) -> None:
        from trainer.ui.screens.settings import SettingsScreen

        screen = SettingsScreen(self.store.settings(self.profile))
        self.push_screen(screen, lambda _: self._refresh_home())

    def action_undo_rating(self) -> None:
        """Undo the profile's last rating and say what was undone (or that nothing was)."""
        from trainer.core.practice.undo_rating import undo

        try:
            undone = undo(self.store, self.profile)
        except DataError as error:
            self.notify(f"Nothing was undone: {error}", severity="error", timeout=8)
            return
        if undone is None:
            self.notify(f"Nothing to undo for {self.profile}.", timeout=4)
        else:
            self.notify(undone.sentence(self.clock.now()), title="Undone", timeout=6)
        self._refresh_home()

    def action_switch_profile(self) -> None:
        from trainer.core.store.profiles import known_names

        names = known_names(self.store)

        def chosen(name: str | None) -> None:
            if name:
                self.profile = self.store.ensure_profile(name).name
            self._refresh_home()  # also after a rename or a deletion, and on escape
            if name:
                self.action_resume_draft()

        from trainer.ui.screens.profiles import ProfileScreen

        self.push_screen(ProfileScreen(names, self.profile), chosen)

    # -- what screens ask for --------------------------------------------------------------------

    @on(DrillCard)
    def _drill_card(self, message: DrillCard) -> None:
        self._drill(message.card, message.draft)

    @on(Review)
    def _review(self, message: Review) -> None:
        from trainer.ui.screens.review import ReviewScreen

        self.switch_screen(ReviewScreen(message.session))

    @on(StartPair)
    def _start_pair_instead(self, message: StartPair) -> None:
        self._start_pair(message.plan, replace=True)

    @on(SwapRoles)
    def _swap_roles(self, message: SwapRoles) -> None:
        finished = message.finished
        plan = PairPlan(finished.profile, finished.interviewer or "", None, finished.typed)
        self._start_pair(plan, replace=True)

    @on(GoHome)
    def _go_home(self) -> None:
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self._refresh_home()

    @on(OpenAttempt)
    def _open_attempt(self, message: OpenAttempt) -> None:
        try:
            attempt = self.store.attempt(message.attempt_id)
        except DataError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if attempt is not None:
            from trainer.ui.screens.attempt import AttemptScreen

            self.push_screen(AttemptScreen(attempt, self.bank.by_id(attempt.card_id)))

    # -- starting sessions -----------------------------------------------------------------------

    def _drill(self, card: Card, draft: Draft | None = None) -> None:
        from trainer.core.practice.session import DrillSession
        from trainer.ui.screens.drill import DrillScreen
        from trainer.ui.screens.pair import PairScreen
        from trainer.ui.screens.review import ReviewScreen

        if draft is not None:
            session = DrillSession.from_draft(card, draft)
        else:
            session = DrillSession(card, self.profile, self.clock.now())
        if session.mode is Mode.PAIR:
            self.push_screen(PairScreen(session))
        elif session.phase is Phase.REVIEW:
            self.push_screen(ReviewScreen(session))
        else:
            self.push_screen(DrillScreen(session))

    def _start_pair(self, plan: PairPlan, replace: bool = False) -> None:
        """Begin a pair interview; the card is the candidate's next unless one was chosen."""
        # Only the candidate becomes a profile: an interviewer who never answers does not
        # clutter `p` (they choose to become one by creating it there).
        interviewer = plan.interviewer.strip()
        candidate = self.store.ensure_profile(plan.candidate).name
        if plan.card_id is not None:
            card = self.bank.by_id(plan.card_id)
            missing = f"No card {plan.card_id!r} in the bank."
        else:
            queue = self.store.queue(candidate, [c.id for c in self.bank.cards], self.clock.now())
            card = next_card(queue, self.bank)
            missing = f"Nothing due or new for {candidate} today: choose a card in the setup."
        if card is None:
            self.notify(missing, severity="error", timeout=6)
            return
        from trainer.core.practice.session import DrillSession
        from trainer.ui.screens.pair import PairScreen

        session = DrillSession(
            card,
            candidate,
            self.clock.now(),
            mode=Mode.PAIR,
            interviewer=interviewer,
            typed=plan.typed,
        )
        if replace:
            self.switch_screen(PairScreen(session))
        else:
            self.push_screen(PairScreen(session))

    def on_unmount(self) -> None:
        self.data_watch.stop()

    def _refresh_home(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_today()


def run_app(
    bank: Bank,
    store: Store,
    profile: str | None,
    pair: PairPlan | None = None,
    config: UserConfig | None = None,
    new_database: Path | None = None,
    bank_loader: BankLoader | None = None,
) -> int:
    """Run the app until the user quits (with `bank_loader`, `bank` is read by the app)."""
    app = TrainerApp(
        bank,
        store,
        profile,
        pair=pair,
        config=config,
        new_database=new_database,
        bank_loader=bank_loader,
    )
    app.run()
    for line in app.data_watch.exit_lines:
        print(f"trainer: {line}", file=sys.stderr)
    return app.return_code or 0  # a crash (a traceback was shown) exits non-zero
