"""Pool the seeds of experiments/path_runs.sh. Each finished run's search summary, scores, best prompt and trajectory plot,
and the per-query nDCG@10 of its full runs with the prompt found and with the starting prompt, are kept in
experiments/results/path/<config>-s<seed>/, so that seeds run in different sessions pool together. For each collection, the
seeds kept there: both prompts' systems (each query's value averaged over the seeds), then the path runs against the start
runs, the zero-shot encoder, the gold-10 reranker and the hybrid, paired per query. Writes
experiments/results/path/<config>.json and prints a summary.
    python experiments/path_collect.py"""
import json, shutil
from dataclasses import asdict
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
from qgen_nb.evaluation import compare, summarise
from qgen_nb.pipeline import pool_seeds, DENSE, FINAL, GOLD_TRAINED, HYBRID, SYNTHETIC
from qgen_nb.prompt_search import plot_search
from earlier_results import keep_per_query, kept_seeds, loses_seeds, read_per_query

root, dest = Path('runs/path'), Path('experiments/results/path')
CONFIGS = ('birco-doris-mae-path', 'scifact-path', 'birco-wtb-path', 'birco-clinical-trial-path')

def finished(config: str) -> dict[int, Path]:
    return {int(d.name.rsplit('-s', 1)[1]): d for d in sorted(root.glob(f'{config}-s[0-9]')) if (d/'against_start.json').exists()}

def keep_run(run: Path) -> None:
    """Copy the search's small files, its trajectory plot and the per-query nDCG@10 of the full runs with the prompt found and
    with the starting prompt (a search that kept its starting prompt ran no start run: the path run is the start run)"""
    search, start, d = run.parent/f'{run.name}-search', run.parent/f'{run.name}-start', dest/run.name
    d.mkdir(parents=True, exist_ok=True)
    for f in ('search.json', 'scores.jsonl', 'rounds.jsonl', 'best.yaml'): shutil.copy(search/f, d/f)
    shutil.copy(run/'against_start.json', d/'against_start.json')
    ax = plot_search(search); ax.set_title(run.name, fontsize=9); ax.figure.savefig(d/'trajectory.png', dpi=120, bbox_inches='tight'); plt.close(ax.figure)
    for kind, folder in (('path', run), ('start', start if start.exists() else run)): keep_per_query(folder, root, d/f'{kind}_per_query.json')

dest.mkdir(parents=True, exist_ok=True)
for config in CONFIGS:
    for run in finished(config).values(): keep_run(run)
    seeds = sorted(kept_seeds(dest, config, 'path_per_query.json'))
    if not seeds or loses_seeds(dest/f'{config}.json', seeds): continue
    summary = dict(seeds=seeds, searches={}, systems={})
    pooled = {kind: pool_seeds([read_per_query(dest/f'{config}-s{s}'/f'{kind}_per_query.json') for s in seeds]) for kind in ('path', 'start')}
    for kind, systems in pooled.items(): summary['systems'][kind] = {n: summarise(v)['nDCG@10'] for n, v in systems.items()}
    for s in seeds:
        f = json.loads((dest/f'{config}-s{s}'/'search.json').read_text())
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
