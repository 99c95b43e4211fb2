"""What the collectors keep so that results outlive their run folders: `runs/` does not survive a new checkout, so each
finished seed's per-query values are kept beside its results, and a results file is not overwritten by a pooling that
would drop seeds it holds."""
import json
from pathlib import Path
from qgen_nb.core import read_run_config
from qgen_nb.pipeline import Pipeline, make_config

def loses_seeds(path: Path, seeds: list[int]) -> bool:
    "Whether pooling `seeds` over the results at `path` would drop seeds they hold (it says so when it would)"
    earlier = json.loads(path.read_text())['seeds'] if path.exists() else []
    lost = sorted(set(earlier) - set(seeds))
    if lost: print(f"{path} pools seeds {earlier}; seeds {lost} have no per-query values here: left as it is")
    return bool(lost)

def keep_per_query(run: Path, root: Path, path: Path) -> None:
    "Write the nDCG@10 of each system per query of the finished run folder `run` (under `root`), rounded to 5 decimals, to the JSON file `path`"
    with Pipeline(make_config(**read_run_config(run)), root=root) as p: results = p.results()
    path.write_text(json.dumps({s: {q: round(v, 5) for q, v in m['nDCG@10'].items()} for s, m in results.items()}))

def read_per_query(path: Path) -> dict:
    "What `keep_per_query` wrote, in `Pipeline.results()`'s shape: system -> 'nDCG@10' -> query -> value"
    return {s: {'nDCG@10': v} for s, v in json.loads(path.read_text()).items()}

def kept_seeds(dest: Path, config: str, per_query: str) -> set[int]:
    "The seeds of `config` whose per-query values (the file named `per_query`) are kept in `dest`, by this session or an earlier one"
    return {int(d.name.rsplit('-s', 1)[1]) for d in dest.glob(f'{config}-s[0-9]') if (d/per_query).exists()}
