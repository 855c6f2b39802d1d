"""The live session without Textual: a controller that owns the day and the reset (commands and
the moment in; events to store and one view state out), and a runner that does its I/O.

Glossary (the design's words, and the names the code gives them)

- block: one stretch of calling, from its BLOCK_START to its BLOCK_END, paused and resumed on
  the way. Events carry its id in their `session` field (the stored name, kept for old files;
  this package's name means the live app, not a block).
- day: the rep's calendar day in their zone. The controller keeps the week ending today
  (`ledger`) and the session's four weeks (`long_ledger`), read from the store as one window.
- reset: the short timed ritual after a no (Breathe, Reframe, Review target, Dial; longer after
  a hard no). The rep reads "reset"; the code says ritual (`LiveRitual`, `RitualView`,
  ritual.py, the `Ritual` part), because the stored event kind (`ritual`), the `[ritual]`
  settings and core.ritual say so: what is written to disk and read back keeps one name.
- around: the day around the block: the warm-up, the 24-hour review of no's, the rejection
  resume and wins (around.py, `AroundView`, `AroundRead`).
- look/still: plain mode (no bars, blocks, braille or box drawing) and reduced motion. They
  are the screens' (tui.look.Look); the controller's views are the same either way.
- views: the read-only figures the screens paint: one immutable `ViewState` per transition
  (state.py), built from what the controller holds by `Views` (views.py).
- line/say: the one-line message the rep is told. The controller says a `Line` (`_say`); the
  screens get the `Status` it reads as at the moment (it may count down, fade or stick).
  `Say` is a line from outside the controller (the runner, a screen).
- write/acknowledge: a `Write` is events to store durably, in order, at most one per
  transition. The runner acknowledges it (`Stored`, or `NotStored` with the disk's reason)
  before the next command; nothing of it counts until then.
- follow: what happens once a write is acknowledged, carried on the write as data (`Follow`):
  the line said once it is stored and the steps done then (`then`), the line said and the
  steps done if it is not (`failed`, `otherwise`). controller.ON_NEXT says what a step does.
- state: what the controller holds between commands, in five named parts (parts.py): `Days`,
  `Ritual`, `Around`, `Lines` (what was said) and `Out` (the write and effects going out).
  The screens get the view state, never these.
- effect: what the runner does for the controller beyond storing (`Effect`: a bell, reading
  the day again, exiting).
"""
