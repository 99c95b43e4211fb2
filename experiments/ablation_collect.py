"""Pool issue 9's ablation (experiments/ablation.sh): per config and seed, each lever's reranker alone and final ranking against
the reference's (the default recipe kept at its last step), paired per query; the reranker alone against the zero-shot
encoder too (the untrained start of every bi-encoder lever); with the CPU minutes of the whole run and the checkpoint kept.
Rows already in the results file whose run folders are gone are kept if the reference reproduces within REPRODUCED (else the
file is left as it is): a re-run on 2 shared CPU cores differs in the fourth decimal (float sums in other orders).
Writes experiments/results/ablation/<config>-s<seed>.json and prints a table.
    python experiments/ablation_collect.py"""
import json, re
from dataclasses import asdict
from pathlib import Path
from qgen_nb.core import read_run_config
from qgen_nb.evaluation import compare
from qgen_nb.pipeline import Pipeline, make_config, SYNTHETIC, FINAL, LEXICAL, DENSE, HYBRID
from logged_time import logged_minutes

REPRODUCED = 0.002 # nDCG@10 a re-run reference may differ by, far below any lever's confidence interval

root, dest = Path('runs/ablation'), Path('experiments/results/ablation')
dest.mkdir(parents=True, exist_ok=True)

def lever(d: Path) -> dict:
    pipe = Pipeline(make_config(**read_run_config(d)), root=root)
    res = {s: r['nDCG@10'] for s, r in pipe.results().items()}
    meta = json.loads((d/'model'/'reranker.json').read_text())
    counts = json.loads((d/'metrics.json').read_text())['counts'] # kept: the queries trained on, after a consistency check
    pipe.close()
    return dict(per_query=res, kept=counts.get('consistent', counts['kept']), chosen_step=meta.get('chosen_step'), steps=meta['steps'], cpu_min=logged_minutes(root/f'{d.name}.log'))

def earlier_rows(path: Path, rows: dict) -> dict|None:
    """Rows of an earlier collection whose run folders may be gone (a later session re-ran the reference only), each still
    paired with the reference it was run with; None when the re-run reference differs"""
    if not path.exists(): return {}
    earlier = json.loads(path.read_text())['levers']
    return earlier if all(abs(earlier['last-step'][s] - rows['last-step'][s]) < REPRODUCED for s in (SYNTHETIC, FINAL)) else None

for reference in sorted(root.glob('*-last-step-s[0-9]')):
    if not (reference/'report.md').exists(): continue
    config, seed = re.fullmatch(r'(.+)-last-step-s(\d)', reference.name).groups()
    base = lever(reference)
    rows = {}
    for d in sorted(root.glob(f'{config}-*-s{seed}'), key=lambda d: (d != reference, d.name)): # the reference first
        if not (d/'report.md').exists() or not d.is_dir(): continue
        name = d.name[len(config) + 1:-len(f'-s{seed}')]
        x = base if d == reference else lever(d)
        rows[name] = dict({k: v for k, v in x.items() if k != 'per_query'},
                          **{s: sum(x['per_query'][s].values()) / len(x['per_query'][s]) for s in (SYNTHETIC, FINAL)},
                          versus_reference={s: asdict(compare(base['per_query'][s], x['per_query'][s], ('last-step', name))) for s in (SYNTHETIC, FINAL)},
                          versus_dense=asdict(compare(x['per_query'][DENSE], x['per_query'][SYNTHETIC], (DENSE, name))))
    baselines = {s: sum(base['per_query'][s].values()) / len(base['per_query'][s]) for s in (LEXICAL, DENSE, HYBRID)}
    earlier = earlier_rows(dest/f'{config}-s{seed}.json', rows)
    if earlier is None: print(f"{config} s{seed}: the re-run reference differs from the one in the results file, which is left as it is"); continue
    rows = earlier | rows
    (dest/f'{config}-s{seed}.json').write_text(json.dumps(dict(config=config, seed=int(seed), baselines=baselines, levers=rows), indent=1))
    print(f"{config} s{seed}: " + ', '.join(f'{s} {v:.3f}' for s, v in baselines.items()))
    for name, r in rows.items():
        c, t = r['versus_reference'][SYNTHETIC], r['versus_dense']
        print(f"  {name:20s} synthetic {r[SYNTHETIC]:.3f} (reference {c['delta']:+.3f} [{c['ci_low']:+.3f}, {c['ci_high']:+.3f}], p={c['p_value']:.2f}; "
              f"dense {t['delta']:+.3f}, p={t['p_value']:.2f}) "
              f"final {r[FINAL]:.3f}  step {r['chosen_step']}/{r['steps']}  {r['cpu_min']} CPU min")
