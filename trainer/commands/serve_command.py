"""`trainer serve`: the same app in a web browser, through textual-serve.

Each browser tab runs its own `trainer` process on the same database (the store's lock keeps
them from losing each other's saves). The page needs nothing from the internet: textual-serve's
page asks Google Fonts for its font, so it is served with that link replaced by the copy of the
font that textual-serve ships."""

from __future__ import annotations

import errno
import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from trainer.commands.context import Context
from trainer.commands.errors import CommandError

_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
_LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
      }
    </style>"""
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def app_command(context: Context) -> str:
    """The shell command each browser session runs: this trainer, on the same data."""
    parts = [sys.executable, "-m", "trainer", "--db", str(context.db)]
    for root in context.roots:
        parts += ["--bank", str(root)]
    if context.profile:
        parts += ["--profile", context.profile]
    return shlex.join(parts)


def offline_page(textual_serve_templates: Path, folder: Path) -> Path:
    """textual-serve's page template with the font served locally; returns its folder."""
    page = (textual_serve_templates / "app_index.html").read_text(encoding="utf-8")
    page = _FONT_LINK.sub(lambda _: _LOCAL_FONT, page)
    if "fonts.googleapis.com" in page:
        raise CommandError(
            "this textual-serve's page loads its font from the internet in a way trainer "
            "does not know how to replace; install textual-serve 1.1"
        )
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


def serve(context: Context, host: str, port: int, out: TextIO) -> int:
    """Serve the app on http://host:port until interrupted (ctrl+c)."""
    import textual_serve
    from textual_serve.server import Server

    if not 0 < port < 65536:
        raise CommandError(f"--port {port}: a port is a number from 1 to 65535")
    package = Path(textual_serve.__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="trainer-serve-") as folder:
        templates = offline_page(package / "templates", Path(folder))
        server = Server(
            app_command(context),
            host=host,
            port=port,
            title="trainer",
            statics_path=package / "static",
            templates_path=templates,
        )
        url = f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"
        out.write(f"trainer in a browser: open {url} (ctrl+c stops it)\n")
        if host not in LOOPBACK:
            out.write(
                f"warning: {host} is reachable from other machines and there is no password: "
                "anyone who can reach it can use the app and read your answers\n"
            )
        out.flush()
        try:
            server.serve()
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"port {port} on {host} is already in use: choose another with --port"
                ) from None
            raise
    return 0
