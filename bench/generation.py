"""Throughput of the transformers generator on this machine, with and without the reused prefix cache.

Run by hand: python bench/generation.py [--model smollm2-135m] [--docs 16] [--batch-sizes 1 4 8 16] [--new-tokens 24]

For each batch size, the same prompts (InPars template, bundled test documents) are generated greedily twice: once with
the shared prefix's KV cache computed once and reused, once with every prompt run whole. Generation is forced to exactly
--new-tokens tokens (no stop strings) so both paths do the same work; the script checks they write the same text.

Next to each measurement it prints the machine's bounds, measured in the same run:
- compute: peak fp32 matmul FLOP/s (a large torch matmul) against 2 x parameters FLOPs per processed token, where a
  document costs its prompt tokens (all of them, or only its own suffix when the prefix is reused) plus its new tokens;
- memory: decode steps cannot beat (memory bandwidth / weight bytes) per second, each step yielding one token per row.
"""
import argparse, time, torch
from qgen_nb.data import load_beir
from qgen_nb.generation import HFGenerator, Sampling
from qgen_nb.templates import inpars

def peak_flops(n=2048, reps=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    t = time.perf_counter()
    for _ in range(reps): a @ b
    return 2 * n**3 * reps / (time.perf_counter() - t)

def bandwidth(mb=512, reps=5):
    x = torch.empty(mb * 2**20 // 4); y = torch.empty_like(x)
    y.copy_(x)
    t = time.perf_counter()
    for _ in range(reps): y.copy_(x)
    return 2 * x.numel() * 4 * reps / (time.perf_counter() - t)  # read + write

def run(g, docs, batch, sampling):
    texts, t = [], time.perf_counter()
    for i in range(0, len(docs), batch): texts += [c[0].text for c in g.generate(inpars(), docs[i:i + batch], sampling)]
    return texts, time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default='smollm2-135m')
    ap.add_argument('--docs', type=int, default=16)
    ap.add_argument('--batch-sizes', type=int, nargs='+', default=[1, 4, 8, 16])
    ap.add_argument('--new-tokens', type=int, default=24)
    args = ap.parse_args()
    ds = load_beir('tests_data')
    docs = [ds.doc_text(d) for d in sorted(ds.corpus)[:args.docs]]
    g = HFGenerator(args.model)
    params = sum(p.numel() for p in g.model.parameters())
    weight_bytes = sum(p.numel() * p.element_size() for p in g.model.parameters())
    prefix_ids, suffix_ids = g._encode(*g.render(inpars(), docs))
    prefix_len, suffix_len = len(prefix_ids), sum(map(len, suffix_ids)) / len(docs)
    flops, bw = peak_flops(), bandwidth()
    sampling = Sampling(max_new_tokens=args.new_tokens, stop=())
    g.generate(inpars(), docs[:2], sampling)  # warm-up
    print(f"{args.model}: {params / 1e6:.0f}M parameters ({weight_bytes / 2**20:.0f} MiB), {torch.get_num_threads()} threads; "
          f"prompt = {prefix_len} shared + {suffix_len:.0f} own tokens, {args.new_tokens} new tokens; {len(docs)} documents")
    print(f"machine: {flops / 1e9:.0f} GFLOP/s fp32 matmul, {bw / 1e9:.1f} GB/s copy bandwidth\n")
    print(f"{'batch':>5} {'prefix':>7} {'docs/s':>7} {'tok/s':>7} {'compute bound docs/s':>21} {'of bound':>8} "
          f"{'memory bound tok/s':>19} {'of bound':>8} {'speed-up':>8} {'same text':>9}")
    for batch in args.batch_sizes:
        res = {}
        for reuse in (False, True):
            g.reuse_prefix = reuse
            res[reuse] = run(g, docs, batch, sampling)
        for reuse in (False, True):
            texts, secs = res[reuse]
            dps, tps = len(docs) / secs, len(docs) * args.new_tokens / secs
            doc_tokens = (0 if reuse else prefix_len) + suffix_len + args.new_tokens
            cbound = flops / (2 * params * doc_tokens)
            mbound = batch * bw / weight_bytes
            speed = res[False][1] / secs
            same = sum(a == b for a, b in zip(res[True][0], res[False][0]))
            print(f"{batch:>5} {'reused' if reuse else 'whole':>7} {dps:>7.2f} {tps:>7.1f} {cbound:>21.1f} {dps / cbound:>8.1%} "
                  f"{mbound:>19.0f} {tps / mbound:>8.1%} {speed:>7.2f}x {same:>5}/{len(docs)}")

if __name__ == '__main__': main()
