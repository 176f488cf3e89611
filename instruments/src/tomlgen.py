"""Helpers shared by the instrument sources in this folder: TOML strings and
localised-text tables."""


def q(s):
    """A TOML basic string."""
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def t(i, e):
    """A localised text table with Bahasa Indonesia and English."""
    return "{ id = " + q(i) + ", en = " + q(e) + " }"
