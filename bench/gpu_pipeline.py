"""The whole pipeline on a GPU against the same run on the same machine's CPU: each step's seconds and the speed-up, the
counts, and the nDCG@10 of every system on both.

Run by hand on a machine with a GPU:
    python bench/gpu_pipeline.py [DATA] [--model smollm2-135m] [--encoder minilm-l6] [--n-docs 200] [--keep 100] [--n-gold 10] [--depth 30]
(DATA: a BEIR folder; default ../shared/data/scifact). Runs go to --root (default: a temporary folder). On a machine that
reaches no package index or model hub, bench/gpu_device.sh carries what it needs and runs it.

One config (inpars-v2: the generator writes queries for --n-docs documents, the zero-shot encoder keeps --keep, a bi-encoder
on --encoder is fine-tuned on them and on the gold queries, BM25's top --depth of the test queries are reranked) is run twice,
each in its own process: once with the GPU hidden (`CUDA_VISIBLE_DEVICES=''`: the baseline, on every CPU core of the
machine) and once with it, where the library's defaults put every model on the GPU and generate in bfloat16. Both runs
write their report and timings as `qgen run` does. It prints, per step, the seconds of each and the speed-up; the counts of
each (the GPU's bfloat16 generation may write other queries, so they can differ); nDCG@10 of every system on each, with how
many of the generated queries are the same text; and the GPU's name and peak memory.
"""
import argparse, json, os, subprocess, sys, tempfile
from pathlib import Path

def one_run(a):
    "The child: the run itself, on whatever device the environment leaves visible"
    import torch
    from qgen_nb.pipeline import Pipeline, make_config
    cfg = make_config('inpars-v2', data=a.data, model=a.model, encoder=a.encoder, base=a.encoder, n_docs=a.n_docs, keep=a.keep, n_gold=a.n_gold,
                      depth=a.depth, max_length=a.max_length, name=a.name)
    with Pipeline(cfg, a.root) as p: metrics = p.report()
    peak = torch.cuda.max_memory_allocated() / 2**30 if torch.cuda.is_available() else None
    (p.dir/'peak_memory.json').write_text(json.dumps(peak))
    print(f"{a.name}: {metrics['compute_on']}, {sum(metrics['timings'].values()):.0f} s")

def read(run: Path) -> dict:
    "A finished run's metrics, device (with the GPU's peak memory) and generated queries"
    metrics, peak = (json.loads((run/f).read_text()) for f in ('metrics.json', 'peak_memory.json'))
    return dict(metrics=metrics, device=metrics['compute_on'] + (f", peak memory {peak:.2f} GiB" if peak else ''),
                queries={(r['doc_id'], r['n']): r['query'] for r in map(json.loads, (run/'generations.jsonl').read_text().splitlines())})

def compare(cpu: dict, gpu: dict):
    "Print the two runs side by side"
    print(f"\nbaseline: {cpu['device']}; GPU: {gpu['device']}\n")
    tc, tg = cpu['metrics']['timings'], gpu['metrics']['timings']
    print(f"{'step':48} {'CPU s':>8} {'GPU s':>8} {'speed-up':>9}")
    for step in tc:
        print(f"{step:48} {tc[step]:8.1f} {tg.get(step, float('nan')):8.1f} {tc[step] / max(tg.get(step, float('nan')), 0.01):8.1f}x")
    print(f"{'total':48} {sum(tc.values()):8.1f} {sum(tg.values()):8.1f} {sum(tc.values()) / sum(tg.values()):8.1f}x\n")
    print('counts, CPU:', cpu['metrics']['counts']); print('counts, GPU:', gpu['metrics']['counts'])
    same = sum(cpu['queries'].get(k) == q for k, q in gpu['queries'].items())
    print(f"generated queries with the same text on both: {same} of {len(gpu['queries'])}\n")
    print(f"{'system':40} {'CPU':>7} {'GPU':>7} {'GPU - CPU':>10}")
    for name, s in cpu['metrics']['systems'].items():
        c, g = s['nDCG@10']['mean'], gpu['metrics']['systems'][name]['nDCG@10']['mean']
        print(f"{name:40} {c:7.3f} {g:7.3f} {g - c:+10.3f}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data', nargs='?', default='../shared/data/scifact')
    ap.add_argument('--model', default='smollm2-135m'); ap.add_argument('--encoder', default='minilm-l6')
    ap.add_argument('--n-docs', type=int, default=200); ap.add_argument('--keep', type=int, default=100)
    ap.add_argument('--n-gold', type=int, default=10); ap.add_argument('--depth', type=int, default=30); ap.add_argument('--max-length', type=int, default=192)
    ap.add_argument('--root'); ap.add_argument('--name', help=argparse.SUPPRESS) # set for the child runs
    a = ap.parse_args()
    if a.name: return one_run(a)
    import torch
    if not torch.cuda.is_available(): sys.exit('no GPU is visible here: run this on a machine with one')
    root = Path(a.root or tempfile.mkdtemp(prefix='gpu-bench-'))
    args = [a.data, '--model', a.model, '--encoder', a.encoder, '--n-docs', str(a.n_docs), '--keep', str(a.keep), '--n-gold', str(a.n_gold),
            '--depth', str(a.depth), '--max-length', str(a.max_length), '--root', str(root)]
    for name, env in (('cpu', {'CUDA_VISIBLE_DEVICES': ''}), ('gpu', {})):
        subprocess.run([sys.executable, __file__, *args, '--name', name], env={**os.environ, **env}, check=True)
    compare(read(root/'cpu'), read(root/'gpu'))

if __name__ == '__main__': main()
