"""Reading JSON by docs/SPEC.md §10 (used by verify_proof.py; standard library only).

Rules: UTF-8; one byte-order mark (EF BB BF) at the very start is skipped, anywhere else it is an
error; nesting at most 64 arrays and objects deep; a proof (opening, replacement list) at most
256 MiB, a public snapshot at most 8 GiB. A file breaking a rule is refused before it is parsed
further, with a message naming the rule.

Python's json module parses recursively, so the depth is measured first by a flat scan (a regular
expression that steps over strings and counts brackets); json.loads only ever sees documents of
depth <= 64. Beyond §10 (READING, reported): NaN / Infinity and duplicate object keys are refused.
"""

import json
import os
import re
from itertools import accumulate

BOM = b"\xef\xbb\xbf"
MAX_DEPTH = 64
MAX_PROOF = 256 * 1024 * 1024            # proofs, openings, replacement lists
MAX_SNAPSHOT = 8 * 1024 * 1024 * 1024    # public snapshots


class JsonRefused(ValueError):
    """A §10 rule (or plain JSON syntax) refused the file; the message names the rule."""


# A JSON string (escapes included), unrolled so that the regular expression engine runs in C.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def check_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The maximum nesting depth of arrays and objects, refusing past `limit` (no recursion): strings
    are removed first (brackets inside them do not count), then the running sum of +1 / -1 over the
    brackets left. An unterminated string leaves a lone '"' that json.loads rejects afterwards."""
    brackets = re.sub(r"[^\[\]{}]+", "", _STRING.sub("", text))
    best = max(accumulate(map(_STEP.__getitem__, map(ord, brackets))), default=0)
    if best > limit:
        raise JsonRefused(f"nesting deeper than {limit} arrays and objects (§10)")
    return best


def _no_constants(name):
    raise JsonRefused(f"{name} is not JSON")


def _pairs(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise JsonRefused(f"duplicate key {k!r} in an object")
        d[k] = v
    return d


def loads_bytes(data: bytes, max_size: int = MAX_PROOF, what: str = "file"):
    """Parses bytes under §10 (size, BOM, depth); raises JsonRefused naming the rule."""
    if len(data) > max_size:
        raise JsonRefused(f"{what} is {len(data)} bytes, more than the {max_size} allowed (§10)")
    if data.startswith(BOM):
        data = data[len(BOM):]
    if BOM in data:
        raise JsonRefused(f"byte-order mark at byte {data.index(BOM) + len(BOM)}: allowed only at the very start (§10)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise JsonRefused(f"not UTF-8 ({e}) (§10)") from None
    check_depth(text)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constants)
    except JsonRefused:
        raise
    except (ValueError, RecursionError) as e:
        raise JsonRefused(f"not JSON: {e}") from None


def load_path(path: str, max_size: int = MAX_PROOF, what: str = "file"):
    """Reads a file under §10: the size is checked from the file system before anything is read.
    OSError (unreadable) propagates to the caller."""
    size = os.stat(path).st_size
    if size > max_size:
        raise JsonRefused(f"{what} {path} is {size} bytes, more than the {max_size} allowed (§10)")
    with open(path, "rb") as f:
        data = f.read(max_size + 1)
    return loads_bytes(data, max_size, what)
