"""Collect issue 9's learning curve (experiments/learning_curve.sh): per seed, each finished point's nDCG@10 (mean and CI) of
every system, the paired differences the curve is about (synthetic against its zero-shot start, final against the hybrid),
its counts, the step kept and the run's wall and CPU minutes, in the order of the points' sizes. Points already in the
results file whose run folders are gone (an earlier session's) are kept. Writes experiments/results/curve/scifact-s<seed>.json
and prints a table.
    python experiments/curve_collect.py"""
import json
from collections import defaultdict
from pathlib import Path
from qgen_nb.pipeline import SYNTHETIC, FINAL, DENSE, HYBRID
from logged_time import logged_minutes

BEATS = {SYNTHETIC: DENSE, FINAL: HYBRID} # system: what it must beat

root, dest = Path('runs/curve'), Path('experiments/results/curve')
dest.mkdir(parents=True, exist_ok=True)

def point(d: Path) -> dict:
    m = json.loads((d/'metrics.json').read_text())
    meta = json.loads((d/'model'/'reranker.json').read_text())
    log = root/f'{d.name}.log'
    return dict(kept=m['counts']['kept'], n_docs=m['config']['n_docs'], counts=m['counts'],
                systems={s: r['nDCG@10'] for s, r in m['systems'].items()},
                gains={c['b']: c for c in m['comparisons'] if c['measure'] == 'nDCG@10' and BEATS.get(c['b']) == c['a']},
                chosen_step=meta.get('chosen_step'), steps=meta['steps'], wall_min=logged_minutes(log, 'wall'), cpu_min=logged_minutes(log, 'user'))

by_seed = defaultdict(list)
for d in root.glob('k*-s[0-9]'):
    if (d/'report.md').exists(): by_seed[int(d.name.rsplit('-s', 1)[1])].append(point(d))
for seed, points in sorted(by_seed.items()):
    path = dest/f'scifact-s{seed}.json'
    earlier = json.loads(path.read_text())['points'] if path.exists() else []
    points += [p for p in earlier if p['kept'] not in {q['kept'] for q in points}] # points of earlier sessions, whose run folders are gone
    points.sort(key=lambda p: p['kept'])
    path.write_text(json.dumps(dict(config='scifact-curve', seed=seed, points=points), indent=1))
    print(f'seed {seed}')
    for p in points:
        print(f"  kept {p['kept']:5d}: " + ', '.join(f"{s} {v['mean']:.3f}" for s, v in p['systems'].items())
              + f"  step {p['chosen_step']}/{p['steps']}  {p['wall_min']} min wall, {p['cpu_min']} CPU min")
