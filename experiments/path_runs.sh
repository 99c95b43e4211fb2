#!/usr/bin/env bash
# Issue 13's experiment: PATH's prompt search on each development collection, then full runs with the prompt found and with
# the starting prompt at the same budget (qgen path --compare-start), given as config:seed items and run one after another.
# Each seed searches anew (its own split of the gold queries into shown and scoring ones). Searches and runs resume where
# they stopped; finished ones are read back. Logs in runs/path/<config>-s<seed>.log; pool with python experiments/path_collect.py.
#   bash experiments/path_runs.sh                       (the default order below: seed 0 everywhere, then seeds 1 and 2)
#   bash experiments/path_runs.sh scifact-path:1 ...
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
SEARCH="--rounds 2 --proposals 2 --example-sets 1 --finalists 2 --rescore-seeds 1 --search-docs 100 --search-keep 50"
default=""
for seed in 0 1 2; do
  for c in birco-doris-mae-path scifact-path birco-wtb-path birco-clinical-trial-path; do default="$default $c:$seed"; done
done
mkdir -p runs/path
for item in ${@:-$default}; do
  c=${item%:*}; seed=${item#*:}
  n_shown=$([ "$c" = birco-clinical-trial-path ] && echo "--n-shown 2 --n-examples 2" || echo "")
  [ -f "runs/path/$c-s$seed/against_start.json" ] && continue
  /usr/bin/time -f "%e s wall, %U s user" qgen path "configs/$c.yaml" --seed "$seed" --name "$c-s$seed" --root runs/path \
    $SEARCH $n_shown --compare-start >> "runs/path/$c-s$seed.log" 2>&1
done
