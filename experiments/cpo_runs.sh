#!/usr/bin/env bash
# Issue 14: InPars+'s generator tuning on SciFact's training claims (qgen cpo), the student smollm2-135m under the InPars+
# prompt, the teacher the same model under the 8-example Promptagator prompt. Resumable: rerun to continue.
# Log and wall time in runs/cpo/<name>.log.
#   bash experiments/cpo_runs.sh [seed]
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}
mkdir -p runs/cpo
/usr/bin/time -f "%e s wall, %U s user" qgen cpo ../shared/data/scifact --out "runs/cpo/scifact-smollm2-s$seed" --n-pairs 200 \
  --held-apart 100 --seed "$seed" > "runs/cpo/scifact-smollm2-s$seed.log" 2>&1
