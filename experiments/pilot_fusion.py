"""Fusion of the pilot's saved runs (experiments/loop_pilot.py): weights fit on the gold queries with qgen_nb.fusion.fit_fusion
at two tolerances, nDCG@10 on the pilot's evaluation queries. Writes experiments/results/pilot_scifact.json.
    python experiments/pilot_fusion.py runs/pilot/scifact-inpars-v2"""
import json, sys
from pathlib import Path
import numpy as np
from qgen_nb.core import read_run_config
from qgen_nb.pipeline import Pipeline, make_config
from qgen_nb.fusion import fit_fusion, fuse
from qgen_nb.evaluation import evaluate

folder = Path(sys.argv[1])
pipe = Pipeline(make_config(**read_run_config(folder)), root=folder.parent)
ds, gold = pipe.ds, pipe.gold
variants = [json.loads(l) for l in open(folder/'pilot.jsonl')]
runs = {v['variant']: json.loads((folder/'pilot'/f"{v['variant']}.runs.json").read_text()) for v in variants}
first = runs['dense0']
bm25 = {k: pipe.bm25.search({q: ds.queries[q] for q in first[k]}, k=200) for k in ('gold', 'eval')}
systems = {'BM25': {k: {q: {d: bm25[k][q][d] for d in first[k][q]} for q in first[k]} for k in bm25}, **runs}
ev_qrels = {q: pipe.eval_qrels()[q] for q in first['eval']}
ndcg = lambda r, qrels: float(np.mean(list(evaluate(r, qrels)['nDCG@10'].values())))
fused = []
for last in runs:
    combo = ('BM25', last) if last == 'dense0' else ('BM25', 'dense0', last)
    for tol in (0.005, 0.03):
        fit = fit_fusion({c: systems[c]['gold'] for c in combo}, gold.qrels, tolerance=tol)
        fused.append(dict(systems=combo, tolerance=tol, weights=fit.weights, gold=fit.gold_ndcg,
                          eval=ndcg(fuse({c: systems[c]['eval'] for c in combo}, fit.weights), ev_qrels)))
out = dict(alone=variants, fused=fused, bm25_eval=ndcg(systems['BM25']['eval'], ev_qrels), n_eval=len(ev_qrels), n_gold=len(gold.qrels))
Path('experiments/results').mkdir(parents=True, exist_ok=True)
Path('experiments/results/pilot_scifact.json').write_text(json.dumps(out, indent=1))
for f in fused: print(f['systems'], f['tolerance'], f['weights'], round(f['eval'], 3))
