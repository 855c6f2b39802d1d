"""The live session without Textual: a controller that owns the day and the reset (commands and
the moment in; events to store and one view state out), and a runner that does its I/O."""
