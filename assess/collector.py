"""Python's garbage collector held back while the questionnaire starts.

Starting creates a few hundred thousand objects that live as long as the program (modules,
classes, the model, the widgets and their styles), and the collector walks all of them again
and again as they pile up: about a tenth of the time to the first painted screen. They hold few
reference cycles, so collecting can wait until that screen is painted (`resume`). Then they
are left out of every later collection (`gc.freeze`): otherwise the collections of the session,
and the last one when the program ends, walk them all again (that one alone was about a tenth of
the time from start to exit).
"""

import gc

_paused = False


def pause() -> None:
    """Hold collection back until `resume`; nothing changes where it is already turned off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(started: bool = False) -> None:
    """Collect again, as before `pause`; does nothing when collection was not paused here, so
    it may be called more than once (after the first paint, and when the command ends).
    `started`: the first screen is painted, and what exists now lives as long as the program."""
    global _paused
    if _paused:
        _paused = False
        if started:
            gc.freeze()
        gc.enable()


def paused() -> bool:
    """Whether collection is held back by `pause` now."""
    return _paused
