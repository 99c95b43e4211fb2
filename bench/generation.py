"""Generation throughput on this machine: transformers (`HFGenerator`) batched by length and in bfloat16, against float32 in id order.

Run by hand: python bench/generation.py [DATA] [--model smollm2-135m] [--docs 64] [--batch-size 16] [--new-tokens 32] [--exact]
(DATA: a BEIR folder; default ../shared/data/scifact).

The same documents (the first --docs of the collection's sorted ids) are run through the InPars prompt greedily, in
calls of --batch-size documents, by each generator:
- hf: `HFGenerator` on the de-quantised weights in float32, batched in id order, the shared prefix's KV cache reused
  (the baseline, measured in this run);
- hf, by length: the same, the documents batched from the shortest to the longest, as `generate_queries` does;
- hf bf16, by length: the same in bfloat16 (`dtype='bfloat16'`).
(llama.cpp and CTranslate2 were measured the same way and lost; see experiments/results/bench/README.md.)
With the stop string the pipeline uses (a newline: a document is done when its query is), and with --exact also forced to
exactly --new-tokens tokens (no stop string: every path does the same work). For each it prints docs/s, generated tokens/s,
the speed-up over hf, on how many documents the text is identical to hf's, and, over those, the mean and largest absolute
difference of a token's log-probability and the correlation of the queries' mean log-probabilities (InPars-v1's filter score).
"""
import argparse, time
import numpy as np
import torch
from qgen_nb.data import load_dataset
from qgen_nb.generation import HFGenerator, Sampling
from qgen_nb.templates import inpars

def run(g, docs, batch, sampling, by_length):
    "Completions of every document (in the given order) and the seconds they took, batched in that order or by length"
    g.generate(inpars(), docs[:2], sampling)  # warm-up: loads, caches the prefix
    order = sorted(range(len(docs)), key=lambda i: len(docs[i])) if by_length else list(range(len(docs)))
    out, t = {}, time.perf_counter()
    for b in range(0, len(docs), batch):
        idx = order[b:b + batch]
        out.update(zip(idx, (c[0] for c in g.generate(inpars(), [docs[i] for i in idx], sampling))))
    return [out[i] for i in range(len(docs))], time.perf_counter() - t

def agreement(out, base):
    "Documents with identical text, and over those the mean and largest token log-prob difference and the mean log-prob correlation"
    same = [(a, b) for a, b in zip(out, base) if a.text == b.text and a.token_logprobs]
    diffs = np.concatenate([np.abs(np.subtract(a.token_logprobs, b.token_logprobs)) for a, b in same]) if same else np.zeros(1)
    r = np.corrcoef([a.mean_logprob for a, _ in same], [b.mean_logprob for _, b in same])[0, 1] if len(same) > 2 else float('nan')
    return len(same), diffs.mean(), diffs.max(), r

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--model', default='smollm2-135m')
    ap.add_argument('--docs', type=int, default=64)
    ap.add_argument('--batch-size', type=int, default=16)
    ap.add_argument('--new-tokens', type=int, default=32)
    ap.add_argument('--exact', action='store_true', help='also generate exactly --new-tokens tokens per document')
    args = ap.parse_args()
    ds = load_dataset(args.data, skip_empty=True)
    docs = [ds.doc_text(d) for d in sorted(ds.corpus)[:args.docs]]
    hf, bf16 = HFGenerator(args.model), HFGenerator(args.model, dtype='bfloat16')
    gens = {'hf': (hf, False), 'hf, by length': (hf, True), 'hf bf16, by length': (bf16, True)}
    print(f"{ds.name}: {len(docs)} documents, InPars prompt, {args.model}, batch {args.batch_size}, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads")
    modes = {'stop at newline': Sampling(max_new_tokens=args.new_tokens)}
    if args.exact: modes[f'exactly {args.new_tokens} tokens'] = Sampling(max_new_tokens=args.new_tokens, stop=())
    for label, sampling in modes.items():
        print(f"\n{label}\n{'backend':<19} {'docs/s':>7} {'tokens/s':>9} {'speed-up':>8} {'same text':>10} "
              f"{'mean |lp diff|':>15} {'max |lp diff|':>14} {'r(mean lp)':>11}")
        base = None
        for name, (g, by_length) in gens.items():
            out, secs = run(g, docs, args.batch_size, sampling, by_length)
            tokens = sum(len(c.token_logprobs) for c in out)
            base = base or (out, secs)
            same, mean_diff, max_diff, r = agreement(out, base[0])
            print(f"{name:<19} {len(docs) / secs:>7.2f} {tokens / secs:>9.1f} {base[1] / secs:>7.2f}x {same:>5}/{len(docs):<4} "
                  f"{mean_diff:>15.1e} {max_diff:>14.1e} {r:>11.4f}")

if __name__ == '__main__': main()
