"""Pool the finished runs of experiments/cpo_compare.sh: per collection, each method's seeds (qgen_nb.pipeline.seeds_report),
then inpars-plus against inpars-v2 on the seeds both finished, paired per query (each query's value averaged over the
seeds). Writes runs/cpo-compare/<config>-seeds/ and experiments/results/cpo/<collection>.json, and prints a summary.
    python experiments/cpo_collect.py"""
import json, re
from dataclasses import asdict
from pathlib import Path
import numpy as np
from qgen_nb.core import read_run_config
from qgen_nb.evaluation import compare
from qgen_nb.pipeline import Pipeline, make_config, pool_seeds, seeds_report, SYNTHETIC, FINAL

root, dest = Path('runs/cpo-compare'), Path('experiments/results/cpo')
dest.mkdir(parents=True, exist_ok=True)

def finished(config: str) -> dict[int, Path]:
    return {int(d.name.rsplit('-s', 1)[1]): d for d in sorted(root.glob(f'{config}-s[0-9]')) if (d/'report.md').exists()}

def wall_s(d: Path):
    log = root/f"{d.name}.log"
    wall = re.findall(r'([\d.]+) s wall', log.read_text()) if log.exists() else []
    return float(wall[-1]) if wall else None

for collection in ('birco-doris-mae', 'scifact'):
    runs = {m: finished(f'{collection}-{m}') for m in ('inpars-v2', 'inpars-plus')}
    seeds = sorted(set(runs['inpars-v2']) & set(runs['inpars-plus']))
    if not seeds: continue
    summary = dict(seeds=seeds, methods={})
    pooled = {}
    for method, folders in runs.items():
        pipes = [Pipeline(make_config(**read_run_config(folders[s])), root=root) for s in seeds]
        metrics = seeds_report(pipes, root/f'{collection}-{method}-seeds')
        pooled[method] = pool_seeds([p.results() for p in pipes])
        counts = [json.loads((p.dir/'metrics.json').read_text())['counts'] for p in pipes]
        summary['methods'][method] = dict(
            nDCG10={s: v['nDCG@10'] for s, v in metrics['systems'].items()},
            flagged_share=float(np.mean([c['flagged'] / c['generated'] for c in counts])),
            counts=counts, wall_s=[wall_s(p.dir) for p in pipes])
        for p in pipes: p.close()
    summary['comparisons'] = [asdict(compare(pooled['inpars-v2'][s]['nDCG@10'], pooled['inpars-plus'][s]['nDCG@10'],
                                             (f'inpars-v2 {s}', f'inpars-plus {s}'))) for s in (SYNTHETIC, FINAL)]
    (dest/f'{collection}.json').write_text(json.dumps(summary, indent=1))
    print(collection, 'seeds', seeds)
    for m, x in summary['methods'].items():
        print(f"  {m}: flagged {x['flagged_share']:.0%}; " + ', '.join(f"{s} {v['mean']:.3f}" for s, v in x['nDCG10'].items()))
    for c in summary['comparisons']:
        print(f"  {c['b']} vs {c['a']}: {c['delta']:+.3f} [{c['ci_low']:+.3f}, {c['ci_high']:+.3f}], p = {c['p_value']:.3g}")
