#!/usr/bin/env bash
# Issue 9's main table: the default recipe on every development collection, given as config:seed items, run one after
# another (breadth first: one seed everywhere before the next seed). Each run resumes from its folder; finished runs
# (report.md present) are skipped. Logs in runs/loop/<config>-s<seed>.log.
#   bash experiments/loop_runs.sh                 (the default order below)
#   bash experiments/loop_runs.sh cisi-inpars-v2:1 ...
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
default="scifact-inpars-v2:0 cranfield-inpars-v2:0 cisi-inpars-v2:0 birco-doris-mae-inpars-v2:0 birco-clinical-trial-inpars-v2:0
birco-wtb-inpars-v2:0 cranfield-inpars-v2:1 cisi-inpars-v2:1 birco-clinical-trial-inpars-v2:1 cranfield-inpars-v2:2 cisi-inpars-v2:2
birco-clinical-trial-inpars-v2:2 birco-doris-mae-inpars-v2:1 birco-doris-mae-inpars-v2:2 scifact-inpars-v2:1 scifact-inpars-v2:2
birco-wtb-inpars-v2:1 birco-wtb-inpars-v2:2"
mkdir -p runs/loop
for item in ${@:-$default}; do
  c=${item%:*}; seed=${item#*:}
  [ -f "runs/loop/$c-s$seed/report.md" ] && continue
  /usr/bin/time -f "%e s wall, %U s user" qgen run "configs/$c.yaml" --seed "$seed" --name "$c-s$seed" --root runs/loop \
    > "runs/loop/$c-s$seed.log" 2>&1
done
