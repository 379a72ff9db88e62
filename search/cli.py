"""The `newsarchive` command: a thin click layer over the engine; the only module that prints.

Exit codes: 0 ok (also when some inputs were skipped), 1 nothing could be indexed or an
internal error, 2 bad usage or query, 3 index missing or unreadable, 4 another index
run holds the lock.
"""
from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import json
import os
import re
import shlex
import signal
import sys
from pathlib import Path
from typing import Any, Sequence

import click

from . import fieldnames
from .operators import OPERATORS
from .schema import ENTITY_FACETS, FACETS
from .suffixes import JSON_LINES

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_NO_INDEX, EXIT_BUSY = 0, 1, 2, 3, 4

index_option = click.option(
    "--index", "index_dir", envvar="NEWSARCHIVE_INDEX", default="index", show_default=True,
    # readable=False: an index this user may not read is exit 3 saying so (IndexNoAccess), as
    # for a file inside it; click's own check made it bad usage (exit 2)
    type=click.Path(file_okay=False, readable=False), help="Index directory (env NEWSARCHIVE_INDEX).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
json_list_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON list instead of text.")


def _console(stderr: bool = False):
    """Wrapped to the terminal's width on a terminal; one line per line otherwise, so a cron
    log or a pipe keeps each path and message whole (rich would break them at 80 columns)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich's own exits 1
            _reader_went_away()

    con = _Console(stderr=stderr, highlight=False)
    con.soft_wrap = not con.is_terminal
    return con


# C0/C1 controls (ESC [2J clears a screen, OSC sequences set titles or clipboards) and
# bidirectional overrides, from scraped titles and text: shown as escapes, never sent raw.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL_IN_TEXT = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_LINE = re.compile(f"[{_CONTROLS}\\n\\t]")


def _plain(value: Any, multiline: bool = False) -> str:
    """Archive data made safe for a terminal: control characters escaped ("\\x1b"), and
    line breaks too unless `multiline` (an id or title stays on its line)."""
    pattern = _CONTROL_IN_TEXT if multiline else _CONTROL_IN_LINE
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def _unescaped(text: str) -> str:
    """The inverse of `_plain`: "\\n", "\\t", "\\x1b", "\\u202e" back to the characters."""
    return re.sub(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[ntr\\])",
                  lambda m: m.group().encode("ascii").decode("unicode_escape"), text)


def _t(value: Any, multiline: bool = False) -> str:
    """`_plain`, then escaped for rich markup (a file named "[red]x" is not a colour)."""
    from rich.markup import escape

    return escape(_plain(value, multiline))


def _emit_json(data: Any, record: bool = False) -> None:
    """Indented for reading; a `record` (an index run's summary, appended to a log by cron) on
    one line, so the log holds one JSON object per line (it was about 40 lines a night)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=None if record else 1, default=str))


def _fail(message: str, code: int, *, json_message: str | None = None, **details: Any) -> None:
    """The message on stderr, and exit `code`. A command run with --json also prints the error
    as JSON on stdout, `{"error", "exit", ...details}` on one line: a script (or a cron log)
    that asked for JSON got plain text, or nothing, on stdout. `json_message`: the error's
    words there, when they differ (a bad query's are the API's, without "bad query: ")."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.params.get("as_json"):
        _json_error(message if json_message is None else json_message, code, **details)
    click.echo(f"newsarchive: {_plain(message)}", err=True)
    sys.exit(code)


def _json_error(message: str, code: int, **details: Any) -> None:
    try:
        _emit_json({"error": message, "exit": code, **details}, record=True)
    except OSError:  # stdout full or gone: the message on stderr and the exit code still say it
        pass


class _Command(click.Command):
    """A command whose --json covers its usage errors too (a bad --page, a missing argument),
    which click reports before the command runs: _fail's JSON error, then click's own text."""

    def make_context(self, info_name, args, parent=None, **extra):
        typed = list(args)  # click's parser consumes `args`
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            options = typed[:typed.index("--")] if "--" in typed else typed
            if "--json" in options and any(p.name == "as_json" for p in self.params):
                engine = getattr(exc, "engine_message", None)  # _Read's: the API's words, the option beside them
                _json_error(engine or exc.format_message(), exc.exit_code,
                            **({"option": exc.param.opts[0]} if engine and exc.param is not None else {}))
            raise


class _QueryCommand(_Command):
    """`search` and `export`, whose QUERY is one argument: `newsarchive search coup mali`, its
    words unquoted as a first try types them, runs as `search 'coup mali'` does. Words the shell
    read from a * (`search coup*`: the names of files here) are refused saying so, and so are
    words beside a quoted phrase (`search coup "Assimi Goita"`: the shell took its quotes, which
    the query needs), with the command line to run."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed = list(args)
        try:
            rest = super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            raise self._dashed_word(ctx, typed, exc) or exc
        words = ctx.params.get("query") or ()
        names = _expanded_from(words)
        if names:
            # `search coup*`: the shell put the names of the files here for the *, and the query
            # joined would search them; which pattern it was the names cannot tell (`*`, `00*`
            # and `*.txt` give the same names in seeds/), so it is not named
            raise click.UsageError("the query is one argument: put it in quotes: the shell read a * or ? in it as "
                                   f"the names of files here ({_some(names)})", ctx)
        spaced = [w for w in words if _loose_space(w)]
        if len(words) > 1 and spaced:
            positions = self._positional(ctx, typed)
            fixed = [a for i, a in enumerate(typed) if i not in positions[1:]]
            fixed[positions[0]] = " ".join(_requoted(w) if w in spaced else w for w in words)
            raise click.UsageError(f"the query is one argument: the shell took the quotes of {shlex.quote(spaced[0])}: "
                                   "put the whole query in quotes, as: "
                                   f"{shlex.join(['newsarchive', ctx.info_name or self.name or '', *fixed])}", ctx)
        ctx.params["query"] = " ".join(words)  # `search coup mali` as `search 'coup mali'`
        return rest

    def _dashed_word(self, ctx: click.Context, typed: list[str], exc: click.NoSuchOption) -> click.UsageError | None:
        """`search coup -goyta`, the README's `coup -goyta` (a dash is NOT) typed unquoted as
        a query's words may be, was click's "No such option '-g'", which said nothing of the
        query: the word is said to be read as an option, with the command line to run."""
        known = {o for p in self.get_params(ctx) for o in p.opts}
        options = typed[:typed.index("--")] if "--" in typed else typed
        dashed = [a for a in options if a not in known and re.fullmatch(r"-[^\W\d_]{2}.*", a, re.DOTALL)]
        if not dashed or exc.option_name != dashed[0][:2]:
            return None
        positions = self._positional(ctx, typed, set(dashed))
        query = " ".join(typed[i] for i in positions)
        fixed = [a for i, a in enumerate(typed) if i not in positions and a != "--"]
        fixed = [*fixed, "--", query] if query.startswith("-") else [*fixed[:positions[0]], query, *fixed[positions[0]:]]
        return click.UsageError(f"the query is one argument: {dashed[0]} is read as an option (in the query a dash is "
                                "NOT): put the whole query in quotes, as: "
                                f"{shlex.join(['newsarchive', ctx.info_name or self.name or '', *fixed])}", ctx)

    def _positional(self, ctx: click.Context, typed: list[str], words: set[str] = frozenset()) -> list[int]:
        """Where `typed`'s arguments that are no option nor an option's value stand (and
        `words`, arguments read as options that are the query's)."""
        valued = {o for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
        found, i = [], 0
        while i < len(typed):
            if typed[i] == "--":
                return found + list(range(i + 1, len(typed)))
            if typed[i].startswith("-") and len(typed[i]) > 1 and typed[i] not in words:
                i += 2 if typed[i] in valued else 1
                continue
            found.append(i)
            i += 1
        return found


def _loose_space(word: str) -> bool:
    """Whether `word` has a space outside its own quotes and brackets, as a phrase or a group
    the shell took the quotes of does (`Assimi Goita`, `coup OR junta`): a word that kept them
    (`'title:"a b"'`, `'"a b"'`, `'(a OR b)'`) reads the same joined to the others, and was
    refused as if the shell had taken its quotes."""
    quote, depth = "", 0  # a field's value may be in single quotes too: `source:'Le Monde'`
    for before, c in zip(" " + word, word):
        if c == quote:
            quote = ""
        elif not quote and (c == '"' or c == "'" and before == ":"):
            quote = c
        elif not quote and c in "()":
            depth = max(0, depth + (1 if c == "(" else -1))
        elif c.isspace() and not quote and not depth:
            return True
    return False


def _requoted(part: str) -> str:
    """A part of a query the shell took the quotes of, as it reads inside the query's quotes:
    words alone a phrase (`"Assimi Goita"`), anything else a group (`(coup OR junta)`)."""
    words = part.split()
    return f'"{part}"' if all(re.fullmatch(r"[\w'-]+", w) and w not in OPERATORS for w in words) else f"({part})"


def _expanded_from(words: tuple[str, ...]) -> list[str]:
    """The words the shell seems to have read from a * or ? as the names of files here (coup1.txt
    and coup2.txt for `coup*`), or []: two or more words naming files are not enough, as `search
    mali niger` run where the folders mali and niger are (a user's own sources) is two words;
    names a * made come sorted (by byte or, as a locale sorts, by letter) and share a beginning
    (`coup*`) or an ending (`*.txt`). Two such names are the shell's only where one holds a file's
    extension: `search 2020 2021` run where the folders 2020 and 2021 are (a year's sources) is
    two words typed, much likelier than a * that matched two folders of no extension; three or
    more sorted names sharing an end are seldom typed."""
    for i in range(len(words) - 1):
        run = list(itertools.takewhile(os.path.lexists, words[i:]))
        if len(run) > 1 and (run == sorted(run) or run == sorted(run, key=str.casefold)):
            if os.path.commonprefix(run) or os.path.commonprefix([w[::-1] for w in run]):
                if len(run) > 2 or any(os.path.splitext(w)[1] for w in run):
                    return run
    return []


def _some(names: list[str], shown: int = 2) -> str:
    """`names` in a sentence, past `shown` counted: "a, b and 3 more"."""
    if len(names) <= shown + 1:
        return ", ".join(names[:-1]) + f" and {names[-1]}"
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


class _Group(click.Group):
    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`newsarchive --index ix search mali` (the README's settings name `--index DIR` alone) was
        "No such option: --index", though every command has it: said where it goes, the command
        line written out as it runs."""
        at = self._command_at(args)
        if at and args[0].startswith("-") and args[at] != "--":
            cmd = self.commands[args[at]]
            known = {o for p in cmd.params for o in p.opts}
            moved = args[:at]
            if not {a.split("=", 1)[0] for a in moved} & {o for p in self.params for o in p.opts} \
                    and moved[0].split("=", 1)[0] in known:
                fixed = shlex.join(["newsarchive", args[at], *moved, *args[at + 1:]])
                message = f"{moved[0].split('=', 1)[0]} is the command's option: put it after its name: {fixed}"
                if "--json" in moved and "--json" in known:
                    _json_error(message, EXIT_USAGE)
                raise click.UsageError(message, ctx)
        elif at is None and args and args[0].startswith("-"):
            args = self._refuse_no_command(ctx, args)
        return super().parse_args(ctx, args)

    def _refuse_no_command(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`newsarchive --index ix` (a command's option, no command named) was "No such option:
        --index", though every command but clean has it: the command is what is missing, and
        which commands take the option is said. The group's own options (--help, --version) run
        beside a command's (`--index ix --version` was "missing command", `--version --index ix`
        "No such option"): the args to parse."""
        own = {o for p in self.get_params(ctx) for o in p.opts}
        given = {a.split("=", 1)[0] for a in args if a.startswith("-")}
        opts = {n: {o for p in self.commands[n].params for o in p.opts} for n in self.list_commands(ctx)}
        if own & given and given & set().union(*opts.values()) - own:
            return [a for a in args if a in own]
        name = args[0].split("=", 1)[0]
        if name in own:
            return args
        taking = [n for n in opts if name in opts[n]]
        # the commands that take every option given: `--index ix --limit 5` was offered stats,
        # which has no --limit (a value that looks like an option is no harm: no command has it)
        taking = [n for n in taking if given & set().union(*opts.values()) <= opts[n]] or taking
        typed = self._first_word(args)
        if taking and typed is not None:  # `--index ix bogus` was "missing command": it is named, wrongly
            message = f"No such command {typed!r}."
            if "--json" in args:
                _json_error(message, EXIT_USAGE)
            raise click.UsageError(message, ctx)
        if taking:
            message = (f"missing command: {name} is a command's option, put after its name: "
                       f"{shlex.join(['newsarchive', 'COMMAND', *args])} (COMMAND one of {', '.join(taking)})")
            if "--json" in args:
                _json_error(message, EXIT_USAGE)
            raise click.UsageError(message, ctx)
        return args

    def _first_word(self, args: list[str]) -> str | None:
        """The first of `args` that is neither an option nor an option's value: the command as
        typed, where none of the group's is named."""
        valued = self._valued()
        i = 0
        while i < len(args):
            if not args[i].startswith("-"):
                return args[i]
            i += 2 if args[i] in valued else 1
        return None

    def _valued(self) -> set[str]:
        """The options, of the group and its commands, that take a value."""
        return {o for c in (self, *self.commands.values()) for p in c.params
                if isinstance(p, click.Option) and not p.is_flag and not p.count for o in p.opts}

    def _command_at(self, args: list[str]) -> int | None:
        """Where the command's name (or "--") is in `args`, a command's option's value skipped:
        `--index index search mali`, the index folder named as the default is, was read as the
        command `index` and offered "newsarchive index --index search mali", a run indexing mali."""
        valued = self._valued()
        i = 0
        while i < len(args):
            if args[i] in self.commands or args[i] == "--":
                return i
            i += 2 if args[i] in valued else 1  # `--index=ix` holds its value
        return None


def _reader_went_away() -> None:
    """`newsarchive search x | head -1`: the reader closed the pipe, having read what it
    wanted. Not an error: exit 0, with nothing more written (Python's own advice: point
    stdout at /dev/null so the flush at exit does not raise again)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_OK)


class _Read(click.ParamType):
    """An option read by the engine's own reader (search.query's read_page, read_sort, ...), so
    that the command line refuses what the web refuses in the same words: `--page 0` was "0 is
    not in the range x>=1" and `page=0` "page must be between 1 and 1000". A bad value is a bad
    option (exit 2), not a bad query."""

    def __init__(self, reader: str, metavar: str) -> None:
        # `reader`: "module.function" in this package ("query.read_page"); `metavar`: the
        # values for --help, "[a|b]" for a choice, which shell completion offers as click.Choice did
        self.reader, self.name, self._metavar = reader, metavar.lower(), metavar

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return self._metavar

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        choices = self._metavar[1:-1].split("|") if self._metavar.startswith("[") else []
        return [CompletionItem(c) for c in choices if c.startswith(incomplete.lower())]

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import importlib

        from .query import QueryError

        module, _, name = self.reader.rpartition(".")
        try:
            return getattr(importlib.import_module(f".{module}", __package__), name)(value)
        except QueryError as exc:
            raise _refused(str(exc), ctx, param) from None


class _Between(click.ParamType):
    """A whole number in a range, refused in the words the other options use ("port must be
    between 1 and 65535", "port must be a whole number"): click's IntRange said "99999 is not
    in the range 1<=x<=65535" and "'x' is not a valid integer range"."""

    name = "integer"

    def __init__(self, what: str, low: int, high: int) -> None:
        self.what, self.low, self.high = what, low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .query import QueryError, whole_number

        try:
            number = whole_number(value, self.what)
        except QueryError as exc:
            raise _refused(str(exc), ctx, param) from None
        if not self.low <= number <= self.high:
            raise _refused(f"{self.what} must be between {self.low} and {self.high}", ctx, param)
        return number


def _refused(message: str, ctx: click.Context | None, param: click.Parameter | None) -> click.BadParameter:
    """A bad option's error: under --json its words alone and the option (_Command), as
    /api/search gives them ("page must be between 1 and 1,000"); click's "Invalid value for
    '--page': " prefix stays on stderr."""
    refused = click.BadParameter(message, ctx, param)
    refused.engine_message = message
    return refused


class _FilterItem(click.ParamType):
    """One `--filter FACET=VALUE`, read as click reads an option's value, so that a bad one is
    refused as a bad --page is: under --json, {"error", "exit", "option": "--filter"} without
    click's "Invalid value for --filter: " (it was the only option's error that kept it)."""

    name = "facet=value"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "FACET=VALUE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return _filter_item(value)
        except _BadFilter as exc:  # refused with the others by _bounded_filters: each named at once
            return exc


class _BadFilter(ValueError):
    """A refused `--filter`, in place of its (facet, value) until all are read: its refusal, and
    `usage`, what a filter is as the refusal alone ends by saying it ("" when it needs none);
    with others, said once after them all."""

    def __init__(self, refusal: str, usage: str = "") -> None:
        super().__init__(refusal)
        self.usage = usage


def handle_errors(fn):
    """Turn the engine's errors into a message and an exit code: never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from . import IndexBusy, IndexMissing, QueryError

        try:
            _check_environment()  # here, not in the group: under --json the error is JSON too
            result = fn(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not in click's own flush (which exits 1)
            return result
        except QueryError as exc:
            # under --json, the words /api/search gives the same query in its "error"
            _fail(f"bad query: {exc}", EXIT_USAGE, json_message=str(exc),
                  **({"suggestion": exc.suggestion} if exc.suggestion else {}))
        except IndexMissing as exc:
            _fail(str(exc) + _notes(exc), EXIT_NO_INDEX)
        except IndexBusy as exc:
            _fail(f"{exc}; try again when it has finished{_notes(exc)}", EXIT_BUSY)
        except KeyboardInterrupt as exc:
            _fail(f"{'stopped by SIGTERM' if isinstance(exc, Terminated) else 'interrupted'}; "
                  f"{_left_after_stop(kwargs.get('index_dir'), exc)}{_notes(exc)}", EXIT_FAIL)
        except BrokenPipeError:
            _reader_went_away()
        except click.ClickException as exc:  # one raised inside a command (a bad --output): JSON too under --json
            if kwargs.get("as_json"):
                _json_error(exc.format_message(), exc.exit_code)
            raise
        except (click.exceptions.Exit, SystemExit):
            raise
        except OSError as exc:  # a read-only or full disk, a permission: the system's words, not "internal error"
            if os.environ.get("NEWSARCHIVE_DEBUG"):
                raise
            index_dir = kwargs.get("index_dir")
            if (isinstance(exc, PermissionError) or exc.errno == errno.EROFS) and index_dir \
                    and _inside(exc.filename, index_dir):
                # an index run on an index this user may not write (or on a read-only mount): said as
                # a search says it cannot read one (exit 3), not a bare "Permission denied: .../lock" or
                # "Read-only file system: .../lock" (exit 1)
                from .store import IndexNoAccess

                _fail(str(IndexNoAccess(Path(index_dir), exc, writing=True)) + _notes(exc), EXIT_NO_INDEX)
            _fail(_os_error_words(exc) + (f": {exc.filename}" if exc.filename else "") + _notes(exc), EXIT_FAIL)
        except Exception as exc:  # last line of defence
            if os.environ.get("NEWSARCHIVE_DEBUG"):
                raise
            _fail(f"internal error: {exc.__class__.__name__}: {exc} (set NEWSARCHIVE_DEBUG=1 for a traceback)"
                  + _notes(exc), EXIT_FAIL)

    return wrapper


def _os_error_words(exc: OSError) -> str:
    """What the system said of `exc`; for one raised with no words of its own (OSError(errno.EIO), a
    library's TimeoutError()), its errno's words and name, its own text, or its class: such an
    error was raised again, a traceback in front of the user."""
    if exc.strerror:
        return exc.strerror
    # OSError(errno.EIO) alone holds its number in args, not in errno
    code = exc.errno if exc.errno is not None else exc.args[0] if len(exc.args) == 1 else None
    if isinstance(code, int) and code in errno.errorcode:
        return f"{os.strerror(code)} ({errno.errorcode[code]})"
    return str(exc) or f"{exc.__class__.__name__}, with no message (set NEWSARCHIVE_DEBUG=1 for a traceback)"


def _notes(exc: BaseException) -> str:
    """The notes the engine added to an error (what a failed run left behind), each after "; ": said
    whatever stopped the run (Ctrl-C said nothing of the generation an append-only folder kept)."""
    return "".join(f"; {note}" for note in getattr(exc, "__notes__", ()))


def _left_after_stop(index_dir: str | None, exc: BaseException) -> str:
    """What a command stopped midway (Ctrl-C, SIGTERM) left: the live index as it was, or, where
    there is none (a first run stopped), no index at all, and the cache that keeps the work done.
    "the live index is unchanged" was said of a first run too, which had none, and of a run
    stopped once it had published (the indexer sets `published` on the exception)."""
    from . import IndexMissing, Store
    from .cache import CACHE_FILE, holds_work

    published = getattr(exc, "published", None)
    if published is not None:
        return f"the run had published {published} before it stopped: the index at {index_dir} holds its work"
    if getattr(exc, "began", True) is False:
        # stopped before it took the lock: the cache there is another run's (or an earlier one's),
        # and was said as this run's, "empty …: removing the file loses nothing" while that run used it
        return "the run stopped before it began: it changed nothing"
    unchanged = "the live index is unchanged"
    try:
        left = unchanged if index_dir is None else Store(index_dir).left_as_it_was()
    except (OSError, IndexMissing):  # not readable: nothing more to say of it than before
        left = unchanged
    if left == unchanged:
        return left
    cache = Path(index_dir) / CACHE_FILE
    if not cache.is_file():
        return left
    if not holds_work(cache):  # stopped before its first result: "kept ... to reuse the work done" was said
        return f"{left}; its cache, {cache}, is empty (the run stopped before any work was done): nothing " \
               "is kept for the next run to reuse, and removing the file loses nothing"
    return f"{left}; its cache, {cache}, is kept for the next run to reuse the work done"


def _inside(path: Any, folder: str) -> bool:
    """Whether `path` (an error's file name) is `folder` or lies in it."""
    try:
        return Path(os.path.abspath(os.fsdecode(path))).is_relative_to(os.path.abspath(folder))
    except (TypeError, ValueError):
        return False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def cli() -> None:
    """Full-text search for news archives: ingest, clean, flag machine translation,
    merge entity spellings, search with facets."""


def _check_environment() -> None:
    """A setting that is not a number is a usage error, said before any work (one was
    ignored, the other an internal error when the server started). Checked by each command
    (handle_errors), whose --json it knows: checked by the group, `NEWSARCHIVE_WORKERS=x
    index --json` printed its error as plain text alone, which a cron log of JSON lines
    could not read."""
    from .pool import requested_workers
    from .settings import doc_page_chars, page_cache_mb

    for read in (requested_workers, doc_page_chars, page_cache_mb):  # their users' own readings: " 2 " is 2 for both
        try:
            read()
        except ValueError as exc:
            _fail(str(exc), EXIT_USAGE)


# ------------------------------------------------------------------ indexing
class _Progress:
    """Rate and ETA on a terminal; silent when output is piped (cron, CI)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.progress = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task):
                    return Text(f"{task.speed:,.0f}/s" if task.speed else "", style="progress.data.speed")

            self.progress = Progress(
                TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), Rate(),
                TimeRemainingColumn(), console=_console(stderr=True), transient=True,
            )
            self.progress.start()
        return self

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is None:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()


def _print_summary(result: dict[str, Any], forget: bool = False, nightly: bool = False) -> None:
    """The run's summary on stdout, what it skipped and its notes on stderr. `forget`: what it
    skipped is the other sources' (it reads them again), said by every run before: a count.
    `nightly` (a plain reindex): the inputs the run before skipped too are counted, the new ones listed."""
    con = _console()
    kept = f"{result['kept']} kept as last indexed, " if result.get("kept") else ""
    con.print(
        f"[bold]{result['indexed']}[/] indexed ({result['added']} new, {result['changed']} changed), "
        f"{result['unchanged']} unchanged, {result['removed']} removed, {kept}"
        f"{len(result['failed'])} skipped in {result['seconds']:.1f}s → {result['generation'] or 'no index written'}"
    )
    if result.get("schema_upgraded"):
        con.print("  the index was written by an older version (another schema): rebuilt from every source")
    elif result.get("repaired"):
        rest = "every source left" if result.get("forgotten") else "every source"
        con.print(f"  the live index was damaged ({_t(result['repaired'])}): rebuilt from {rest}")
    elif result.get("full"):
        con.print("  full rebuild: every article written again (the counts compare with the index it replaced)")
    if result.get("forgotten"):
        n, names = result.get("forgotten_articles", 0), result["forgotten"]
        con.print(f"  {_t(', '.join(names))} dropped from the sources, with {n} article{'s' if n != 1 else ''}")
    if result.get("forget_finished"):
        con.print(f"  {_t(', '.join(result['forget_finished']))} dropped from the sources: a `forget` before "
                  "published the index without their articles but could not write the list")
    if result.get("cache_reset"):
        con.print(f"  the enrichment cache was damaged ({_t(result['cache_reset'])}): started afresh, "
                  "so this run cleaned and enriched its articles again")
    if result.get("rewritten"):
        n = result["rewritten"]
        why = f": {_t(result['rewritten_why'])}" if result.get("rewritten_why") else ""
        con.print(f"  {n} unchanged article{'s' if n != 1 else ''} cleaned and written again{why}")
    if result.get("reenriched"):  # language, translation flags, mentions computed again
        n = result["reenriched"]
        con.print(f"  {n} unchanged article{'s' if n != 1 else ''} enriched again: {_t(result['reenriched_why'])}")
    freed = result.get("cache_pruned") or {}
    if freed.get("rows"):  # rows of an earlier version's code, of no use to this one
        # the file is smaller only when it was compacted; else its free pages are reused by later entries
        room = "the file compacted" if freed.get("vacuumed") else "room the next entries reuse"
        con.print(f"  the enrichment cache: {freed['rows']} entr{'y' if freed['rows'] == 1 else 'ies'} of an earlier "
                  f"version removed ({freed['bytes'] / 1e6:.1f} MB: {room})")
    if freed.get("gone"):  # this code's rows of articles the index no longer holds
        n = freed["gone"]
        con.print(f"  the enrichment cache: {n} entr{'y' if n == 1 else 'ies'} of deleted or changed articles removed")
    if result.get("moved"):
        n = result["moved"]
        con.print(f"  {n} unchanged article{'s' if n != 1 else ''} stored again: read from another line of "
                  f"{'their' if n != 1 else 'its'} file, or with another link")
    if result.get("purged"):
        n = result["purged"]
        con.print(f"  merged the index's segments: {n} deleted cop{'y' if n == 1 else 'ies'} of rewritten or removed "
                  "documents dropped")
    if result.get("run_log"):  # a diagnostic, on stderr as the skipped inputs below
        click.echo(f"newsarchive: warning: the run log was {_plain(result['run_log'])}: `stats` and /healthz do not "
                   "show this run", err=True)
    # what was skipped and the notes are diagnostics, on stderr as `clean` says them: the run's
    # summary went to stdout with them, so `index > summary.txt` held the skipped inputs and a
    # terminal with stdout redirected showed none
    if forget and result["failed"]:
        # each listed again, `forget old` repeated every other source's skipped files
        n = len(result["failed"])
        click.echo(f"newsarchive: {n} input{'s' if n != 1 else ''} of the other sources skipped, as on every run "
                   f"({LISTS_SKIPPED})", err=True)
    # a cron job's reindex listed every skipped input every night (an archive of 500 pictures: 500
    # lines a night, the same ones), and the same notes (an ambiguous date, a folder with no file to
    # read): those the run before said too are counted
    _report_new(() if forget else result["failed"], "skipped", "reason", "input{} skipped", nightly)
    # `forget old` listed every other source's notes, each as the run before had said it
    _report_new(result.get("notes", ()), "note", "note", "note{}", nightly or forget)


def _report_new(items: Any, kind: str, field: str, counted: str, nightly: bool) -> None:
    """Each diagnostic of `kind` (its words in `field`) reported, but on a nightly run those the run
    before said too ("again"): counted, `counted` the words of the count ("{}" its plural's "s")."""
    again = 0
    for f in items:
        if nightly and f.get("again"):
            again += 1
        else:
            _report(kind, f["path"], f.get("line"), f[field])
    if again:
        click.echo(f"newsarchive: {again} {counted.format('s' if again != 1 else '')} as on the run before, "
                   f"not listed again ({LISTS_SKIPPED})", err=True)


# where a summary that counts skipped inputs sends the user for the list
LISTS_SKIPPED = "`newsarchive reindex --json` lists them all"


def _report(kind: str, path: str, line: int | None, what: str) -> None:
    """One diagnostic of an input ("skipped", "note") on stderr: one rule for `index` and `clean`."""
    click.echo(f"newsarchive: {kind} {_plain(_where(path, line))}: {_plain(what)}", err=True)


def _shown_paths(result: dict[str, Any]) -> dict[str, Any]:
    """The run's result with each reported path as ids and `stats` show it: a byte of a name
    that is not UTF-8 written %XX ("caf%E9"), not the lone surrogate the OS gives for it
    ("caf\\udce9", which no JSON consumer takes): a missing source, a path never there."""
    from .ingest import path_text

    return {**result, **{k: [{**f, "path": path_text(f["path"])} if isinstance(f.get("path"), str) else f
                             for f in result[k]]
                         for k in ("failed", "notes") if k in result}}


def _where(path: str, line: int | None) -> str:
    """A report's place: the file, and its line or record when it has one."""
    return path + (f":{line}" if line else "")


class Terminated(KeyboardInterrupt):
    """SIGTERM during an index run, handled as Ctrl-C is: the unfinished generation goes and
    the run log says why the run stopped. Killed outright, a run stopped by systemd's stop or
    its timeout left no line, and /healthz went on showing the run before as the last."""


@contextlib.contextmanager
def _sigterm_as_interrupt():
    def stop(signum, frame):
        raise Terminated("stopped by SIGTERM")

    try:
        old = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test runner's): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _run_index(index_dir: str, paths: list[str] | None, prune: bool, full: bool, as_json: bool,
               forget: list[str] | None = None) -> None:
    from . import Store, indexer
    from .pool import workers_note

    capped = workers_note()
    if capped:
        click.echo(f"newsarchive: note: {_plain(capped)}", err=True)

    with _Progress(enabled=sys.stderr.isatty() and not as_json) as progress, _sigterm_as_interrupt():
        try:
            result = indexer.run(Store(index_dir), paths, prune=prune, full=full, progress=progress, forget=forget)
        except indexer.NotASource as exc:
            from .ingest import path_text

            _fail(path_text(str(exc)), EXIT_USAGE)  # the sources as `stats` shows them
    kept_given = result.pop(indexer.KEPT_GIVEN, 0)
    result = _shown_paths(result)
    try:
        if as_json:
            _emit_json(result, record=True)
        else:
            _print_summary(result, forget=bool(forget), nightly=paths is None and not forget and not full)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        # The run is over and published: "No space left on device" alone read as a failed
        # run (`reindex > /dev/full`, a cron log on a full disk), and sent the operator to rerun it.
        if exc.strerror is None:
            raise
        done = f"{result['generation']} is live" if result.get("generation") else "the run finished"
        _fail(f"{done}, but its summary could not be written to standard output: {exc.strerror}", EXIT_FAIL)
    # nothing: no article read and none kept of the paths given (a source missing this run
    # keeps its articles, as when one of several is, and so does a file that cannot be read
    # this run: not a failed run). The other sources an `index PATH` keeps are no article of
    # PATH: a binary file given alone was exit 1 into a new index and 0 into one with sources.
    # A run that removed articles did its work: an emptied feed given alone was exit 1
    nothing = (not forget and result["indexed"] == 0 and result["unchanged"] == 0 and not kept_given
               and not result["removed"] and (result["failed"] or not result["generation"]))
    sys.exit(EXIT_FAIL if nothing else EXIT_OK)


def _given_paths(ctx, param, paths: tuple[str, ...]) -> tuple[str, ...]:
    """An empty path (a cron line's unset variable, `index "$DIR"`) named the current
    directory: it was indexed, and kept as a source, wherever the command ran."""
    if any(not p.strip() for p in paths):
        raise click.BadParameter("an empty path (an unset variable?): name a file or folder", param=param)
    return paths


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), callback=_given_paths)
@click.option("--prune", is_flag=True, help="Remove documents whose source file is gone.")
@index_option
@json_option
@handle_errors
def index_cmd(paths, prune, index_dir, as_json):
    """Index files and folders (text, HTML, WARC, JSON Lines); only new and changed articles are processed."""
    _run_index(index_dir, list(paths), prune, False, as_json)


@cli.command("forget")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), callback=_given_paths)
@index_option
@json_option
@handle_errors
def forget_cmd(paths, index_dir, as_json):
    """Drop sources from the index, with their articles (a source that is gone is otherwise
    kept, and reported as missing, on every run).

    It reads the other sources again, as `reindex` does (their unchanged articles are not
    cleaned or enriched again), and resolves the entities of the articles left anew: about as
    long as a reindex that finds changes. Their skipped inputs are counted, not listed."""
    from . import IndexMissing, Store

    store = Store(index_dir)
    if store.current_name() is None:
        store.refuse_link_to_nothing()
        raise IndexMissing(f"no index at {index_dir}: nothing to forget")
    _run_index(index_dir, None, False, False, as_json, forget=_as_recorded(list(paths), store.sources()))


def _as_recorded(paths: list[str], sources: list[str]) -> list[str]:
    """Each path as the index records the source it names. A source folder whose name is not
    UTF-8 is recorded with the OS's surrogate escapes ("caf\\udce9"), and shown by `stats`, ids
    and reports with each such byte %XX ("caf%E9"): that form names it too. A path that is
    itself a source, or names none, is passed as given (the indexer says which are none)."""
    from .ingest import path_text

    shown: dict[str, list[str]] = {}
    for s in sources:
        shown.setdefault(path_text(s), []).append(s)
    out = []
    for p in paths:
        resolved = str(Path(p).resolve())
        matches = shown.get(path_text(resolved), [])
        out.append(matches[0] if resolved not in sources and len(matches) == 1 else p)
    return out


@cli.command("reindex")
@click.option("--full", is_flag=True, help="Rebuild from scratch (still atomic).")
@index_option
@json_option
@handle_errors
def reindex_cmd(full, index_dir, as_json):
    """Rescan every source of the index and publish the new state atomically (for cron)."""
    from . import Store

    store = Store(index_dir)
    store.refuse_other_files()  # "no sources recorded: run `index` first" into it
    if not store.sources():
        store.refuse_link_to_nothing()
        _fail(f"no sources recorded in {index_dir}: run `newsarchive index PATH` first", EXIT_NO_INDEX)
    _run_index(index_dir, None, False, full, as_json)


# ------------------------------------------------------------------- reading
FILTER_USAGE = f"FACET=VALUE with FACET one of {', '.join(FACETS)}"


def _filter_item(item: str) -> tuple[str, str]:
    """(facet, value) of one `--filter FACET=VALUE`; _BadFilter saying what a filter is."""
    typed, sep, value = item.partition("=")
    name = typed.strip().lower()  # `Person=Goyta`, as the web reads `?Person=` (QA: exit 2 here)
    if not sep:
        raise _BadFilter(f"'{item}'", f": use {FILTER_USAGE}")
    if name not in FACETS:
        # in the web's words (fieldnames.unknown_filter), the hint a sentence of its own
        # ("search it in the query, published:2020-08-28 use FACET=VALUE …" ran the two together)
        refusal = fieldnames.unknown_filter(typed.strip(), value, FACETS)
        raise (_BadFilter(refusal, f" (a filter is {FILTER_USAGE})") if refusal
               else _BadFilter(f"unknown filter '{typed.strip()}'", f": use {FILTER_USAGE}"))
    value = value.strip()  # "year= 2021" as the web form reads it
    if not value:  # "year=" from an unset shell variable: it filtered nothing, said to match nothing
        raise _BadFilter(f"'{item}': no value (FACET=VALUE; leave the filter out to take every {name})")
    return name, value  # its bounds checked with the others' (_bounded_filters)


def _bounded_filters(ctx: click.Context, param: click.Parameter, items: tuple[tuple[str, str], ...]):
    """All the --filter options' values, refused past the web's count per facet or where no
    article could have one (year=21); the refused ones named together (query.named_together:
    the first alone was, and each fix brought the next)."""
    from .query import QueryError, bad_filter_refusals, check_filter_bounds, check_filters, named_together

    bad = [item for item in items if isinstance(item, _BadFilter)]
    # and the values the engine would refuse next (year=21), named with them, as the web names them
    good = _grouped(tuple(item for item in items if not isinstance(item, _BadFilter)))
    refusals = bad_filter_refusals([str(b) for b in bad], good) if bad else []
    if len(refusals) > 1:  # what a filter is said once, after them all
        told = any(b.usage for b in bad)
        raise _refused(named_together(refusals) + (f" (a filter is {FILTER_USAGE})" if told else ""), ctx, param)
    if bad:
        raise _refused(f"{bad[0]}{bad[0].usage}", ctx, param)
    try:  # every facet with too many values named, not the first alone
        check_filter_bounds(_grouped(items))
        # and a value no article could have (year=21), refused as the option's as it is beside
        # a bad name: alone, it was "bad query: …" where beside one "Invalid value for '--filter'"
        check_filters(_grouped(items))
    except QueryError as exc:
        raise _refused(str(exc), ctx, param) from None
    return items


def _grouped(items: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """The --filter options' (facet, value) pairs as the engine's filters: each facet's values in order."""
    filters: dict[str, list[str]] = {}
    for name, value in items:
        filters.setdefault(name, []).append(value)
    return filters


FILTER_OPTION = dict(multiple=True, type=_FilterItem(), callback=_bounded_filters)


# search.query's SORTS and MATCHES, for --help; read by the engine (any case, as the web reads
# them), which says what a bad one is
SORT_CHOICE = _Read("query.read_sort", "[relevance|newest|oldest]")
MATCH_CHOICE = _Read("query.read_match", "[all|any]")


@cli.command("search", cls=_QueryCommand)
@click.argument("query", nargs=-1, metavar="[QUERY]")
@click.option("--filter", "filters", **FILTER_OPTION, help="Repeatable; AND across facets and between people, organizations or locations; OR between two values of source, language, year or translated.")
@click.option("--sort", type=SORT_CHOICE, default="relevance", show_default=True,
              help="Best matches first, or by publication date; without a QUERY, relevance is newest first.")
@click.option("--match", type=MATCH_CHOICE, default="all", show_default=True,
              help="Whether an article needs every word of the query or any of them (those with more first).")
@click.option("--limit", type=_Read("query.read_per_page", "INTEGER"), default=10, show_default=True,
              help="Hits per page, 1 to 100 (the web's per_page).")
@click.option("--page", type=_Read("query.read_page", "INTEGER"), default=1, show_default=True,
              help="1 to 1000: past it, narrow the search or change the sort.")
@index_option
@json_option
@handle_errors
def search_cmd(query, filters, sort, match, limit, page, index_dir, as_json):
    """Search the archive; an empty QUERY browses everything, newest first. QUERY's words may
    be typed unquoted (quote a phrase, or a * or ?, with the whole query: 'coup "Assimi Goita"').

    \b
    QUERY needs every word (--match any: any of them):
      coup OR junta, coup NOT wagner (or -wagner), "military base",
      title:coup, person:goita, year:2021, published:[2020-01 TO 2020-06],
      wagn* (a wildcard), petrolium~ (within one edit), (oil OR gas) prices
    """
    from . import open_index, run_search

    archive = open_index(index_dir)
    result = run_search(archive, query, _grouped(filters), FACETS, page, limit, sort, match=match)
    if as_json:
        _emit_json(result.to_json())
        return
    _print_result(result, archive)


@cli.command("export", cls=_QueryCommand)
@click.argument("query", nargs=-1, metavar="[QUERY]")
@click.option("--filter", "filters", **FILTER_OPTION, help="As for search.")
@click.option("--sort", type=SORT_CHOICE, default="relevance", show_default=True, help="As for search.")
@click.option("--match", type=MATCH_CHOICE, default="all", show_default=True,
              help="As for search.")
@click.option("--format", "fmt", type=_Read("export.read_format", "[jsonl|csv]"), default=None,
              help=f"Default: the one --output's suffix names (.csv: csv; {', '.join(JSON_LINES)}: jsonl; "
                   "the one before a .gz), else jsonl. A --format the suffix contradicts is written, with a warning.")
@click.option("--text", "with_text", is_flag=True, help="Each article's clean text too.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (whole or not at all: it appears when the export is complete) "
                   "instead of standard output; gzip-compressed when its name ends in .gz (out.csv.gz).")
@index_option
@handle_errors
def export_cmd(query, filters, sort, match, fmt, with_text, output, index_dir):
    """Every article a search matches, one row each, in its order: id, title, published,
    source, url, language, translated, translation_score, score, person, organization,
    location (and --text). No page limit. An empty QUERY exports everything, newest first."""
    from . import open_index, run_search
    from .export import open_output, rows, suffix_format, unnamed_suffix, write

    named = suffix_format(output) if output is not None else None
    if fmt and named and fmt != named:
        click.echo(f"newsarchive: warning: writing {fmt} to {_plain(output)}, as --format says, "
                   f"though its suffix names {named}", err=True)
    elif not fmt and output is not None and unnamed_suffix(output):
        click.echo(f"newsarchive: warning: writing JSON Lines to {_plain(output)}: export writes no "
                   f"{unnamed_suffix(output)} (--format csv for CSV)", err=True)
    fmt = fmt or named or "jsonl"
    archive, wanted = open_index(index_dir), _grouped(filters)
    total, found = rows(archive, query, wanted, sort, with_text, match)  # a bad query fails here
    if not total:  # a header-only file and "0 articles written" said nothing of why
        _print_hints(_console(stderr=True), run_search(archive, query, wanted, (), 1, 1, sort, match=match))
    if output is None:
        write(found, sys.stdout, fmt, with_text)
        return
    part = f"{output}.part"
    try:
        out = open_output(output, part)  # gzip-compressed for a name ending in .gz
    except OSError as exc:  # a folder that is not there: it was exit 1 and named the .part file
        raise click.BadParameter(f"cannot write {_t(output)}: {exc.strerror or exc}", param_hint="'--output'") from None
    try:
        with out:
            n = write(found, out, fmt, with_text)
        os.replace(part, output)
    finally:
        if os.path.exists(part):
            os.unlink(part)
    _console(stderr=True).print(f"{n:,} {'article' if n == 1 else 'articles'} written to {_t(output)}")


def _print_hints(con, result) -> None:
    """Filter values no article has, and the "did you mean", as a search prints them."""
    from .field_values import UNWRITABLE, field_value
    from .filter_hints import written_values

    for u in result.unmatched_filters:
        sep, where = (":", " (in the query)") if u.get("in") == "query" else ("=", "")
        hint = "."
        if u.get("values"):  # a list typed in one filter: a --filter for each (in the query: each its own)
            each = " ".join(f"--filter {u['facet']}={_t(v)}" for v in u["values"])
            if sep == ":":  # no query syntax holds one of them (field_value): named as filters are
                written = written_values(u["facet"], u["values"])
                each = _t(written) if written else f"{each} ({UNWRITABLE})"
            none = " or ".join(_t(m) for m in u.get("missing", ()))
            hint = f": did you mean [bold]{each}[/]?" + (f" No article has {none}." if none else "")
        elif u["suggestion"] and sep == "=":  # an option to type again, as a list's are offered
            hint = f": did you mean [bold]--filter {u['facet']}={_t(u['suggestion'])}[/]?"
        elif u["suggestion"]:  # written as every query value is, to paste back (its quotes: Le "Monde")
            written = field_value(u["facet"], u["suggestion"])
            hint = (f": did you mean [bold]{_t(written)}[/]?" if written else
                    f": did you mean [bold]--filter {u['facet']}={_t(u['suggestion'])}[/] ({UNWRITABLE})?")
        con.print(f"No article has {u['facet']}{sep}{_t(u['value'])}{where}{hint}")
    if result.suggestion:
        con.print(f"Did you mean [bold]{_t(result.suggestion)}[/]?")
    if result.any_words_total:
        n, m = result.total, result.any_words_total
        every = f"Only {n:,} {'article has' if n == 1 else 'articles have'}" if n else "No article has"
        con.print(f"{every} every word; {m:,} {'has' if m == 1 else 'have'} any of them: [bold]--match any[/]")


def _print_result(result, archive) -> None:
    con = _console()
    noun = "result" if result.total == 1 else "results"
    con.print(f"[bold]{result.total:,}[/] {noun}" + (f" for [cyan]{_t(result.query)}[/]" if result.query else "")
              + (" (any of the words)" if result.match == "any" and result.query else "")
              + _filters_in_use(result, archive)
              # the order, where it is not the search's own, as the web page's caption says it
              + (f", {result.sort} first" if result.sort != ("relevance" if result.query else "newest") else ""))
    _print_hints(con, result)
    unfiltered = result.unfiltered_total
    if unfiltered:  # only a way out that finds something, as the web page offers it
        con.print(f"Without the filters: {unfiltered:,} {'result' if unfiltered == 1 else 'results'} "
                  "(leave out --filter)")
    start = (result.page - 1) * result.per_page
    if result.total and not result.hits:
        from .query import last_page

        last = last_page(result.total, result.per_page)
        con.print(f"page {result.page:,} is past the last page ({last:,}): try --page {last}")  # typed: no ","
    for n, h in enumerate(result.hits, start + 1):
        con.print(f"\n[bold]{n}. {_t(h.title)}[/]{_mt_badge(h.translated)}")
        con.print(f"   [dim]{_t(h.id)} · {_t(h.source)} · {h.published or 'undated'} · {h.language}[/]")
        con.print("   " + _mark(h.snippet))
    if result.paging_limit:
        con.print(f"\n[dim]{_t(result.paging_limit)}[/]")
    elif result.hits and result.page < result.last_page:
        con.print(f"\n[dim]page {result.page:,} of {result.last_page:,}: --page {result.page + 1} for the next[/]")
    elif result.hits and result.page > 1:  # the last page said nothing of being the last: 2 results of "5 results"
        con.print(f"\n[dim]page {result.page:,} of {result.last_page:,}, the last[/]")
    con.print()
    for name, values in result.facets.items():
        line = _facet_line(name, values, result.filters.get(name, ()))
        if line:  # an entity filtered by one no result names: "person: " and nothing (the hint says it)
            con.print(f"[bold]{name}[/]: " + line)


def _filters_in_use(result, archive) -> str:
    """" with source=archive or seeds, person=Assimi Goita" after the count: "0 results for
    mali" said nothing of the filters that had left nothing (a user read it as no article
    naming Mali). An entity filter by id is named as its facet names it; an entity facet's
    values joined by "and", as the engine ANDs them (the web's chips say so too)."""
    from .query import filter_value_names, is_entity_id

    shown = {name: {v.get("id"): v["value"] for v in result.facets.get(name, ()) if v.get("id")}
             for name in result.filters}
    # an id no result has (0 results) is in no facet value: named as the engine reads it, where
    # "0 results with person=per:assimi-goita" showed the id (all such ids in one reading)
    unshown = {name: [v for v in values if v not in shown[name] and is_entity_id(v)]
               for name, values in result.filters.items()}
    read = filter_value_names(unshown, archive.current())
    parts = []
    for name, values in result.filters.items():
        names = shown[name] | {v: next(iter(found), v) for v, found in read[name].items()}
        join = " and " if name in ENTITY_FACETS else " or "
        parts.append(f"{name}=" + join.join(_t(names.get(v, v)) for v in values))
    return f" with {', '.join(parts)}" if parts else ""


def _facet_line(name: str, values: list[dict[str, Any]], active: Sequence[str]) -> str:
    """One facet's first values with their counts, those filtered by first, then how many are
    left out (`search --json` has them all). A one-value facet in use (source, language, year,
    translated) is counted without its own filter, so each other value's count is what adding
    it would add: "+5", as the web page shows it. Printed
    "seeds (5)" beside "11 results" filtered to another source, it read as 5 of them."""
    on = [v for v in values if v.get("id", v["value"]) in active]
    adds = bool(active) and name not in ENTITY_FACETS
    if adds:  # a year or language filtered by that no result has: 0, as the web page lists it
        listed = {v["value"] for v in on}
        on += [{"value": a, "count": 0} for a in active if a not in listed]
    listed = on + [v for v in values if v not in on]
    shown = listed[:max(8, len(on))]
    # the values left out, counted: years are listed newest first, so the line of a 1987-2021
    # archive ended at 2014 with nothing saying its largest year, 1987, was left out
    more = len(listed) - len(shown)
    return ", ".join(f"{_t(v['value'])} ({'+' if adds and v not in on else ''}{v['count']})" for v in shown) + (
        f", … ({more:,} more)" if more > 0 else "")


def _mt_badge(label: str | None) -> str:
    """The " [MT likely]" after a title (rich markup), for the labels a reader should see."""
    return f" [magenta]\\[MT {label}][/]" if label in ("likely", "possible") else ""


def _mark(snippet: str) -> str:
    """<mark> → rich bold, everything else escaped for rich markup."""
    import re
    from html import unescape

    parts = re.split(r"(<mark>.*?</mark>)", re.sub(r"\s+", " ", snippet))
    out = []
    for p in parts:
        if p.startswith("<mark>"):
            out.append("[bold yellow]" + _t(unescape(p[6:-7])) + "[/]")
        else:
            out.append(_t(unescape(p)))
    return "".join(out)


@cli.command("show")
@click.argument("doc_id")
@click.option("--query", "-q", default="", metavar="QUERY",
              help="Mark where this search matches the text, as the results' snippets do.")
@index_option
@json_option
@handle_errors
def show_cmd(doc_id, query, index_dir, as_json):
    """Every stored field of one document, with its text, flags, entities and removed boilerplate.

    DOC_ID is its id (as a search prints it), its page's address as a search reports it
    (http:// or https://, either scheme, with or without the path's last "/"; a JSON Lines
    record without one: file:///data/feed.jsonl#12), or the path of the file it was read
    from or that file's id (wire/feed.jsonl: a file of several articles lists their ids)."""
    from . import get_document, open_index
    from .ingest import path_text
    from .lookup import an_id, document_ids, near_id, source_named
    from .query import document_matches
    from .stories import RELATIONS, timeline

    archive = open_index(index_dir)
    found = document_ids(archive, doc_id)
    if not found.ids and "\\" in doc_id:  # an id copied as this command prints it ("a\\nb" for a line break)
        found = document_ids(archive, _unescaped(doc_id))
    ids = found.ids
    if not ids and (source := source_named(archive, doc_id)) is not None:
        _fail(f"'{doc_id}' is a source of the index, not one article: "
              f"`newsarchive search --filter {shlex.quote('source=' + source)}` lists its articles", EXIT_USAGE,
              source=source)
    # a byte that is not UTF-8 shown %XX, as ids show it, not the OS's lone surrogate ("\\udcff")
    shown = path_text(doc_id)
    if not ids and (near := near_id(archive, doc_id)) is not None:  # a near miss, as /doc/'s 404 offers it
        _fail(f"no document with id '{shown}': did you mean '{near}'?", EXIT_USAGE)
    if not ids:  # an id of the index as the example: a file's name without its source's folder was said nothing of
        example = an_id(archive)
        such = f" as a search prints it, such as '{example}'" if example else ""
        _fail(f"no document with id '{shown}' (an id{such}, a page's URL or an indexed file)", EXIT_USAGE)
    if len(ids) > 1:
        # every id in JSON, for a script to go through: the message lists five, and a file of
        # 2,500 articles said "… (2,495 more)" with no way to the rest
        message = found.several(f"'{found.opened or doc_id}' holds {len(ids):,} articles: show one by its id", doc_id)
        listed = ", ".join(ids[:5]) + (f" … and {len(ids) - 5:,} more; `--json` lists them all" if len(ids) > 5 else "")
        _fail(message if as_json else f"{message} ({listed})", EXIT_USAGE, ids=ids)
    doc = get_document(archive, ids[0])
    if found.note:  # another spelling of the address typed: `/a` and `/a/` may be two pages
        click.echo(f"newsarchive: note: {_plain(found.note)}", err=True)
        doc["opened_address"] = found.opened  # as /api/doc/<address> gives it
    query = query.strip()
    marks, refused = document_matches(archive, query, doc)  # the document still (this exited 2 without it)
    if query:
        doc["matches"] = [list(m) for m in marks]  # as /api/doc/<id>?q= gives them
        if refused:
            doc["matches_error"] = str(refused)
    if as_json:
        _emit_json(doc)
        return
    con = _console()
    con.print(f"[bold]{_t(doc.get('title') or '')}[/]")
    for key in ("id", "url", "path", "source", "site_name", "published", "language", "author", "credit", "dateline"):
        if key == "path" and str(doc.get("url") or "").startswith("file:"):
            continue  # the file is the url already; a WARC or JSON Lines article's url is the page's
        if doc.get(key):
            con.print(f"[dim]{key}:[/] {_t(str(doc[key]))}")
    tr = doc.get("translation") or {}
    if tr:
        bounds = doc["translation_thresholds"]
        con.print(f"[dim]translation:[/] {tr.get('label')} (score {tr.get('score', 0):.2f}; "
                  f"possible from {bounds['possible']:.2f}, likely from {bounds['likely']:.2f})")
    ents = doc.get("entities") or {}
    for t in ("person", "organization", "location"):
        if ents.get(t):
            con.print(f"[dim]{t}:[/] {_t(', '.join(ents[t]))}")
    if refused:
        con.print(f"[dim]matches:[/] none marked: the search “{_t(query)}” cannot run: {_t(str(refused))}")
    # through a pipe or into a file there is no bold: the marks are brackets (the line said
    # "15 marked in the text" over a text with none to see)
    plain = con.color_system is None
    if query and not refused:
        how = " between ⟦ and ⟧" if plain and marks else ""
        con.print(f"[dim]matches:[/] {len(marks)} of “{_t(query)}” marked in the text{how}")
    con.print()
    con.print(_marked(doc.get("text") or "", marks, plain))
    if tr.get("flags"):
        con.print("\n[bold]Machine-translation flags[/]")
        for f in tr["flags"]:
            con.print(f"  [magenta]{f['kind']}[/] {f['start']}-{f['end']} “{_t(f['excerpt'])}”: {_t(f.get('detail') or '')}")
    if doc.get("removed"):
        con.print("\n[bold]Removed boilerplate[/]")
        for r in doc["removed"]:
            con.print(f"  [dim]{_t(r.get('reason', ''))}:[/] {_t(r.get('text', ''))}")
    story = timeline(doc)
    if story:
        con.print("\n[bold]This story elsewhere in the archive[/] (oldest first, this article among them)")
        for v in story:
            when, source = v.get("published") or "undated", _t(v.get("source") or "")
            if v.get("current"):
                con.print(f"  {when:<10} [bold]this article[/]  {source}  {_t(v.get('title') or v.get('id') or '')}"
                          f"{_mt_badge(v.get('translated'))}")
                continue
            con.print(f"  {when:<10} [cyan]{_t(RELATIONS.get(v['relation'], v['relation']))}[/]"
                      f" {v['similarity']:.2f}  {source}  {_t(v['id'])}  {_t(v.get('title') or '')}"
                      f"{_mt_badge(v.get('translated'))}")
            con.print(f"  [dim]{'':<10} shares: {_t(', '.join(v.get('shared') or []))}[/]")


def _marked(text: str, marks: list[tuple[int, int]], plain: bool = False) -> str:
    """The text for rich, escaped, the spans `marks` in bold yellow (the results' marks), or
    between ⟦ ⟧ where `plain` (no colours: a pipe, a file)."""
    out, at = [], 0
    opening, closing = ("⟦", "⟧") if plain else ("[bold yellow]", "[/]")
    for a, b in marks:
        out += [_t(text[at:a], multiline=True), opening + _t(text[a:b], multiline=True) + closing]
        at = b
    return "".join(out) + _t(text[at:], multiline=True)


@cli.command("stats")
@index_option
@json_option
@handle_errors
def stats_cmd(index_dir, as_json):
    """Documents, generation, sources and the last index runs."""
    from . import open_index, stats
    from .store import lock_holder, run_command
    from .unindexed import UNINDEXED_WHY

    data = stats(open_index(index_dir))
    if as_json:
        _emit_json(data)
        return
    con = _console()
    con.print(f"[bold]{_count(data['documents'])}[/] {'document' if data['documents'] == 1 else 'documents'} in {_t(data['index'])} ({data['generation']}, built {data['created']})")
    counts = data.get("source_documents", {})  # none for a generation written without a catalog
    for s in data["sources"]:  # each source's articles, as /status lists them: one line each, however many
        n = counts.get(s)
        con.print(f"  source: {_t(s)}{f': {n:,} ' + ('article' if n == 1 else 'articles') if n else ''}")
    for s in data.get("unindexed_sources", []):
        if s in data.get("unindexed_why", {}):  # what the run that built this generation found
            con.print(f"  [yellow]no articles indexed from {_t(s)}[/]: {_t(data['unindexed_why'][s])}")
            continue
        con.print(f"  [yellow]no articles indexed from {_t(s)}[/]: {UNINDEXED_WHY} (`newsarchive reindex` tries "
                  "again and says why)")
    for run in data["runs"]:
        if run.get("refused"):  # another run held the lock: no failure, the index as it was
            holder = lock_holder(str(run["refused"]))
            by = f" ({_t(holder)})" if holder else ""  # which run, as stats --json and /healthz say
            con.print(f"  run {run.get('finished')}: {_t(run.get('command') or '')} [yellow]refused[/]: another run was in progress{by} ({run.get('seconds')}s)")
            continue
        if run.get("error"):
            con.print(f"  run {run.get('finished')}: {_t(run_command(run))} [red]failed[/]: {_t(run['error'])} ({run.get('seconds')}s)")
            continue
        # the inputs skipped and --full, as /status's table has them: a night's skipped files went unsaid
        skipped = f", [yellow]{_count(run['failed'])} skipped[/]" if run.get("failed") else ""
        command = _t(run_command(run))
        con.print(f"  run {run.get('finished')}: {command} +{_count(run.get('added', 0))} ~{_count(run.get('changed', 0))} -{_count(run.get('removed', 0))}{skipped} ({_count(run.get('seconds'))}s)")
    if data["run_log_warning"]:  # a diagnostic, on stderr as a run's own warning of its log
        click.echo(f"newsarchive: warning: {_plain(data['run_log_warning'])}", err=True)


def _count(value: object) -> str:
    """A count as every other count the commands and pages print ("19,043"); a run-log value
    edited by hand into something else is said as it is, as /status shows it."""
    return f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else _t(str(value))


class _EntityListCommand(_Command):
    """`entities`, which refuses a search's query and options naming what gives the entities of
    the articles a search finds (search's facets): `entities coup` said "Got unexpected extra
    argument", and `--sort` "Did you mean '--json'?"."""

    SEARCH_OPTIONS = ("--filter", "--sort", "--match", "--page")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if exc.option_name == "--page":  # the web's list has pages of 200
                raise click.UsageError("entities has no pages: it lists every entity, those in most documents first "
                                       "(--limit N: the first N)", ctx) from None
            if exc.option_name not in self.SEARCH_OPTIONS:
                raise
            raise click.UsageError(self._elsewhere(f"{exc.option_name} is search's", "QUERY"), ctx) from None
        if ctx.args:  # a query: allow_extra_args keeps it here, to say so
            raise click.UsageError(self._elsewhere("entities takes no query", shlex.join(ctx.args)), ctx)
        return rest

    @staticmethod
    def _elsewhere(what: str, query: str) -> str:
        return (f"{what}: entities lists the whole archive's, narrowed by --type and --contains TEXT (a name); the "
                f"entities of the articles a search finds are its facets: newsarchive search {query} --json "
                "(\"facets\": person, organization, location)")


@cli.command("entities", cls=_EntityListCommand, context_settings={"allow_extra_args": True})
@click.option("--type", "etype", type=_Read("query.read_entity_type", f"[{'|'.join(ENTITY_FACETS)}]"),
              help="Only this type, in any case (Person), as /entities?type= takes it.")
@click.option("--contains", default="", type=_Read("query.read_contains", "TEXT"),
              help="Only entities one of whose spellings contains TEXT (any case, any accents; up to 200 "
                   "characters), as the web's list.")
@click.option("--limit", type=_Read("query.read_limit", "INTEGER"), default=None,
              help="At most this many (1 or more), those in most documents.")
@index_option
@json_list_option
@handle_errors
def entities_cmd(etype, contains, limit, index_dir, as_json):
    """Canonical entities with their aliases and document counts, those in most documents first."""
    from . import list_entities, open_index
    from .query import entities_containing

    # a large archive holds tens of thousands: the web's list filters and pages them, and this
    # printed every one
    ents = entities_containing(list_entities(open_index(index_dir), etype), contains)[:limit]
    if as_json:
        _emit_json(ents)
        return
    con = _console()
    if not ents:  # printed nothing at all, as if the command had failed
        kind = f"{etype} entities" if etype else "entities"
        con.print(f"no {kind} containing '{_t(contains)}'" if contains else f"no {kind} in the index")
    for e in ents:
        # " | ", not ", ": a spelling holds commas ("Goldman, Sachs and Co")
        aliases = " | ".join(a for a in e["aliases"] if a != e["name"])
        con.print(f"{e['documents']:>5}  [bold]{_t(e['name'])}[/] [dim]{e['type']}{' · ' + _t(aliases) if aliases else ''}[/]")


def _indexed_sources(index_dir: str) -> tuple[list[str], dict[str, str]]:
    """The index's sources and their names; none where there is no index to read (`clean`
    needs no index: it names articles as indexing their folder would)."""
    from . import ingest
    from .store import IndexMissing, Store

    store = Store(index_dir)
    try:
        sources = store.sources()
        return sources, ingest.source_names(sources, store.source_names())
    except (IndexMissing, OSError):
        return [], {}


@cli.command("clean")
@click.argument("files", nargs=-1, required=True, type=click.Path(), callback=_given_paths)
@click.option("--removed", "show_removed", is_flag=True,
              help="After each article, list what was removed and why (--json always has it).")
@json_list_option
@index_option
@handle_errors
def clean_cmd(files, show_removed, as_json, index_dir):
    """Run the boilerplate cleaner alone on any input the index reads (text, HTML, WARC,
    JSON Lines): what indexing keeps of each article (before the archive-wide template pass)
    and, with --removed, what it removes and why. --json prints a list, one object per article.

    Articles are named by the ids `show` takes: relative to the source of --index that holds
    the file, else to the file's folder, as `index FOLDER` names them."""
    from . import ingest
    from .article import IngestError, PassedOver
    from .pipeline import clean_article, not_an_article

    records: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []  # as an index run's `failed`
    sources, names = _indexed_sources(index_dir)

    def skip(path: str, line: int | None, reason: str) -> None:
        _report("skipped", path, line, reason)
        skipped.append({"path": path, **({"line": line} if line is not None else {}), "reason": reason})

    for f in files:
        within, source = ingest.source_folder(Path(f), sources, names)
        for item in ingest.read_path(Path(f), source=source, within=within):
            if isinstance(item, IngestError):
                skip(item.path, item.line, item.reason)
                continue
            if isinstance(item, PassedOver):  # pages' metadata files, said once for all as `index` says them
                _report("note", item.path, None, item.note)
                continue
            for note in item.notes:
                _report("note", item.path or f, item.line, note)
            cleaned = clean_article(item)
            reason = not_an_article(cleaned)
            if reason:  # as `index` reports it: no empty article, no bot check
                skip(item.path or f, item.line, reason)
                continue
            records.append({"file": item.path or f, "id": item.id, **cleaned})
    if not records:
        # `[]` and exit 1 (or 0, for a folder of images) said nothing on stdout of why: a script
        # reading the JSON saw no article and no reason
        n = len(skipped)
        _fail(f"no article to clean: {n} input{'s' if n != 1 else ''} skipped" if n
              else "no article to clean: no file to read (images, styles and scripts are passed over, "
                   "as are hidden files and folders, named .*)", EXIT_FAIL, skipped=skipped)
    if as_json:
        _emit_json(records)
    else:
        for r in records:
            if len(records) > 1:
                click.echo(f"==> {_plain(r['id'])} <==")
            if r["title"] and not r["text"].startswith(r["title"]):
                click.echo(_plain(r["title"]) + "\n")
            click.echo(_plain(r["text"], multiline=True))
            if show_removed:  # the text alone was all a user saw; what went, and why, only --json had
                click.echo(f"\n--- removed: {len(r['removed'])} piece{'' if len(r['removed']) == 1 else 's'} ---")
                for piece in r["removed"]:
                    line = " ".join(piece["text"].split())
                    line = line if len(line) <= 100 else line[:99] + "\u2026"
                    click.echo(f"[{_plain(piece['reason'])}] {_plain(line)}")
    sys.exit(EXIT_OK)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=_Between("port", 1, 65535),
              help="1 to 65535.")
@click.option("--threads", default=8, show_default=True, type=_Between("threads", 1, 64),
              help="Worker threads, 1 to 64; they share one Whoosh searcher per index generation.")
@index_option
@handle_errors
def serve_cmd(host, port, threads, index_dir):
    """Serve the web UI and JSON API with waitress (a production WSGI server)."""
    import waitress

    from web import create_app

    from .store import Store

    store = Store(index_dir)
    try:
        missing = store.current_name() is None
    except OSError:  # not a directory, not readable: the pages say so
        missing = True
    if missing and store.run_in_progress() is None and store.other_files():
        # the archive typed for the index (`--index ~/news`): no index run writes there, and the
        # pages would answer 503 for good; said as `search` says it (exit 3)
        store.current_dir()
    if missing:  # the app starts anyway, and answers 503 until there is one
        holder = store.run_in_progress()
        until = (f"the index run in progress ({holder}) has built one" if holder
                 else f"`newsarchive index --index {index_dir} PATH` builds one")
        click.echo(f"newsarchive: no index in {index_dir} yet: pages answer 503 until {until}", err=True)
    app = create_app({"INDEX": index_dir})
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="newsarchive")
    except (OSError, ValueError) as exc:  # port taken, a privileged port; waitress: "Invalid host/port"
        import errno

        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        hint = ("another server is there: choose another --port" if getattr(exc, "errno", None) == errno.EADDRINUSE
                else "not an address of this machine: choose another --host" if getattr(exc, "errno", None) == errno.EADDRNOTAVAIL
                else "choose --port/--host")
        raise click.UsageError(f"cannot listen on {host}:{port}: {reason} ({hint})")
    # a service manager's stop (SIGTERM) closes as Ctrl-C does: waitress ends its loop on SystemExit
    try:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    except ValueError:  # not the main thread (serve called from a program's thread): its own handling stands
        pass
    try:
        click.echo(f"newsarchive: serving {index_dir} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        server.run()  # returns on Ctrl-C or SIGTERM, having closed its sockets
    except (KeyboardInterrupt, SystemExit):  # come before the loop started
        server.close()
    click.echo(f"newsarchive: stopped serving {index_dir}", err=True)


def main() -> None:
    # A terminal or pipe that is not UTF-8 (LANG=C on an old system, PYTHONIOENCODING=ascii)
    # gets escapes for what it cannot show, instead of an error half-way through a listing.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    try:
        cli(prog_name="newsarchive")
    except BrokenPipeError:
        _reader_went_away()


if __name__ == "__main__":
    main()
