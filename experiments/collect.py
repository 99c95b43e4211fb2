"""Pool the finished runs of experiments/loop_runs.sh per collection (qgen_nb.pipeline.seeds_report) and copy the small
result files the explanation page reads into experiments/results/.
    python experiments/collect.py"""
import json, re, shutil
from dataclasses import asdict
from collections import defaultdict
from pathlib import Path
import yaml
from qgen_nb.core import read_run_config
from qgen_nb.pipeline import Pipeline, make_config, seeds_report

root, dest = Path('runs/loop'), Path('experiments/results/loop')
dest.mkdir(parents=True, exist_ok=True)
finished = defaultdict(list)
for d in sorted(root.glob('*-s[0-9]')):
    if (d/'report.md').exists(): finished[re.sub(r'-s\d+$', '', d.name)].append(d)
def settings(d: Path) -> dict:
    "A finished run's settings under their current names; a run made before a setting existed gets its default written in (it ran with it)"
    full = asdict(make_config(**read_run_config(d)))
    if full != yaml.safe_load((d/'config.yaml').read_text()): (d/'config.yaml').write_text(yaml.safe_dump(full, sort_keys=False))
    return full

for config, folders in finished.items():
    pipes = [Pipeline(make_config(**settings(d)), root=root) for d in folders]
    out = root/f"{config}-seeds"
    metrics = seeds_report(pipes, out)
    for r in pipes:
        m = json.loads((r.dir/'metrics.json').read_text())
        meta = json.loads((r.dir/'model'/'reranker.json').read_text())
        m['training'] = {k: meta.get(k) for k in ('steps', 'train_s', 'validation', 'chosen_step', 'rows')}
        log = root/f"{r.dir.name}.log"
        wall = re.findall(r'([\d.]+) s wall', log.read_text()) if log.exists() else []
        m['wall_s'] = float(wall[-1]) if wall else None
        (dest/f"{r.dir.name}.json").write_text(json.dumps(m, indent=1))
        r.close()
    shutil.copy(out/'metrics.json', dest/f"{config}-pooled.json")
    print(config, len(pipes), 'seeds:', {s: round(v['nDCG@10']['mean'], 3) for s, v in metrics['systems'].items()})
