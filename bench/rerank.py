"""Reranking speed on real text: today's path against length-bucketed batches, int8 and bfloat16, with the nDCG@10 each gives.

Run by hand: python bench/rerank.py [DATA] [--kinds bi-encoder cross-encoder] [--queries N] [--depth 100] [--max-length 256]
(DATA: a BEIR folder; default ../shared/data/scifact, its test queries).

Every path reranks the same candidates, BM25's top --depth for the first --queries test queries, with a fresh MiniLM-L6
reranker of each kind (the bi-encoder is the pipeline's default and its zero-shot baseline; the cross-encoder is its
untrained `SegmentCosine` start), in batches of 64 pairs:
- today: the pairs in pool order, as `evaluation.rerank` fed them before it sorted them (the baseline, measured in this run);
- bucketed: `evaluation.rerank`, which sorts the pairs by length so that each batch pads little;
- bucketed + int8: the same with `rerankers.quantized` (torch dynamic quantisation of the linear layers);
- bucketed + bf16: the same with `rerankers.quantized(rr, 'bfloat16')` (the whole model in bfloat16).
For each: pairs/s and the speed-up over today, nDCG@10 and its difference from today's, and the mean overlap of each
query's top 10 with today's.
"""
import argparse, time
import numpy as np
import torch
from tqdm.auto import tqdm
from qgen_nb.data import load_dataset
from qgen_nb.evaluation import corpus_bm25, evaluate, rerank, top_overlap
from qgen_nb.rerankers import BiEncoderReranker, CrossEncoderReranker, new_bi_encoder, new_cross_encoder, quantized

def pool_order_rerank(score_pairs, ds, queries, pools, batch_size=64):
    "The reranking loop before length bucketing: the pairs in pool order, `batch_size` at a time"
    pairs = [(q, d) for q in queries for d in pools[q]]
    scores = []
    for i in tqdm(range(0, len(pairs), batch_size), desc='reranking (pool order)', leave=False):
        scores += score_pairs([(queries[q], ds.doc_text(d)) for q, d in pairs[i:i + batch_size]])
    run = {}
    for (q, d), s in zip(pairs, scores): run.setdefault(q, {})[d] = s
    return run

def new_reranker(kind, max_length):
    if kind == 'bi-encoder': return BiEncoderReranker(new_bi_encoder('minilm-l6', max_length, 'cpu'), 'minilm-l6')
    return CrossEncoderReranker(new_cross_encoder('minilm-l6', max_length, device='cpu'), 'minilm-l6')

PATHS = {'today': (pool_order_rerank, None), 'bucketed': (rerank, None), 'bucketed + int8': (rerank, 'int8'), 'bucketed + bf16': (rerank, 'bfloat16')}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--kinds', nargs='+', default=['bi-encoder', 'cross-encoder'])
    ap.add_argument('--queries', type=int, default=300, help='the first N test queries')
    ap.add_argument('--depth', type=int, default=100, help="BM25's top N candidates are reranked")
    ap.add_argument('--max-length', type=int, default=256)
    args = ap.parse_args()
    ds = load_dataset(args.data)
    split = 'test' if 'test' in ds.qrels else next(iter(ds.qrels))
    qrels = dict(sorted(ds.qrels[split].items())[:args.queries])
    queries = {q: ds.queries[q] for q in qrels}
    pools = corpus_bm25(ds).search(queries, k=args.depth)
    n_pairs = sum(map(len, pools.values()))
    print(f"{ds.name} {split}: {len(queries)} queries x BM25 top {args.depth} = {n_pairs} pairs; max {args.max_length} tokens; "
          f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for kind in args.kinds:
        print(f"\nMiniLM-L6 {kind}")
        print(f"{'path':<16} {'pairs/s':>8} {'speed-up':>8} {'nDCG@10':>8} {'diff':>8} {'top-10 overlap':>14}")
        base = None
        for path, (rerank_fn, to) in PATHS.items():
            rr = new_reranker(kind, args.max_length)
            rr = quantized(rr, to) if to else rr
            t = time.perf_counter()
            run = rerank_fn(rr.score_pairs, ds, queries, pools)
            rate = n_pairs / (time.perf_counter() - t)
            ndcg = np.mean(list(evaluate(run, qrels)['nDCG@10'].values()))
            base = base or (rate, ndcg, run)
            overlap = top_overlap(run, base[2])
            print(f"{path:<16} {rate:>8.1f} {rate / base[0]:>7.2f}x {ndcg:>8.4f} {ndcg - base[1]:>+8.4f} {overlap:>14.3f}")

if __name__ == '__main__': main()
