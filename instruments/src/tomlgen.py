"""Helpers shared by the instrument sources in this folder: TOML strings and
localised-text tables."""


def q(s):
    """A TOML basic string."""
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def t(i, e):
    """A localised text table with Bahasa Indonesia and English."""
    return "{ id = " + q(i) + ", en = " + q(e) + " }"


def band(bid, lo, hi, label, interpretation, next_step=None):
    """A `[[scales.bands]]` table; each text is an (id, en) pair."""
    out = f"""[[scales.bands]]
id = "{bid}"
min = {lo}
max = {hi}
label = {t(*label)}
interpretation = {t(*interpretation)}
"""
    if next_step is not None:
        out += f"next_step = {t(*next_step)}\n"
    return out
