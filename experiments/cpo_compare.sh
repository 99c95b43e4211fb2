#!/usr/bin/env bash
# Issue 14's downstream test: inpars-plus (the CPO-tuned generator of experiments/cpo_runs.sh, InPars+ prompt) against
# inpars-v2 (the untuned generator, InPars prompt) with the same budget, filter, gold queries and evaluation, given as
# config:seed items and run one after another (both methods of a seed before the next seed). An item `<config>-last:seed`
# is that finished run again with the reranker kept at its last training step (validate_every: 0): where the gold queries
# keep the untrained start for both methods, this is what shows the queries' effect on training. It starts from a copy of
# the finished run's generations, baseline runs and gold-query reranker, which the checkpoint choice does not change.
# Finished runs (report.md present) are skipped; an interrupted one resumes. Logs in runs/cpo-compare/<config>-s<seed>.log.
# Pool them with python experiments/cpo_collect.py.
#   bash experiments/cpo_compare.sh                  (the default order below)
#   bash experiments/cpo_compare.sh scifact-inpars-plus:0 scifact-inpars-v2-last:0 ...
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
default="birco-doris-mae-inpars-v2:0 birco-doris-mae-inpars-plus:0 birco-doris-mae-inpars-v2:1 birco-doris-mae-inpars-plus:1
birco-doris-mae-inpars-v2:2 birco-doris-mae-inpars-plus:2 scifact-inpars-v2:0 scifact-inpars-plus:0 scifact-inpars-v2:1
scifact-inpars-plus:1 scifact-inpars-v2:2 scifact-inpars-plus:2"
mkdir -p runs/cpo-compare
for item in ${@:-$default}; do
  c=${item%:*}; seed=${item#*:}; d=runs/cpo-compare/$c-s$seed; config=configs/$c.yaml
  [ -f "$d/report.md" ] && continue
  if [[ $c == *-last ]]; then
    base=runs/cpo-compare/${c%-last}-s$seed; config=runs/cpo-compare/$c.yaml
    [ -f "$base/report.md" ] || { echo "$item: $base has not finished; skipped"; continue; }
    { cat "configs/${c%-last}.yaml"; echo 'validate_every: 0'; } > "$config"
    if [ ! -d "$d" ]; then
      mkdir -p "$d/runs/gold"
      cp -r "$base"/generations.jsonl "$base"/generations.jsonl.settings.json "$base"/gold_model "$d/"
      for run in BM25.trec zero-shot_dense.trec reranker_gold.trec gold/BM25.trec gold/zero-shot_dense.trec; do cp "$base/runs/$run" "$d/runs/$run"; done
      python -c "import json, sys; checks = json.load(open(sys.argv[1]))
json.dump({k: v for k, v in checks.items() if k != 'reranker (synthetic)'}, open(sys.argv[2], 'w'), indent=1)" "$base/precision.json" "$d/precision.json"
    fi
  fi
  /usr/bin/time -f "%e s wall, %U s user" qgen run "$config" --seed "$seed" --name "$c-s$seed" --root runs/cpo-compare \
    > "$d.log" 2>&1
done
