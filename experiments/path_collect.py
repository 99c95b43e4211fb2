"""Pool the finished runs of experiments/path_runs.sh. For each seed: the search's summary, scores and best prompt, and its
trajectory plot, copied into experiments/results/path/<config>-s<seed>/. For each collection: the seeds of the runs with the
prompt found and of the runs with the starting prompt (qgen_nb.pipeline.seeds_report), then the path runs against the start
runs, the zero-shot encoder, the gold-10 reranker and the hybrid, paired per query (each query's value averaged over the
seeds). Writes runs/path/<config>-{path,start}-seeds/ and experiments/results/path/<config>.json, and prints a summary.
    python experiments/path_collect.py"""
import json, shutil
from dataclasses import asdict
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
from qgen_nb.core import read_run_config
from qgen_nb.evaluation import compare
from qgen_nb.pipeline import Pipeline, make_config, pool_seeds, seeds_report, DENSE, FINAL, GOLD_TRAINED, HYBRID, SYNTHETIC
from qgen_nb.prompt_search import plot_search
from earlier_results import loses_seeds

root, dest = Path('runs/path'), Path('experiments/results/path')
CONFIGS = ('birco-doris-mae-path', 'scifact-path', 'birco-wtb-path', 'birco-clinical-trial-path')

def finished(config: str) -> dict[int, Path]:
    return {int(d.name.rsplit('-s', 1)[1]): d for d in sorted(root.glob(f'{config}-s[0-9]')) if (d/'against_start.json').exists()}

def keep_search(run: Path) -> dict:
    "Copy the search's small files and its trajectory plot; return its summary"
    search, d = run.parent/f'{run.name}-search', dest/run.name
    d.mkdir(parents=True, exist_ok=True)
    for f in ('search.json', 'scores.jsonl', 'rounds.jsonl', 'best.yaml'): shutil.copy(search/f, d/f)
    shutil.copy(run/'against_start.json', d/'against_start.json')
    ax = plot_search(search); ax.set_title(run.name, fontsize=9); ax.figure.savefig(d/'trajectory.png', dpi=120, bbox_inches='tight'); plt.close(ax.figure)
    return json.loads((search/'search.json').read_text())

def pipes(folders: list[Path]) -> list[Pipeline]:
    return [Pipeline(make_config(**read_run_config(f)), root=root) for f in folders]

dest.mkdir(parents=True, exist_ok=True)
for config in CONFIGS:
    runs = finished(config)
    if not runs: continue
    seeds = sorted(runs)
    if loses_seeds(dest/f'{config}.json', seeds): continue
    searches = {s: keep_search(runs[s]) for s in seeds}
    # a search that kept its starting prompt ran no start run: the path run is the start run
    start_dirs = [root/f'{runs[s].name}-start' if (root/f'{runs[s].name}-start').exists() else runs[s] for s in seeds]
    summary, pooled = dict(seeds=seeds, searches={}, systems={}), {}
    for kind, folders in (('path', [runs[s] for s in seeds]), ('start', start_dirs)):
        ps = pipes(folders)
        metrics = seeds_report(ps, root/f'{config}-{kind}-seeds')
        summary['systems'][kind] = {n: v['nDCG@10'] for n, v in metrics['systems'].items()}
        pooled[kind] = pool_seeds([p.results() for p in ps])
        for p in ps: p.close()
    for s, f in searches.items():
        summary['searches'][s] = dict(start=f['start'], best=f['best'], baselines=f['baselines'], candidates=f['candidates'],
                                      hours=f['hours'], seed_sd=f['seed_sd'], optimism=f['optimism'], same_prompt=f['best']['key'] == f['start']['key'])
    path, start = pooled['path'], pooled['start']
    pairs = [(start[SYNTHETIC], path[SYNTHETIC], 'start prompt: synthetic', 'path prompt: synthetic'),
             (start[FINAL], path[FINAL], 'start prompt: final', 'path prompt: final'),
             (path[DENSE], path[SYNTHETIC], 'zero-shot dense', 'path prompt: synthetic'),
             (path[GOLD_TRAINED], path[SYNTHETIC], 'gold-10 reranker', 'path prompt: synthetic'),
             (path[GOLD_TRAINED], path[FINAL], 'gold-10 reranker', 'path prompt: final'),
             (path[HYBRID], path[FINAL], 'hybrid (BM25 + dense)', 'path prompt: final')]
    summary['comparisons'] = [asdict(compare(a['nDCG@10'], b['nDCG@10'], (na, nb))) for a, b, na, nb in pairs]
    (dest/f'{config}.json').write_text(json.dumps(summary, indent=1))
    print(config, 'seeds', seeds)
    for s, f in summary['searches'].items():
        print(f"  seed {s}: {f['candidates']} candidates, {f['hours']:.2f} h; start {f['start']['score']:.3f}, best {f['best']['mean']:.3f}: {f['best']['instruction']!r}")
    for kind, x in summary['systems'].items(): print(f"  {kind}: " + ', '.join(f"{n} {v['mean']:.3f}" for n, v in x.items()))
    for c in summary['comparisons']:
        print(f"  {c['b']} vs {c['a']}: {c['delta']:+.3f} [{c['ci_low']:+.3f}, {c['ci_high']:+.3f}], p = {c['p_value']:.3g}")
