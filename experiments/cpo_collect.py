"""Copy the small result files of the generator tuning (experiments/cpo_runs.sh) into experiments/results/cpo/<run>/, and
pool the finished runs of experiments/cpo_compare.sh: per collection, each method's seeds (qgen_nb.pipeline.seeds_report),
then inpars-plus against inpars-v2 on the seeds both finished, paired per query (each query's value averaged over the
seeds). Results files holding seeds or a tuning whose run folders are gone or re-made are left as they are. Writes
runs/cpo-compare/<config>-seeds/ and experiments/results/cpo/<collection>.json, and prints a summary.
    python experiments/cpo_collect.py"""
import json, re, shutil
from collections import Counter
from dataclasses import asdict
from pathlib import Path
import numpy as np
from qgen_nb.core import read_jsonl, read_run_config, write_jsonl
from qgen_nb.data import load_dataset
from qgen_nb.evaluation import corpus_bm25
from qgen_nb.scoring import encoder_cosine, query_eval
from qgen_nb.evaluation import compare
from qgen_nb.pipeline import Pipeline, make_config, pool_seeds, seeds_report, SYNTHETIC, FINAL
from earlier_results import loses_seeds

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

for collection in ('birco-doris-mae', 'scifact'):
    runs = {m: finished(f'{collection}-{m}') for m in ('inpars-v2', 'inpars-plus')}
    seeds = sorted(set(runs['inpars-v2']) & set(runs['inpars-plus']))
    if not seeds or loses_seeds(dest/f'{collection}.json', seeds): continue
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
            flags=[dict(Counter(f for r in read_jsonl(p.dir/'generations.jsonl') for f in r['flags'])) for p in pipes],
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
