"""Generation throughput of the Ray executor against the local one: 1 and 2 single-threaded Ray workers against a single-threaded
local run, on this machine.

Run by hand: python bench/ray_generation.py [DATA] [--model smollm2-135m] [--docs 96] [--batch-size 8] [--new-tokens 32]
(DATA: a BEIR folder; default ../shared/data/scifact).

Each run is one `generate_queries` call (InPars prompt, greedy, stop at a newline) over the same documents (the first --docs
of one seed's sample) into a fresh file:
- local: `LocalExecutor` in this process, torch limited to 1 thread (the baseline, measured in this run);
- ray, N workers: `RayExecutor(workers=N, cpus=1)` on a Ray instance on this machine, which gives each worker 1 thread.
The Ray instance is started before the clock starts; each Ray run's time includes starting its workers and loading the
model in each, as a real step's does. Printed: seconds, docs/s, the speed-up over local, the scaling from 1 to 2 workers
(ideal: 2.0x), and on how many documents each run's query equals the local run's.
"""
import argparse, logging, tempfile, time
from pathlib import Path
import torch
from qgen_nb.data import load_dataset
from qgen_nb.distributed import RayExecutor, import_ray
from qgen_nb.generation import HFGenerator, Sampling, generate_queries, sample_docs
from qgen_nb.pipeline import make_generator
from qgen_nb.templates import inpars

def timed_run(ds, generator, doc_ids, out, batch_size, sampling, executor=None):
    "The records of one `generate_queries` call and its wall seconds"
    t = time.perf_counter()
    recs = generate_queries(ds, inpars(), generator, out, doc_ids=doc_ids, sampling=sampling, batch_size=batch_size, executor=executor)
    return recs, time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--model', default='smollm2-135m')
    ap.add_argument('--docs', type=int, default=96)
    ap.add_argument('--batch-size', type=int, default=8)
    ap.add_argument('--new-tokens', type=int, default=32)
    args = ap.parse_args()
    ds = load_dataset(args.data, skip_empty=True)
    doc_ids, sampling, tmp = sample_docs(ds, args.docs, 0), Sampling(max_new_tokens=args.new_tokens), Path(tempfile.mkdtemp())
    torch.set_num_threads(1)
    local_gen = HFGenerator(args.model)
    local_gen.generate(inpars(), [ds.doc_text(d) for d in doc_ids[:2]], sampling) # warm-up: loads, caches the prefix
    ray = import_ray()
    ray.init(num_cpus=2, logging_level=logging.WARNING, log_to_driver=False)
    print(f"{ds.name}: {len(doc_ids)} documents, InPars prompt, {args.model}, batch {args.batch_size}, {args.new_tokens} new tokens, "
          f"torch {torch.__version__}, ray {ray.__version__}")
    base, base_s = timed_run(ds, local_gen, doc_ids, tmp/'local.jsonl', args.batch_size, sampling)
    rows = [('local, 1 thread', base_s, base)]
    for n in (1, 2):
        lazy = make_generator('hf', args.model, lazy=True) # each worker loads its own copy
        recs, s = timed_run(ds, lazy, doc_ids, tmp/f'ray{n}.jsonl', args.batch_size, sampling, RayExecutor(workers=n, cpus=1))
        rows.append((f'ray, {n} worker{"s" * (n > 1)}', s, recs))
    print(f"\n{'executor':<18} {'seconds':>8} {'docs/s':>7} {'speed-up':>9} {'same query':>11}")
    for label, s, recs in rows:
        same = sum(a['query'] == b['query'] for a, b in zip(recs, base))
        print(f"{label:<18} {s:>8.1f} {len(doc_ids) / s:>7.2f} {base_s / s:>8.2f}x {same:>5}/{len(base)}")
    print(f"\nscaling from 1 to 2 Ray workers: {rows[1][1] / rows[2][1]:.2f}x (ideal 2.00x)")
    ray.shutdown()

if __name__ == '__main__': main()
