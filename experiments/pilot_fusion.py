"""Fusion of the pilot's saved runs: weights fit on the gold queries (qgen_nb.fusion.fit_fusion), nDCG@10 on the evaluation queries.
python experiments/pilot_fusion.py runs/pilot/<run folder> variant [variant ...]"""
import json, sys
from pathlib import Path
import numpy as np
from qgen_nb.pipeline import Run, make_config
from qgen_nb.fusion import fit_fusion, fuse
from qgen_nb.evaluation import evaluate
import yaml

folder = Path(sys.argv[1])
cfg = make_config(**yaml.safe_load((folder/'config.yaml').read_text()))
run = Run(cfg, root=folder.parent)
ds, gold = run.ds, run.gold
runs = {v: json.loads((folder/'pilot'/f'{v}.runs.json').read_text()) for v in sys.argv[2:]}
first = next(iter(runs.values()))
bm = {'gold': run.bm25.search({q: ds.queries[q] for q in gold.qrels}, k=200), 'eval': run.bm25.search({q: ds.queries[q] for q in first['eval']}, k=200)}
bm = {k: {q: {d: r[q][d] for d in first[k][q]} for q in first[k]} for k, r in bm.items()}
ev_qrels = {q: run.eval_qrels()[q] for q in first['eval']}
ndcg = lambda r, qr: float(np.mean(list(evaluate(r, qr)['nDCG@10'].values())))
systems = {'BM25': bm, **runs}
for combo in [('BM25', v) for v in runs] + [('BM25', 'dense0', v) for v in runs if v != 'dense0']:
    if not all(c in systems for c in combo): continue
    fit = fit_fusion({c: systems[c]['gold'] for c in combo}, gold.qrels)
    print(' + '.join(combo), fit.weights, f"gold {fit.gold_ndcg:.3f}", f"eval {ndcg(fuse({c: systems[c]['eval'] for c in combo}, fit.weights), ev_qrels):.3f}",
          f"even {ndcg(fuse({c: systems[c]['eval'] for c in combo}, {c: 1 for c in combo}), ev_qrels):.3f}")
for v in systems: print(v, f"eval alone {ndcg(systems[v]['eval'], ev_qrels):.3f}")
