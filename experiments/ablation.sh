#!/usr/bin/env bash
# Issue 9's ablation: the default recipe of configs/<config>.yaml changed by one lever at a time, same documents, kept queries,
# gold queries and evaluation. Each lever's config is the base config plus the lever's lines (runs/ablation/<config>-<lever>.yaml).
# Levers that leave generation alone start from a copy of the default's generations, so only the changed steps run.
# Finished runs (report.md present) are skipped; an interrupted one resumes. Logs with wall and CPU time in
# runs/ablation/<config>-<lever>-s<seed>.log. Pool them with python experiments/ablation_collect.py.
#   bash experiments/ablation.sh [seed] [config ...]     (default: seed 0, scifact-inpars-v2 birco-doris-mae-inpars-v2)
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}; shift || true
# lever name | YAML lines added to the base config | whether it keeps the default's generations
# in the order they run: the levers most likely to change the outcome first
levers="default||same
in-domain-examples|template: promptagator|new
gemma3-270m|model: gemma3-270m|new
first-recipe|reranker: cross-encoder\nloss: bce\nlr: 0.0001|same
lr-1e-4|lr: 0.0001|same
epochs-3|epochs: 3|same
distil|loss: distil|same
last-checkpoint|validate_every: 0|same
random-negatives|negatives: random|same"
mkdir -p runs/ablation
for config in ${@:-scifact-inpars-v2 birco-doris-mae-inpars-v2}; do
  base=runs/ablation/$config-default-s$seed
  while IFS='|' read -r lever lines generation; do
    name=$config-$lever-s$seed; d=runs/ablation/$name
    [ -f "$d/report.md" ] && continue
    { cat "configs/$config.yaml"; [ -n "$lines" ] && printf "$lines\n"; } > "runs/ablation/$config-$lever.yaml"
    if [ "$generation" = same ] && [ "$lever" != default ] && [ ! -f "$d/generations.jsonl" ]; then
      mkdir -p "$d" && cp "$base/generations.jsonl" "$base/generations.jsonl.settings.json" "$d/"
    fi
    /usr/bin/time -f "%e s wall, %U s user" qgen run "runs/ablation/$config-$lever.yaml" --seed "$seed" --name "$name" \
      --root runs/ablation > "$d.log" 2>&1
  done <<< "$levers"
done
