"""Issue 13's DSPy-optimiser comparison: DSPy's optimisers (bootstrap-with-random-search, COPRO, MIPROv2, GEPA) on the
query-writing program (Predict and ChainOfThought) under a per-document proxy, every result and the start scored by PATH's
objective with the budget of experiments/path_runs.sh's searches, on the run of a PATH config. The LM that runs the program
and the optimisers' proposals is the run's own generator (SmolLM2-135M, as in the PATH searches), or a model an
OpenAI-compatible server serves (--lm-url, --lm-model: e.g. vLLM on a GPU machine). Resumable: rerun the same command.
Writes runs/dspy-opt/<config>-s<seed>/ and copies optimisers.jsonl, the table (with the PATH search of the same run, when
runs/path has it) and the plot into experiments/results/dspy/.
    python experiments/dspy_optimisers.py configs/birco-doris-mae-path.yaml [--seed 0] [--proxy queryeval]
    python experiments/dspy_optimisers.py configs/birco-doris-mae-path.yaml --lm-url http://gpu-node:8000/v1 --lm-model Qwen/Qwen2.5-7B-Instruct"""
import argparse, shutil
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
import dspy
from qgen_nb.dspy_backend import local_lm
from qgen_nb.dspy_optimisers import OptimiserBudget, compare_optimisers, optimiser_table, plot_optimisers
from qgen_nb.generation import HFGenerator
from qgen_nb.pipeline import make_config
from qgen_nb.prompt_search import SearchSettings

ap = argparse.ArgumentParser()
ap.add_argument('config'); ap.add_argument('--seed', type=int, default=0); ap.add_argument('--proxy', default='queryeval')
ap.add_argument('--lm-url'); ap.add_argument('--lm-model')
a = ap.parse_args()
name = f"{Path(a.config).stem}-s{a.seed}" + (f"-{Path(a.lm_model).name}" if a.lm_url else '')
cfg = make_config(yaml_path=a.config, seed=a.seed, name=name)
s = SearchSettings(n_docs=100, keep=50) # the PATH searches' budget per candidate (path_runs.sh)
out, search = Path('runs/dspy-opt')/name, Path('runs/path')/f"{Path(a.config).stem}-s{a.seed}-search"
lm = dspy.LM(f'openai/{a.lm_model}', api_base=a.lm_url, api_key='local', max_tokens=192) if a.lm_url else local_lm(HFGenerator(cfg.model), max_tokens=192)
recs = compare_optimisers(cfg, lm, out, s, OptimiserBudget(seed=a.seed), proxy=a.proxy)
search = search if (search/'search.json').exists() else None
dest = Path('experiments/results/dspy'); dest.mkdir(parents=True, exist_ok=True)
shutil.copy(out/'optimisers.jsonl', dest/f'{name}.jsonl')
table = optimiser_table(recs, search)
(dest/f'{name}.md').write_text(f"# {name}: DSPy optimisers under the {a.proxy} proxy, scored by PATH's objective\n\n{table}\n")
ax = plot_optimisers(recs, search); ax.set_title(name, fontsize=9); ax.figure.savefig(dest/f'{name}.png', dpi=120, bbox_inches='tight')
print(table)
