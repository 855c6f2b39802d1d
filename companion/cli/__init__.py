"""The command line: every command but the app, none of them importing Textual (checked by
import-linter and, in real processes, by tests/cli/test_import_hygiene.py).

- `grammar`: the words: commands, options, their help and one-line errors (exit 2);
- `dispatch`: the table from each command to its handler, `handler(ctx, args)`;
- `day`: log, dial, status, summary, themes;
- `transfer`: export, import;
- `around`: review, resume, win, warmup;
- `output` and `times`: what the families share: the lines and files they write, and times and
  dates as a rep types them.

Nothing is imported here: a command loads its grammar, the table and its own family only."""
