"""Generates a benchmark corpus from seeds/, deterministically: every copy is a distinct
document (its Council number and a sentence changed), sizes chosen in megabytes."""

import pathlib
import sys

SEEDS = sorted(pathlib.Path(__file__).resolve().parents[1].joinpath("seeds").glob("*.txt"))


def generate(out: pathlib.Path, megabytes: int) -> int:
    """Writes copies of the seeds into `out` until `megabytes` MB; returns the byte count."""
    out.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    target, total, i = megabytes * 1_000_000, 0, 0
    while total < target:
        t = texts[i % len(texts)]
        t = t.replace("12642/25", f"{10000 + i}/25").replace("7290/21", f"{1000 + i}/21")
        t = t.replace("Tak.", f"Tak ({i}).").replace("Hvala.", f"Hvala ({i}).")
        data = t.encode("utf-8")
        path = out / f"{i // 1000:04d}" / f"doc{i:07d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        i += 1
    return total


if __name__ == "__main__":
    print(generate(pathlib.Path(sys.argv[1]), int(sys.argv[2])))
