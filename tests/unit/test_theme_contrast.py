"""Every built-in theme reads: its text against what it sits on, by the WCAG 2.x contrast ratio
computed from the theme's own colours and the ones Textual derives from them (the same
ColorSystem the screens are painted with: $text, $text-muted, the footer's keys). And on a
16-colour terminal (TERM=linux, plain xterm) or a 256-colour one, no text turns into the
colour of its background."""

from __future__ import annotations

import pytest
from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem as Depth
from textual.color import Color

from companion.themes import ThemeSpec, contrast_ratio, load_themes
from companion.tui.app import to_theme

THEMES = load_themes(None).themes
HIGH_CONTRAST = "companion-high-contrast"
# What text is painted in: the theme's colours and the variables Textual makes from them.
TEXT = (
    "foreground",
    "text",
    "text-muted",
    "primary",
    "secondary",
    "accent",
    "success",
    "warning",
    "error",
    "footer-key-foreground",
)
GROUNDS = ("background", "surface", "panel")
# Text on a tinted strip: (the text, the ground beneath, the tint, its opacity). The block bar
# when time is up or paused and the status line's error (app.tcss), the reset's current step
# ("bold $accent on $accent 20%", widgets/steps.py) on the screen or a panel.
TINTS = (
    ("foreground", "panel", "accent", 0.30),
    ("foreground", "panel", "warning", 0.20),
    ("foreground", "background", "error", 0.25),
    ("foreground", "background", "accent", 0.20),  # the reset's current step (widgets/steps.py)
    ("foreground", "panel", "accent", 0.20),
)
AAA, AA, LARGE = 7.0, 4.5, 3.0


def variables(spec: ThemeSpec) -> dict[str, str]:
    """The CSS variables the app is styled with for this theme, as Textual makes them."""
    return to_theme(spec).to_color_system().generate()


def painted(value: str, ground: Color) -> Color:
    """A variable's colour as it lands on `ground`: "auto 60%" is black or white (whichever
    reads on it) at 60%, "#rrggbb 50%" that colour at half strength; both blend with it."""
    colour, *strength = value.split()
    alpha = float(strength[0].rstrip("%")) / 100 if strength else 1.0
    ink = ground.get_contrast_text(alpha) if colour == "auto" else Color.parse(colour).multiply_alpha(alpha)
    return ground + ink


def pairs(spec: ThemeSpec) -> list[tuple[str, str, Color, Color]]:
    """Every (text, ground) the screens can show, resolved to opaque colours."""
    found = variables(spec)
    result = []
    for ground_name in GROUNDS:
        ground = Color.parse(found[ground_name])
        result += [(name, ground_name, painted(found[name], ground), ground) for name in TEXT]
    for text, beneath, tint, alpha in TINTS:
        ground = Color.parse(found[beneath]) + Color.parse(found[tint]).with_alpha(alpha)
        result.append((text, f"{beneath} + {tint} {alpha:.0%}", painted(found[text], ground), ground))
    return result


def least(name: str, ground: str, high_contrast: bool) -> float:
    """High contrast: every text at least 7:1 on every ground. The others: the body text at
    least 4.5:1 on every ground; every coloured or muted text 4.5:1 on the background and 3:1 on
    the surface and panel (short labels, mostly bold)."""
    if high_contrast:
        return AAA
    if name in ("foreground", "text") or ground == "background":
        return AA
    return LARGE


def shortfalls(spec: ThemeSpec, high_contrast: bool) -> list[str]:
    return [
        f"{name} {ink.hex} on {ground_name} {ground.hex}: {ratio:.2f} < {need}"
        for name, ground_name, ink, ground in pairs(spec)
        if (ratio := contrast_ratio(ink.rgb, ground.rgb)) < (need := least(name, ground_name, high_contrast))
    ]


def test_there_are_four_built_in_themes_and_one_is_high_contrast() -> None:
    assert sorted(THEMES) == [
        "companion-calm",
        "companion-daylight",
        "companion-dusk",
        HIGH_CONTRAST,
    ]


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_reads_against_its_ground(name: str) -> None:
    assert shortfalls(THEMES[name], high_contrast=name == HIGH_CONTRAST) == []


def test_the_high_contrast_theme_puts_its_body_text_far_beyond_7_to_1() -> None:
    found = variables(THEMES[HIGH_CONTRAST])
    assert contrast_ratio(found["foreground"], found["background"]) >= 18
    assert min(contrast_ratio(ink.rgb, ground.rgb) for *_, ink, ground in pairs(THEMES[HIGH_CONTRAST])) >= AAA


def test_a_theme_that_does_not_read_is_caught() -> None:
    """The check can fail: grey on grey, and a muted colour too close to its panel."""
    murky = ThemeSpec(
        "murky",
        True,
        {"primary": "#5A6270", "foreground": "#8A8A8A", "background": "#4A4A4A", "panel": "#555555"},
    )
    found = shortfalls(murky, high_contrast=False)
    assert any(line.startswith("foreground ") and "on background" in line for line in found)
    assert any(line.startswith("primary ") for line in found)
    # Calm passes the ordinary bar but not the high-contrast one: the bar is not a formality.
    assert shortfalls(THEMES["companion-calm"], high_contrast=True) != []


def test_painted_blends_as_textual_paints() -> None:
    black = Color.parse("#000000")
    assert painted("auto 60%", black).hex == "#999999"
    assert painted("auto 100%", Color.parse("#FFFFFF")).hex == "#000000"
    assert painted("#FF0000 50%", black).hex == "#7F0000"
    assert painted("#123456", black).hex == "#123456"


def collisions(spec: ThemeSpec, depth: Depth) -> list[str]:
    """Each text that Rich, on a terminal of `depth`, paints in the same colour as its ground."""

    def downgraded(colour: Color) -> int | None:
        return RichColor.parse(colour.hex).downgrade(depth).number

    return [
        f"{text} {ink.hex} and {ground_name} {ground.hex} are both colour {downgraded(ink)}"
        for text, ground_name, ink, ground in pairs(spec)
        if downgraded(ink) == downgraded(ground)
    ]


@pytest.mark.parametrize("depth", [Depth.STANDARD, Depth.EIGHT_BIT], ids=["16-colours", "256-colours"])
@pytest.mark.parametrize("name", sorted(THEMES))
def test_no_text_becomes_its_background_on_a_terminal_with_fewer_colours(name: str, depth: Depth) -> None:
    """TERM=linux and plain xterm get 16 colours (Rich's STANDARD), xterm-256color 256: Rich
    turns each colour into the nearest it has. Text and its ground must not land on one."""
    assert collisions(THEMES[name], depth) == []


def downgraded_shortfalls(spec: ThemeSpec, depth: Depth) -> list[str]:
    """Each text under 3:1 against its ground once both are the terminal's nearest colours
    (Rich's palettes for 16 and 256 colours stand in for the terminal's own)."""
    palette = {Depth.STANDARD: STANDARD_PALETTE, Depth.EIGHT_BIT: EIGHT_BIT_PALETTE}[depth]

    def shown(colour: Color) -> tuple[int, int, int]:
        number = RichColor.parse(colour.hex).downgrade(depth).number
        assert number is not None
        return tuple(palette[number])  # type: ignore[return-value]

    return [
        f"{text} on {ground_name}: {ratio:.2f}"
        for text, ground_name, ink, ground in pairs(spec)
        if (ratio := contrast_ratio(shown(ink), shown(ground))) < LARGE
    ]


@pytest.mark.parametrize("depth", [Depth.STANDARD, Depth.EIGHT_BIT], ids=["16-colours", "256-colours"])
@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_still_reads_on_a_terminal_with_fewer_colours(name: str, depth: Depth) -> None:
    assert downgraded_shortfalls(THEMES[name], depth) == []


def test_the_downgrade_check_can_fail() -> None:
    """Bright green on a dark green reads in true colour (5.1:1), yet on 16 colours both are
    green (colour 2): the words vanish."""
    greens = ThemeSpec(
        "greens", True, {"primary": "#7FA7C9", "foreground": "#04EE08", "background": "#065D08"}
    )
    assert contrast_ratio("#04EE08", "#065D08") > AA
    assert "foreground #04EE08 and background #065D08 are both colour 2" in collisions(greens, Depth.STANDARD)
    assert any(
        line.startswith("foreground on background") for line in downgraded_shortfalls(greens, Depth.STANDARD)
    )
