"""What the collectors check before they overwrite a results file: `runs/` does not survive a new checkout, so the run
folders behind results kept in experiments/results/ may be gone, or re-made by a later session."""
import json
from pathlib import Path

def loses_seeds(path: Path, seeds: list[int]) -> bool:
    "Whether pooling `seeds` over the results at `path` would drop seeds they hold (it says so when it would)"
    earlier = json.loads(path.read_text())['seeds'] if path.exists() else []
    lost = sorted(set(earlier) - set(seeds))
    if lost: print(f"{path} pools seeds {earlier}; seeds {lost} have no run folder here: left as it is")
    return bool(lost)
