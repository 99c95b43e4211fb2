"""Copy the small result files of the generator tuning (experiments/cpo_runs.sh), its LoRA adapter included, into
experiments/results/cpo/<run>/, and pool the runs of experiments/cpo_compare.sh: each finished run's per-query nDCG@10,
counts, flags and wall time are kept in experiments/results/cpo/<config>-s<seed>/, so that seeds run in different sessions
pool together; per collection, each method's kept seeds (each query's value averaged over the seeds), then inpars-plus
against inpars-v2 on the seeds both have, paired per query, and the same for the runs kept at their last training step
(`<config>-last`). Results files holding seeds or a tuning whose run folders are gone or re-made are left as they are.
Writes experiments/results/cpo/<collection>.json and <collection>-last.json and prints a summary.
    python experiments/cpo_collect.py"""
import hashlib, json, re, shutil
from collections import Counter
from itertools import product
from dataclasses import asdict
from pathlib import Path
import numpy as np
from qgen_nb.core import read_jsonl, read_run_config, write_jsonl
from qgen_nb.data import load_dataset
from qgen_nb.evaluation import compare, corpus_bm25, summarise
from qgen_nb.scoring import encoder_cosine, query_eval
from qgen_nb.pipeline import pool_seeds, SYNTHETIC, FINAL
from earlier_results import keep_per_query, kept_seeds, loses_seeds, read_per_query

root, dest = Path('runs/cpo-compare'), Path('experiments/results/cpo')
TUNED_ON = '../shared/data/scifact' # the collection experiments/cpo_runs.sh tunes the generator on
dest.mkdir(parents=True, exist_ok=True)

for tuned in sorted(Path('runs/cpo').glob('*-s[0-9]')):
    if not (tuned/'report.json').exists(): continue
    d = dest/tuned.name
    if (d/'report.json').exists() and (d/'report.json').read_text() != (tuned/'report.json').read_text():
        print(f"{d} holds another tuning than {tuned} (a re-made run): left as it is"); continue
    d.mkdir(exist_ok=True)
    for f in ('report.json', 'loss.json', 'cpo.json', 'cpo.png'): shutil.copy(tuned/f, d/f)
    if (tuned/'adapter').exists(): # what cpo_runs.sh rebuilds the generator from: its weights and config, not peft's blank model card
        shutil.copytree(tuned/'adapter', d/'adapter', dirs_exist_ok=True, ignore=shutil.ignore_patterns('README.md'))
    ds = load_dataset(TUNED_ON)
    bm25, cosine = corpus_bm25(ds), encoder_cosine('minilm-l6') # qgen cpo's default QueryEval encoder, which cpo_runs.sh keeps
    for f in ('before', 'after'): # QueryEval of every held-apart query, as the report computed it, kept per query
        recs = query_eval(read_jsonl(tuned/f'{f}.jsonl'), ds, bm25, cosine)
        write_jsonl(d/f'{f}.jsonl', [{k: r[k] for k in ('doc_id', 'query', 'flags', 'model', 'score_queryeval')} for r in recs])
    write_jsonl(d/'triples.jsonl', [{k: t[k] for k in ('query_id', 'doc_id', 'queries', 'scores', 'capped', 'kept', 'chosen_from', 'rejected_from')}
                                    for t in read_jsonl(tuned/'triples.jsonl')])
    print(tuned.name, json.loads((tuned/'report.json').read_text()))

def finished(config: str) -> dict[int, Path]:
    return {int(d.name.rsplit('-s', 1)[1]): d for d in sorted(root.glob(f'{config}-s[0-9]')) if (d/'report.md').exists()}

def wall_s(d: Path):
    log = root/f"{d.name}.log"
    wall = re.findall(r'([\d.]+) s wall', log.read_text()) if log.exists() else []
    return float(wall[-1]) if wall else None

def generator_digest(model: str):
    "The SHA-256 of a generator folder's weights (a tuned generator), None for a preset"
    weights = Path(model)/'model.safetensors'
    return hashlib.sha256(weights.read_bytes()).hexdigest()[:16] if weights.exists() else None

def keep_run(run: Path) -> None:
    "Keep a finished run's per-query nDCG@10, counts, flags, wall time and generator in experiments/results/cpo/<run>/"
    d = dest/run.name
    d.mkdir(exist_ok=True)
    keep_per_query(run, root, d/'per_query.json')
    (d/'run.json').write_text(json.dumps(dict(counts=json.loads((run/'metrics.json').read_text())['counts'], wall_s=wall_s(run),
                                              generator=generator_digest(read_run_config(run)['model']),
                                              flags=dict(Counter(f for r in read_jsonl(run/'generations.jsonl') for f in r['flags'])))))

for collection, variant in product(('birco-doris-mae', 'scifact'), ('', '-last')):
    methods, out = ('inpars-v2', 'inpars-plus'), dest/f'{collection}{variant}.json'
    for m in methods:
        for run in finished(f'{collection}-{m}{variant}').values(): keep_run(run)
    seeds = sorted(set.intersection(*(kept_seeds(dest, f'{collection}-{m}{variant}', 'per_query.json') for m in methods)))
    if not seeds or loses_seeds(out, seeds): continue
    kept = {m: [dest/f'{collection}-{m}{variant}-s{s}' for s in seeds] for m in methods}
    runs = {m: [json.loads((d/'run.json').read_text()) for d in folders] for m, folders in kept.items()}
    if len({r['generator'] for r in runs['inpars-plus']}) > 1:
        print(f"{collection}{variant}: the inpars-plus runs of seeds {seeds} wrote with different tuned generators: not pooled"); continue
    summary, pooled = dict(seeds=seeds, methods={}), {}
    for m in methods:
        pooled[m] = pool_seeds([read_per_query(d/'per_query.json') for d in kept[m]])
        summary['methods'][m] = dict(
            nDCG10={s: summarise(v)['nDCG@10'] for s, v in pooled[m].items()},
            flagged_share=float(np.mean([r['counts']['flagged'] / r['counts']['generated'] for r in runs[m]])),
            flags=[r['flags'] for r in runs[m]], counts=[r['counts'] for r in runs[m]], wall_s=[r['wall_s'] for r in runs[m]],
            generator=runs[m][0]['generator'])
    summary['comparisons'] = [asdict(compare(pooled['inpars-v2'][s]['nDCG@10'], pooled['inpars-plus'][s]['nDCG@10'],
                                             (f'inpars-v2 {s}', f'inpars-plus {s}'))) for s in (SYNTHETIC, FINAL)]
    out.write_text(json.dumps(summary, indent=1))
    print(f'{collection}{variant}', 'seeds', seeds)
    for m, x in summary['methods'].items():
        print(f"  {m}: flagged {x['flagged_share']:.0%}; " + ', '.join(f"{s} {v['mean']:.3f}" for s, v in x['nDCG10'].items()))
    for c in summary['comparisons']:
        print(f"  {c['b']} vs {c['a']}: {c['delta']:+.3f} [{c['ci_low']:+.3f}, {c['ci_high']:+.3f}], p = {c['p_value']:.3g}")
