"""A keymap that cannot work stops the app before it draws: one line naming config.toml, exit 2;
`companion log` does not need the keys and still logs."""

from __future__ import annotations

from tests.cli.conftest import BASE_CONFIG, Companion


def test_a_clashing_keymap_stops_the_app_before_it_draws(companion: Companion) -> None:
    companion.write_config(BASE_CONFIG + '[keys]\nno = "m"\n')
    result = companion.run(timeout=10.0)
    assert result.returncode == 2 and result.stdout == "", result.describe()
    [line] = result.stderr.splitlines()
    assert "config.toml: [keys] no = 'm': m is already meeting on the session screen; pick another" in line
    assert companion.ok("log", "no").returncode == 0
