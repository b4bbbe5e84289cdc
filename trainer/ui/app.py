"""The Textual application: holds the bank, the store, the profile and the clock; every screen
is pushed from here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from trainer.core.cards.bank import Bank, load_bank
from trainer.core.cards.model import Card
from trainer.core.practice.drafts import Draft, DraftStore
from trainer.core.practice.session import DrillSession, Phase
from trainer.core.schedule.scheduler import Queue
from trainer.core.store.database import Store
from trainer.core.store.files import CorruptFile, DataError
from trainer.core.store.records import DEFAULT_PROFILE
from trainer.ui.clock import Clock, SystemClock
from trainer.ui.commands import TrainerCommands
from trainer.ui.screens.attempt import AttemptScreen
from trainer.ui.screens.bank_browser import BankBrowser
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.history import HistoryScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.modals import ProfileScreen, ResumeScreen
from trainer.ui.screens.pair import PairScreen
from trainer.ui.screens.pair_setup import PairPlan, PairSetupScreen
from trainer.ui.screens.progress import MissedConceptsScreen, ProgressScreen
from trainer.ui.screens.review import ReviewScreen

DARK_VARIABLES = {"keyword-core": "#f2c14e", "keyword-bonus": "#7cc7ff", "timer-warning": "#f2c14e"}
LIGHT_VARIABLES = {
    "keyword-core": "#8a5a00",
    "keyword-bonus": "#0b5cad",
    "timer-warning": "#8a5a00",
}


class TrainerApp(App[None]):
    """Rehearse interview questions: drills, review, scheduling."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False)]

    def __init__(
        self,
        bank: Bank,
        store: Store,
        profile: str | None = None,
        clock: Clock | None = None,
        pair: PairPlan | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.store = store
        self.drafts = DraftStore(store.paths.drafts)
        self.clock: Clock = clock or SystemClock()
        self.profile = store.ensure_profile(profile or self._first_profile()).name
        self.pair_plan = pair

    def _first_profile(self) -> str:
        profiles = self.store.profiles()
        return profiles[0].name if profiles else DEFAULT_PROFILE

    def get_theme_variable_defaults(self) -> dict[str, str]:
        dark = self.current_theme.dark if self.current_theme else True
        return DARK_VARIABLES if dark else LIGHT_VARIABLES

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.pair_plan is not None:
            self.start_pair(self.pair_plan)
        else:
            self.offer_draft()

    # -- today -----------------------------------------------------------------------------------

    def today_queue(self) -> Queue:
        card_ids = [card.id for card in self.bank.cards]
        return self.store.queue(self.profile, card_ids, self.clock.now())

    def pending_draft(self) -> Draft | None:
        try:
            return self.drafts.load(self.profile)
        except CorruptFile as error:
            self.notify(str(error), severity="warning", timeout=8)
            return None

    def offer_draft(self) -> None:
        draft = self.pending_draft()
        card = self.bank.by_id(draft.card_id) if draft else None
        if draft is None or card is None:
            return
        used = sum(draft.seconds_used.values()) / 60
        description = f"{card.title} ({draft.phase} phase, {used:.0f} min used)"

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.start_drill(card, draft)
            elif choice == "discard":
                self.drafts.discard(self.profile)
                self.refresh_home()

        self.push_screen(ResumeScreen(description), chosen)

    # -- actions ---------------------------------------------------------------------------------

    def action_start_next(self) -> None:
        next_id = self.today_queue().next_card
        card = self.bank.by_id(next_id) if next_id else None
        if card is None:
            self.notify("Nothing due today: browse the bank (b) to drill any card.", timeout=4)
            return
        self.start_drill(card)

    def action_browse(self) -> None:
        self.push_screen(BankBrowser(self.bank))

    def action_history(self) -> None:
        self.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        self.push_screen(ProgressScreen())

    def action_missed(self) -> None:
        self.push_screen(MissedConceptsScreen())

    def open_attempt(self, attempt_id: str) -> None:
        try:
            attempt = self.store.attempt(attempt_id)
        except DataError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        if attempt is not None:
            self.push_screen(AttemptScreen(attempt, self.bank.by_id(attempt.card_id)))

    def action_resume_draft(self) -> None:
        self.offer_draft()

    def action_switch_profile(self) -> None:
        names = [profile.name for profile in self.store.profiles()]

        def chosen(name: str | None) -> None:
            if name:
                self.profile = self.store.ensure_profile(name).name
                self.refresh_home()
                self.offer_draft()

        self.push_screen(ProfileScreen(names, self.profile), chosen)

    def start_drill(self, card: Card, draft: Draft | None = None) -> None:
        if draft is not None:
            session = DrillSession.from_draft(card, draft)
        else:
            session = DrillSession(card, self.profile, self.clock.now())
        if session.mode == "pair":
            self.push_screen(PairScreen(session))
        elif session.phase is Phase.REVIEW:
            self.open_review(session)
        else:
            self.push_screen(DrillScreen(session))

    def action_pair(self) -> None:
        self.push_screen(PairSetupScreen(interviewer=self.profile))

    def start_pair(self, plan: PairPlan, replace: Screen[None] | None = None) -> None:
        """Begin a pair interview; the card is the candidate's next due unless one was chosen."""
        interviewer = self.store.ensure_profile(plan.interviewer).name
        candidate = self.store.ensure_profile(plan.candidate).name
        card_id = plan.card_id
        if card_id is None:
            queue = self.store.queue(candidate, [c.id for c in self.bank.cards], self.clock.now())
            card_id = queue.next_card or (self.bank.cards[0].id if self.bank.cards else None)
        card = self.bank.by_id(card_id) if card_id else None
        if card is None:
            self.notify(f"No card {card_id!r} in the bank.", severity="error")
            return
        session = DrillSession(
            card,
            candidate,
            self.clock.now(),
            mode="pair",
            interviewer=interviewer,
            typed=plan.typed,
        )
        screen = PairScreen(session)
        if replace is not None and self.screen is replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def swap_pair(self, finished: DrillSession) -> None:
        """The next question with the roles reversed, from the new candidate's queue."""
        plan = PairPlan(finished.profile, finished.interviewer or "", None, finished.typed)
        self.start_pair(plan, replace=self.screen)

    def open_review(self, session: DrillSession) -> None:
        if isinstance(self.screen, DrillScreen):
            self.switch_screen(ReviewScreen(session))
        else:
            self.push_screen(ReviewScreen(session))

    def go_home(self) -> None:
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.refresh_home()

    def refresh_home(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_today()


def run_app(
    roots: Sequence[Path], store: Store, profile: str | None, pair: PairPlan | None = None
) -> int:
    """Load the bank and run the app until the user quits."""
    TrainerApp(load_bank(roots), store, profile, pair=pair).run()
    return 0
