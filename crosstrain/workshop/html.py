"""The page shell every workshop handout shares: escaping, screen and print CSS, writing.

Pages are self-contained (no scripts, no external files) so they open from a USB stick,
print cleanly, and can be projected from any laptop.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from crosstrain.course.atomic import write_text_atomic

BASE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 60rem;
       color: #1d2433; line-height: 1.45; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.2; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #c8cdd8; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
code { background: #f3f4f7; padding: 0 .2rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def page(title: str, body_html: str, css: str = "", refresh_seconds: int | None = None) -> str:
    """A complete HTML document; ``refresh_seconds`` makes the browser reload it."""
    refresh = f'<meta http-equiv="refresh" content="{int(refresh_seconds)}">\n' if refresh_seconds else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"{refresh}<title>{escape(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body_html}\n</body>\n</html>\n"
    )


def markdown_to_html(text: str) -> str:
    """Render Markdown (tables included); raw HTML in it is escaped, not passed through."""
    import mistune

    return mistune.create_markdown(escape=True, plugins=["table"])(text)


def write(path: Path | str, text: str) -> Path:
    path = Path(path)
    write_text_atomic(path, text)
    return path
