"""Training throughput on this machine: batches of one length (`LengthBatches`) and bfloat16 against today's path, same pairs.

Run by hand: python bench/training.py [RUN] [--queries 100] [--max-length 256]
(RUN: a finished run folder whose pairs.jsonl and config.yaml are used; default runs/loop/cranfield-inpars-v2-s0).

The run's training pairs train the run's reranker (bi-encoder, contrastive, its batch size, learning rate and seed, one
epoch, the last weights kept) three times: with sentence-transformers' no-duplicates sampler in random order (today's
path), with `LengthBatches`, and with `LengthBatches` in mixed precision (bfloat16 matrix products, float32 weights). It prints rows/s of training (the trainer's own time, model loading left out), the speed-up, and nDCG@10 of each model reranking BM25's top 100 for
the first --queries evaluation queries, with the paired difference, so that a faster path that trains a worse model shows.
"""
import argparse, tempfile
from pathlib import Path
import numpy as np
import torch
from qgen_nb.core import read_jsonl, read_run_config
from qgen_nb.evaluation import compare, corpus_bm25, evaluate, rerank
from qgen_nb.data import load_dataset, eval_qrels, draw_gold
from qgen_nb.pairs import Pair
from qgen_nb.training import train_encoder

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('run', nargs='?', default='runs/loop/cranfield-inpars-v2-s0')
    ap.add_argument('--queries', type=int, default=100)
    ap.add_argument('--max-length', type=int, default=256)
    args = ap.parse_args()
    cfg, folder = read_run_config(args.run), Path(args.run)
    ds = load_dataset(cfg['data'], skip_empty=cfg.get('skip_empty', False))
    pairs = [Pair(**r) for r in read_jsonl(folder/'pairs.jsonl')]
    gold = draw_gold(ds, cfg['n_gold'], cfg['seed'], cfg['split'])
    qrels = dict(list(eval_qrels(ds, cfg['split'], gold).items())[:args.queries])
    queries = {q: ds.queries[q] for q in qrels}
    candidates = corpus_bm25(ds).search(queries, k=100)
    print(f"{folder.name}: {len(pairs)} pairs, bi-encoder on {cfg['base']}, batch {cfg['train_batch_size']}, max_length {args.max_length}, "
          f"torch {torch.__version__}, {torch.get_num_threads()} threads; nDCG@10 on {len(qrels)} {cfg['split']} queries, BM25 top 100\n")
    print(f"{'path':<16} {'rows':>5} {'seconds':>8} {'rows/s':>7} {'speed-up':>8} {'nDCG@10':>8}")
    res, base = {}, None
    for name, by_length, bf16 in (('no duplicates', False, False), ('by length', True, False), ('by length, bf16', True, True)):
        out = Path(tempfile.mkdtemp())/name.replace(' ', '-')
        rr = train_encoder(pairs, ds, out, base=cfg['base'], batch_size=cfg['train_batch_size'], lr=cfg['lr'], max_length=args.max_length,
                           seed=cfg['seed'], save_every=0, by_length=by_length, bf16=bf16)
        secs, rows = rr.meta['train_s'], rr.meta['rows']
        res[name] = evaluate(rerank(rr.score_pairs, ds, queries, candidates), qrels)['nDCG@10']
        base = base or secs
        print(f"{name:<16} {rows:>5} {secs:>8.1f} {rows / secs:>7.1f} {base / secs:>7.2f}x {np.mean(list(res[name].values())):>8.4f}")
    for name in list(res)[1:]: print(compare(res['no duplicates'], res[name], ('no duplicates', name))._repr_markdown_())

if __name__ == '__main__': main()
