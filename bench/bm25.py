"""bm25s against rank-bm25 on the same corpus, in one run: index time, queries/s, speed-up.

Run by hand: python bench/bm25.py [DATA] [--queries N]   (DATA: a BEIR folder with >= 5,000 documents;
default ../shared/data/scifact). Both backends go through `qgen_nb.evaluation.BM25`, so they see identical tokens,
and both return the top 100 documents per query.
"""
import argparse, time
from qgen_nb.data import load_dataset
from qgen_nb.evaluation import BM25, evaluate

def timed(f):
    t = time.perf_counter(); out = f(); return out, time.perf_counter() - t

def bench(docs, queries, qrels, backend):
    index, t_index = timed(lambda: BM25(docs, backend=backend))
    run, t_search = timed(lambda: index.search(queries, k=100))
    ndcg = sum(evaluate(run, qrels)['nDCG@10'].values()) / len(qrels)
    return dict(backend=backend, index_s=t_index, qps=len(queries) / t_search, ndcg=ndcg)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--queries', type=int, default=300, help='number of judged queries to search with')
    args = ap.parse_args()
    ds = load_dataset(args.data)
    docs = {d: ds.doc_text(d) for d in ds.corpus}
    split = 'test' if 'test' in ds.qrels else next(iter(ds.qrels))
    queries = dict(list(ds.split_queries(split).items())[:args.queries])
    qrels = {q: ds.qrels[split][q] for q in queries}
    print(f"{ds.name}: {len(docs):,} documents, {len(queries)} queries, top 100 each")
    rows = [bench(docs, queries, qrels, b) for b in ('rank-bm25', 'bm25s')]
    print(f"{'backend':<10} {'index s':>8} {'queries/s':>10} {'nDCG@10':>8}")
    for r in rows: print(f"{r['backend']:<10} {r['index_s']:>8.2f} {r['qps']:>10.1f} {r['ndcg']:>8.3f}")
    base, fast = rows
    print(f"speed-up of bm25s over rank-bm25: indexing x{base['index_s'] / fast['index_s']:.1f}, "
          f"search x{fast['qps'] / base['qps']:.1f}")

if __name__ == '__main__': main()
