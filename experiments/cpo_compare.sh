#!/usr/bin/env bash
# Issue 14's downstream test: inpars-plus (the CPO-tuned generator of experiments/cpo_runs.sh, InPars+ prompt) against
# inpars-v2 (the untuned generator, InPars prompt) with the same budget, filter, gold queries and evaluation, given as
# config:seed items and run one after another (both methods of a seed before the next seed). Finished runs (report.md
# present) are skipped; an interrupted one resumes. Logs in runs/cpo-compare/<config>-s<seed>.log. Pool them with
# python experiments/cpo_collect.py.
#   bash experiments/cpo_compare.sh                  (the default order below)
#   bash experiments/cpo_compare.sh scifact-inpars-plus:0 ...
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
default="birco-doris-mae-inpars-v2:0 birco-doris-mae-inpars-plus:0 birco-doris-mae-inpars-v2:1 birco-doris-mae-inpars-plus:1
birco-doris-mae-inpars-v2:2 birco-doris-mae-inpars-plus:2 scifact-inpars-v2:0 scifact-inpars-plus:0 scifact-inpars-v2:1
scifact-inpars-plus:1 scifact-inpars-v2:2 scifact-inpars-plus:2"
mkdir -p runs/cpo-compare
for item in ${@:-$default}; do
  c=${item%:*}; seed=${item#*:}
  [ -f "runs/cpo-compare/$c-s$seed/report.md" ] && continue
  /usr/bin/time -f "%e s wall, %U s user" qgen run "configs/$c.yaml" --seed "$seed" --name "$c-s$seed" --root runs/cpo-compare \
    > "runs/cpo-compare/$c-s$seed.log" 2>&1
done
