"""Benchmark: our HTML cleaner beside plain `trafilatura.extract`, on the same pages.

    .venv/bin/python bench/bench_html_cleaning.py [--limit N]

Reads ../shared/data/article-extraction-benchmark (181 pages) beside the repository and
prints, for both extractors, the benchmark's metric (\\w+ tokens, case kept, 4-token
shingles as multisets, precision/recall/F1 per page averaged over pages, exact-match
accuracy) and documents per second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction-benchmark"
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 1)) if tokens)


def page_scores(pred: str, gold: str) -> tuple[float, float, float, bool]:
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp, fn = sum(p.values()) - tp, sum(g.values()) - tp
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, TOKEN.findall(pred or "") == TOKEN.findall(gold or "")


def run(name: str, extract, pages: list[tuple[str, str, str]]) -> None:
    scores = []
    start = time.perf_counter()
    outputs = [extract(html, url) for _, html, url in pages]
    elapsed = time.perf_counter() - start
    for (key, _, _), out in zip(pages, outputs):
        scores.append(page_scores(out, GOLD[key]["articleBody"]))
    n = len(scores)
    mean = [sum(s[i] for s in scores) / n for i in range(4)]
    print(f"{name:28s} P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f} acc={mean[3]:.3f} "
          f"{n / elapsed:7.1f} docs/s ({1000 * elapsed / n:.1f} ms/page)")


def ours(html: bytes, url: str) -> str:
    from eventdesk.clean import CleanConfig, clean_document
    from eventdesk.record import Document

    doc = Document(id="bench", source=url, url=url, content_type="html", raw=decode(html))
    clean_document(doc, CONFIG)
    return doc.body or ""


def decode(html: bytes) -> str:
    """Bytes to text: UTF-8, else charset-normalizer's guess (trafilatura does the same)."""
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(html).best()
    return str(best) if best is not None else html.decode("utf-8", "replace")


def plain(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"../shared not found beside the repository: {BENCH}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from eventdesk.clean import CleanConfig

    CONFIG = CleanConfig()
    GOLD = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(GOLD)[: args.limit or None]
    # trafilatura reads the raw bytes and detects the encoding, as a crawler would give them
    pages = [(k, gzip.decompress((BENCH / "html" / f"{k}.html.gz").read_bytes()),
              GOLD[k].get("url") or "") for k in keys]
    print(f"{len(pages)} pages from {BENCH}")
    ours(b"<html><body><p>warm up</p></body></html>", "")  # load knowledge and models once
    plain(b"<html><body><p>warm up</p></body></html>", "")
    run("trafilatura.extract (plain)", plain, pages)
    run("eventdesk clean (ours)", ours, pages)
