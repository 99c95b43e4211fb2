#!/usr/bin/env bash
# Issue 14: InPars+'s generator tuning on SciFact's training claims (qgen cpo), the student smollm2-135m under the InPars+
# prompt, the teacher the same model under the 8-example Promptagator prompt. Resumable: rerun to continue.
# Log and wall time in runs/cpo/<name>.log. Where experiments/results/cpo/<name>/adapter/ holds a tuning an earlier session
# kept (experiments/cpo_collect.py copies it there), the generator is merged from it instead, so that every session's
# inpars-plus runs write with the same generator.
#   bash experiments/cpo_runs.sh [seed]
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}
name=scifact-smollm2-s$seed
kept=experiments/results/cpo/$name/adapter
mkdir -p runs/cpo
if [ -f "$kept/adapter_config.json" ]; then
  [ -d "runs/cpo/$name/generator" ] || python -c "from qgen_nb.cpo import merge_adapter; merge_adapter('smollm2-135m', '$kept', 'runs/cpo/$name/generator')"
  exit
fi
/usr/bin/time -f "%e s wall, %U s user" qgen cpo ../shared/data/scifact --out "runs/cpo/$name" --n-pairs 200 \
  --held-apart 100 --seed "$seed" > "runs/cpo/$name.log" 2>&1
