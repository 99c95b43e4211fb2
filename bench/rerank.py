"""MiniLM-L6 cross-encoder throughput on real text: scoring and training pairs/s by batch size, against two in-run baselines.

Run by hand: python bench/rerank.py [DATA] [--pairs N] [--max-length L] [--score-bs 1 8 32 64] [--train-bs 1 8 16 32]
(DATA: a BEIR folder; default ../shared/data/scifact). Runs on the CPU, and again on the GPU when one is visible.

The pairs are real: SciFact test claims with their relevant abstract and BM25 negatives (`qgen_nb.pairs.training_pairs`),
truncated to L tokens (256 by default, as in training). Scoring goes through `CrossEncoderReranker.score_pairs` (the
interface reranking uses); training times the same forward/backward as `CrossEncoderTrainer` (sentence-transformers'
`BinaryCrossEntropyLoss`) plus an AdamW step, without the trainer's set-up cost. Each measurement follows a warm-up batch.

Two baselines, measured in the same run on the same device:
- batch size 1: the `x bs1` column is throughput relative to scoring (or training) one pair at a time;
- the device's fp32 matmul rate (a timed `torch.matmul` of two 2048x2048 matrices): the `MFU` column is the model FLOP/s
  achieved (2 x non-embedding params x real tokens + attention, x3 for training) over that rate.
"""
import argparse, time
import torch
from qgen_nb.data import load_dataset
from qgen_nb.evaluation import corpus_bm25
from qgen_nb.pairs import pair_texts, training_pairs
from qgen_nb.rerankers import CrossEncoderReranker, new_cross_encoder
from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

def sync(device):
    if device == 'cuda': torch.cuda.synchronize()

def matmul_flops(device, n=2048, reps=10) -> float:
    "fp32 FLOP/s of an n x n matmul on `device`"
    torch.backends.cuda.matmul.allow_tf32 = False
    a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
    a @ b; sync(device)
    t = time.perf_counter()
    for _ in range(reps): a @ b
    sync(device)
    return 2 * n ** 3 * reps / (time.perf_counter() - t)

def model_flops(model, n_tokens: list[int]) -> float:
    "Forward FLOPs for sequences of the given (unpadded) lengths: linear layers plus attention scores and mixing"
    cfg = model.model.config
    params = sum(p.numel() for n, p in model.named_parameters() if 'embeddings' not in n)
    return sum(2 * params * t + 4 * cfg.num_hidden_layers * t * t * cfg.hidden_size for t in n_tokens)

def token_counts(model, cols, max_length) -> list[int]:
    enc = model.tokenizer(cols['query'], cols['document'], truncation=True, max_length=max_length)
    return [len(x) for x in enc['input_ids']]

def bench_scoring(rr, pairs, bs, device):
    n = min(len(pairs), max(32, 4 * bs)) if bs == 1 else len(pairs)
    rr.score_pairs(pairs[:bs], batch_size=bs, progress=False); sync(device)
    t = time.perf_counter(); rr.score_pairs(pairs[:n], batch_size=bs, progress=False); sync(device)
    return n, time.perf_counter() - t

def bench_training(model, cols, bs, steps, device):
    loss_fn = BinaryCrossEntropyLoss(model)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
    model.train()
    span = lambda i: (i * bs % max(1, len(cols['label']) - bs), i * bs % max(1, len(cols['label']) - bs) + bs)
    def step(i):
        sl = slice(*span(i))
        loss = loss_fn([cols['query'][sl], cols['document'][sl]], torch.tensor(cols['label'][sl], device=model.device))
        loss.backward(); opt.step(); opt.zero_grad()
    step(0); sync(device)
    t = time.perf_counter()
    for i in range(1, steps + 1): step(i)
    sync(device)
    model.eval()
    return steps * bs, time.perf_counter() - t, [span(i) for i in range(1, steps + 1)]

def run_device(device, cols, args):
    peak = matmul_flops(device)
    model = new_cross_encoder('minilm-l6', max_length=args.max_length, device=device)
    rr = CrossEncoderReranker(model, name='minilm-l6')
    pairs = list(zip(cols['query'], cols['document']))
    toks = token_counts(model, cols, args.max_length)
    print(f"\n{device}: fp32 matmul {peak / 1e9:,.0f} GFLOP/s; {len(pairs)} pairs, mean {sum(toks) / len(toks):.0f} tokens "
          f"(max {args.max_length}); {torch.get_num_threads()} CPU threads")
    print(f"{'task':<8} {'batch':>5} {'pairs/s':>9} {'x bs1':>7} {'GFLOP/s':>9} {'MFU':>6}")
    for task in ('score', 'train'):
        base = None
        for bs in (args.score_bs if task == 'score' else args.train_bs):
            if task == 'score':
                n, dt = bench_scoring(rr, pairs, bs, device); used = toks[:n]
                flops = model_flops(model, used)
            else:
                n, dt, spans = bench_training(model, cols, bs, args.train_steps * (4 if bs == 1 else 1), device)
                flops = 3 * model_flops(model, [t for a, b in spans for t in toks[a:b]])
            rate = n / dt; base = base or rate
            print(f"{task:<8} {bs:>5} {rate:>9.1f} {rate / base:>7.2f} {flops / dt / 1e9:>9.1f} {flops / dt / peak:>6.1%}")

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--pairs', type=int, default=256, help='number of (claim, abstract) pairs to score')
    ap.add_argument('--max-length', type=int, default=256)
    ap.add_argument('--score-bs', type=int, nargs='+', default=[1, 8, 32, 64])
    ap.add_argument('--train-bs', type=int, nargs='+', default=[1, 8, 16, 32])
    ap.add_argument('--train-steps', type=int, default=3, help='timed optimizer steps per training batch size')
    args = ap.parse_args()
    ds = load_dataset(args.data)
    qrels = dict(list(ds.qrels['test'].items())[:args.pairs // 2])
    cols = pair_texts(ds, training_pairs(ds, qrels=qrels, bm25=corpus_bm25(ds), neg_depth=10, n_negatives=1))
    cols = {k: v[:args.pairs] for k, v in cols.items()}
    print(f"{ds.name}: MiniLM-L6 cross-encoder, torch {torch.__version__}")
    for device in ['cpu'] + (['cuda'] if torch.cuda.is_available() else []): run_device(device, cols, args)

if __name__ == '__main__': main()
