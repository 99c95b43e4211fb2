"""Generation throughput on this machine: the CTranslate2 backend against transformers (`HFGenerator`) on the same prompts.

Run by hand: python bench/generation.py [DATA] [--model smollm2-135m] [--docs 64] [--batch-size 16] [--new-tokens 32] [--exact]
(DATA: a BEIR folder; default ../shared/data/scifact).

The same documents (the first --docs of the collection's sorted ids) are run through the InPars prompt greedily, in
batches of --batch-size, by each generator:
- hf: `HFGenerator` with the shared prefix's KV cache reused (the baseline, measured in this run);
- ct2 float32 and ct2 int8: `CT2Generator`, whose static prompt does the same for the prefix.
With the stop string the pipeline uses (a newline: each row ends when its query does), and with --exact also forced to
exactly --new-tokens tokens (no stop string: every backend does the same work). For each it prints docs/s, generated tokens/s, the
speed-up over hf, on how many documents the text is identical to hf's, and the largest difference of a token
log-probability where it is.
"""
import argparse, time
import numpy as np
import torch
from qgen_nb.data import load_dataset
from qgen_nb.generation import CT2Generator, HFGenerator, Sampling
from qgen_nb.templates import inpars

def run(g, docs, batch, sampling):
    "Completions of every document and the seconds they took"
    g.generate(inpars(), docs[:2], sampling)  # warm-up: loads, converts, caches the prefix
    out, t = [], time.perf_counter()
    for i in range(0, len(docs), batch): out += [c[0] for c in g.generate(inpars(), docs[i:i + batch], sampling)]
    return out, time.perf_counter() - t

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
    gens = {'hf': HFGenerator(args.model), 'ct2 float32': CT2Generator(args.model), 'ct2 int8': CT2Generator(args.model, compute_type='int8')}
    print(f"{ds.name}: {len(docs)} documents, InPars prompt, {args.model}, batch {args.batch_size}, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads")
    modes = {'stop at newline': Sampling(max_new_tokens=args.new_tokens)}
    if args.exact: modes[f'exactly {args.new_tokens} tokens'] = Sampling(max_new_tokens=args.new_tokens, stop=())
    for label, sampling in modes.items():
        print(f"\n{label}\n{'backend':<12} {'docs/s':>7} {'tokens/s':>9} {'speed-up':>8} {'same text':>10} {'max |logprob diff|':>19}")
        base = None
        for name, g in gens.items():
            out, secs = run(g, docs, args.batch_size, sampling)
            tokens = sum(len(c.token_logprobs) for c in out)
            base = base or (out, secs)
            same = [(a, b) for a, b in zip(out, base[0]) if a.text == b.text]
            diff = max((np.abs(np.subtract(a.token_logprobs, b.token_logprobs)).max() for a, b in same if a.token_logprobs), default=0.0)
            print(f"{name:<12} {len(docs) / secs:>7.2f} {tokens / secs:>9.1f} {base[1] / secs:>7.2f}x {len(same):>5}/{len(docs):<4} {diff:>19.1e}")

if __name__ == '__main__': main()
