#!/usr/bin/env bash
# Issue 9's main table: the default recipe on every development collection, seed by seed (breadth first, so an
# interrupted session still has one seed everywhere). Each run resumes from its folder; rerunning skips finished ones.
#   bash experiments/loop_runs.sh [seeds...]     (default: 0 1 2); logs in runs/loop/<config>-s<seed>.log
set -u
cd "$(dirname "$0")/.."
configs="scifact-inpars-v2 cranfield-inpars-v2 cisi-inpars-v2 birco-doris-mae-inpars-v2 birco-clinical-trial-inpars-v2 birco-wtb-inpars-v2"
mkdir -p runs/loop
for seed in ${@:-0 1 2}; do
  for c in $configs; do
    [ -f "runs/loop/$c-s$seed/report.md" ] && continue
    /usr/bin/time -f "%e s wall, %U s user" qgen run "configs/$c.yaml" --seed "$seed" --name "$c-s$seed" --root runs/loop \
      > "runs/loop/$c-s$seed.log" 2>&1
  done
done
