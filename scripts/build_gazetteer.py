"""Build the gazetteer index into the cache folder (EVENTDESK_CACHE, default ~/.cache/eventdesk).

`Gazetteer.default()` does the same on first use; run this ahead of a batch (or in a container
image) so that no worker pays for it, or with --check to see what the index holds.

    .venv/bin/python scripts/build_gazetteer.py [--force] [--check NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time

from eventdesk.understand.places import index as place_index
from eventdesk.understand.places.gazetteer import Gazetteer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="rebuild even if the index exists")
    ap.add_argument("--check", nargs="*", default=[], metavar="NAME",
                    help="resolve these names with the built index and print the result")
    args = ap.parse_args(argv)
    path = place_index.index_path()
    t0 = time.perf_counter()
    if args.force or not path.is_file():
        index = place_index.build_index()
        place_index.save(index, path)
        built = "built"
    else:
        index = place_index.load_or_build(path)
        built = "found"
    kinds: dict[str, int] = {}
    for rec in index.records:
        kinds[rec[6]] = kinds.get(rec[6], 0) + 1
    print(f"{built} {path} in {time.perf_counter() - t0:.1f} s: {len(index.records)} places "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), {len(index.keys)} "
          f"names, {len(index.demonyms)} demonyms")
    gaz = Gazetteer(index)
    for name in args.check:
        place = gaz.resolve(name)
        print(f"{name}\t{place}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
