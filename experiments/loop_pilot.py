"""Pilot for issue 9 (the loop learns): one synthetic query set, several training recipes, each measured on the gold
queries (validation) and on a fixed subset of the evaluation queries, alone and fused with BM25.

python experiments/loop_pilot.py DATA [--n-docs 600] [--keep 300] [--eval-queries 100] [--depth 30] [--variants a,b,...]
Results are appended to runs/pilot/<dataset>/results.jsonl (one line per variant; a finished variant is skipped on rerun).
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
from qgen_nb.core import JsonlLog, resolve_model
from qgen_nb.pipeline import make_config, Pipeline
from qgen_nb.pairs import training_pairs, mine_negatives, synthetic_queries
from qgen_nb.rerankers import new_cross_encoder, CrossEncoderReranker
from qgen_nb.evaluation import evaluate, rerank
from qgen_nb.scoring import encoder_cosine

p = argparse.ArgumentParser()
p.add_argument('data'); p.add_argument('--n-docs', type=int, default=600); p.add_argument('--keep', type=int, default=300)
p.add_argument('--eval-queries', type=int, default=100); p.add_argument('--depth', type=int, default=30)
p.add_argument('--variants', default='dense0,ce0,bi-mnrl-2e-5,ce-mnrl-2e-5,ce-bce-1e-4,ce-bce-2e-5,ce-mnrl-1e-4')
p.add_argument('--method', default='inpars-v2'); p.add_argument('--pools', action='store_true')
a = p.parse_args()
torch.set_num_threads(2)

cfg = make_config(a.method, data=a.data, n_docs=a.n_docs, keep=a.keep, name=f"{Path(a.data).name}-{a.method}", pools=a.pools or None)
pipe = Pipeline(cfg, root='runs/pilot')
ds, bm25, gold = pipe.ds, pipe.bm25, pipe.gold
kept = pipe.kept()
print(pipe, len(kept), 'kept', flush=True)

def top(queries):
    if a.pools: r = bm25.score_pools(queries, ds.pools)
    else: r = bm25.search(queries, k=a.depth)
    return {q: dict(sorted(x.items(), key=lambda t: -t[1])[:a.depth]) for q, x in r.items()}

gold_q = {q: ds.queries[q] for q in gold.qrels}
ev_qrels = dict(sorted(pipe.eval_qrels().items())[:a.eval_queries])
ev_q = {q: ds.queries[q] for q in ev_qrels}
gold_bm25, ev_bm25 = top(gold_q), top(ev_q)

def ndcg(r, qrels): return float(np.mean(list(evaluate(r, qrels)['nDCG@10'].values())))

def norm(r):
    "z-normalise each query's scores"
    out = {}
    for q, x in r.items():
        v = np.array(list(x.values())); m, s = v.mean(), v.std() or 1.0
        out[q] = {d: (s_ - m) / s for d, s_ in x.items()}
    return out

def fuse(r1, r2, w):
    n1, n2 = norm(r1), norm(r2)
    return {q: {d: w * n1[q][d] + (1 - w) * n2[q][d] for d in n1[q]} for q in n1}

def best_w(r_gold, b_gold):
    ws = np.round(np.linspace(0, 1, 11), 2)
    sc = [ndcg(fuse(r_gold, b_gold, w), gold.qrels) for w in ws]
    return float(ws[int(np.argmax(sc))]), sc

# training data: kept synthetic queries, BM25 negatives
queries = synthetic_queries(kept)
negs = mine_negatives(ds, queries, bm25, neg_depth=30, n_negatives=3, seed=cfg.seed)
tuples = [(t, pos[0], negs[q]) for q, (t, pos) in queries.items() if len(negs[q]) == 3]
print(len(tuples), 'training tuples', flush=True)

def tuple_cols():
    from datasets import Dataset
    cols = dict(query=[t for t, _, _ in tuples], positive=[ds.doc_text(d) for _, d, _ in tuples])
    for i in range(3): cols[f'negative_{i+1}'] = [ds.doc_text(n[i]) for _, _, n in tuples]
    return Dataset.from_dict(cols)

def train_ce(loss_name, lr, out, max_length=192, bs=8):
    from datasets import Dataset
    from sentence_transformers.cross_encoder import CrossEncoderTrainer, CrossEncoderTrainingArguments, losses
    model = new_cross_encoder('minilm-l6', max_length, 0)
    if loss_name == 'bce':
        pairs = training_pairs(ds, records=kept, bm25=bm25, neg_depth=30, n_negatives=3, seed=cfg.seed)
        data = Dataset.from_dict(dict(query=[p.query for p in pairs], document=[ds.doc_text(p.doc_id) for p in pairs], label=[p.label for p in pairs]))
        loss, bs = losses.BinaryCrossEntropyLoss(model), 16
    else:
        data = tuple_cols()
        loss = losses.MultipleNegativesRankingLoss(model, num_negatives=4, scale=1.0, activation_fn=torch.nn.Identity())
    args = CrossEncoderTrainingArguments(output_dir=str(out), num_train_epochs=1, per_device_train_batch_size=bs, learning_rate=lr,
                                         warmup_steps=0.1, seed=0, save_strategy='no', report_to='none', logging_steps=10, disable_tqdm=False)
    CrossEncoderTrainer(model=model, args=args, train_dataset=data, loss=loss).train()
    return CrossEncoderReranker(model, name=out.name).score_pairs

def train_bi(lr, out, bs=16):
    from sentence_transformers import SentenceTransformer, SentenceTransformerTrainer, SentenceTransformerTrainingArguments, losses
    model = SentenceTransformer(resolve_model('minilm-l6'), device='cpu'); model.max_seq_length = 192
    data = tuple_cols()
    args = SentenceTransformerTrainingArguments(output_dir=str(out), num_train_epochs=1, per_device_train_batch_size=bs, learning_rate=lr,
                                                warmup_steps=0.1, seed=0, save_strategy='no', report_to='none', logging_steps=10,
                                                batch_sampler='no_duplicates')
    SentenceTransformerTrainer(model=model, args=args, train_dataset=data, loss=losses.MultipleNegativesRankingLoss(model)).train()
    def score(pairs):
        q = model.encode([p[0] for p in pairs], normalize_embeddings=True); d = model.encode([p[1] for p in pairs], normalize_embeddings=True)
        return list((q * d).sum(1))
    return score

def scorer(v):
    out = pipe.dir/'pilot'/v
    if v == 'dense0': return encoder_cosine('minilm-l6')
    if v == 'ce0': return CrossEncoderReranker(new_cross_encoder('minilm-l6', 192, 0)).score_pairs
    kind, loss, lr = v.split('-', 2)
    if kind == 'bi': return train_bi(float(lr), out)
    return train_ce(loss, float(lr), out)

log = JsonlLog(pipe.dir/'pilot.jsonl', key='variant')
for v in a.variants.split(','):
    if v in log: continue
    t0 = time.time()
    fn = scorer(v)
    t1 = time.time()
    rg, re = rerank(fn, ds, gold_q, gold_bm25), rerank(fn, ds, ev_q, ev_bm25)
    t2 = time.time()
    w, curve = best_w(rg, gold_bm25)
    rec = dict(variant=v, gold=ndcg(rg, gold.qrels), eval=ndcg(re, ev_qrels), bm25_eval=ndcg(ev_bm25, ev_qrels),
               bm25_gold=ndcg(gold_bm25, gold.qrels), w=w, gold_fused=max(curve), eval_fused=ndcg(fuse(re, ev_bm25, w), ev_qrels),
               eval_fused_half=ndcg(fuse(re, ev_bm25, 0.5), ev_qrels), train_s=round(t1 - t0), eval_s=round(t2 - t1), n_eval=len(ev_q))
    log.append(rec); print(json.dumps(rec), flush=True)
    (pipe.dir/'pilot'/f'{v}.gold.json').parent.mkdir(parents=True, exist_ok=True)
    (pipe.dir/'pilot'/f'{v}.runs.json').write_text(json.dumps(dict(gold=rg, eval=re)))
