#!/usr/bin/env python3
"""A pandas comparison for the target draw (issue 17): how long
`df.groupby('credit').sample(frac=0.05)` takes on as many rows as the draw
bench (`DUALDRAW_BENCH_SAMPLE_ENTITIES`, default 10,000,000).

The rows are made here: a USCC-like 18-character code (`91`, a 6-digit
region, 10 characters of the USCC alphabet) and a credit class A/B/C/D
drawn with the synthetic county's weights (65%, 25%, 8%, 2%). Building them
is not timed; the groupby sample is, 5 times, and the median is printed.

Run it as `python3 benches/pandas_floor.py`: on its first run it makes a
virtual environment in `target/pandas-venv` and installs pandas from PyPI
there, then runs itself inside it. Not run by CI (`benches/floor_ratios.sh`
runs it beside the criterion benches).
"""

import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "pandas-venv")
VENV_PY = os.path.join(VENV, "bin", "python")
ALPHABET = b"0123456789ABCDEFGHJKLMNPQRTUWXY"
RUNS = 5


def in_venv() -> bool:
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def bootstrap() -> None:
    if not os.path.exists(VENV_PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    probe = subprocess.run([VENV_PY, "-c", "import pandas"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run(
            [VENV_PY, "-m", "pip", "install", "--quiet", "pandas"], check=True
        )
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__), *sys.argv[1:]])


def rows(n: int, seed: int = 21):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    codes = np.empty((n, 18), dtype=np.uint8)
    codes[:, 0] = ord("9")
    codes[:, 1] = ord("1")
    codes[:, 2:8] = rng.integers(ord("0"), ord("9") + 1, size=(n, 6), dtype=np.uint8)
    alphabet = np.frombuffer(ALPHABET, dtype=np.uint8)
    codes[:, 8:] = alphabet[rng.integers(0, len(ALPHABET), size=(n, 10))]
    uscc = codes.view("S18").ravel().astype(str)
    credit = rng.choice(
        np.array(["A", "B", "C", "D"]), size=n, p=[0.65, 0.25, 0.08, 0.02]
    )
    return pd.DataFrame({"uscc": uscc, "credit": credit})


def main() -> None:
    import pandas as pd

    n = int(os.environ.get("DUALDRAW_BENCH_SAMPLE_ENTITIES", "10000000"))
    df = rows(n)
    times = []
    drawn = 0
    for i in range(RUNS):
        t0 = time.perf_counter()
        s = df.groupby("credit").sample(frac=0.05, random_state=i)
        times.append(time.perf_counter() - t0)
        drawn = len(s)
    med = statistics.median(times)
    print(
        f"pandas_groupby_sample/{n}: median {med:.3f} s "
        f"(min {min(times):.3f} s, max {max(times):.3f} s, {RUNS} runs, {drawn} rows drawn; "
        f"pandas {pd.__version__}, python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    if in_venv():
        main()
    else:
        bootstrap()
