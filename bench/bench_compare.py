"""Compare latency and memory: warm compare of two ~1,000-word articles, CLI cold start, peak RSS.

    python -m bench compare

The pair is built from real text: MSRP paraphrase pairs (../shared/data/msrp,
train split) — side a gets #1 strings, side b the #2 strings of the
paraphrases, so b is a sentence-by-sentence paraphrase of a. Without
../shared the seed pair is repeated to the same length instead.
Goals (issue #3, 2-core machine): warm median <= 150 ms, cold start <= 2.5 s,
peak memory <= 600 MB.
"""

from __future__ import annotations

import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MSRP = ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
SEED = ROOT / "examples" / "seed-pair"
WORDS = 1000
RUNS = 15


def pair_texts() -> tuple[str, str, str]:
    """Two ~1,000-word articles, b a paraphrase of a; and where they came from."""
    if MSRP.exists():
        a, b = [], []
        with MSRP.open(encoding="utf-8-sig") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row["Quality"] == "1":
                    a.append(row["#1 String"])
                    b.append(row["#2 String"])
                if sum(len(x.split()) for x in a) >= WORDS:
                    break
        return "\n\n".join(a), "\n\n".join(b), "MSRP train paraphrases"
    ta, tb = (SEED / "tass.txt").read_text(), (SEED / "retelling.txt").read_text()
    k = max(1, WORDS // len(ta.split()))
    return "\n\n".join([ta] * k), "\n\n".join([tb] * k), "seed pair repeated"


def _measure_warm(path_a: str, path_b: str) -> None:
    from retold import compare_articles, get_encoder, load_article

    a, b = load_article(Path(path_a)), load_article(Path(path_b))
    enc = get_encoder()
    compare_articles(a, b, enc)  # load the model
    times = []
    for _ in range(RUNS):
        enc._cache.clear()  # honest: every run encodes every sentence again
        t = time.perf_counter()
        compare_articles(a, b, enc)
        times.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"median_ms": 1000 * statistics.median(times), "p90_ms": 1000 * sorted(times)[int(0.9 * RUNS)],
                      "rss_mb": rss, "sentences": [len(a.sentences), len(b.sentences)]}))


def run() -> list[dict[str, object]]:
    text_a, text_b, origin = pair_texts()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="retold-bench-") as tmp:
        pa, pb = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        pa.write_text(text_a)
        pb.write_text(text_b)
        out = subprocess.run([sys.executable, "-m", "bench.bench_compare", "--warm", str(pa), str(pb)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        warm = json.loads(out.stdout.strip().splitlines()[-1])
        words = f"{len(text_a.split())}+{len(text_b.split())} words, {warm['sentences'][0]}+{warm['sentences'][1]} sentences"
        rows.append({"measure": "warm compare, median", "value": round(warm["median_ms"], 1), "unit": "ms",
                     "goal": "<= 150", "input": f"{origin}, {words}",
                     "command": "python -m bench compare"})
        rows.append({"measure": "warm compare, p90", "value": round(warm["p90_ms"], 1), "unit": "ms",
                     "goal": "", "input": "same", "command": "python -m bench compare"})
        rows.append({"measure": "peak memory (warm process)", "value": round(warm["rss_mb"], 1), "unit": "MB",
                     "goal": "<= 600", "input": "same", "command": "python -m bench compare"})
        cold = []
        for _ in range(3):
            t = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "retold", "compare", str(pa), str(pb), "--json"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
            assert proc.stdout is not None
            proc.stdout.read(1)  # first byte of output
            cold.append(time.perf_counter() - t)
            proc.communicate()
        rows.append({"measure": "CLI cold start to first output", "value": round(statistics.median(cold), 2),
                     "unit": "s", "goal": "<= 2.5", "input": "same",
                     "command": "retold compare a.txt b.txt --json"})
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--warm":
        _measure_warm(sys.argv[2], sys.argv[3])
    else:
        for r in run():
            print(r)
