#!/usr/bin/env bash
# Issue 9's ablation: the recipe of configs/<config>.yaml changed by one lever at a time, same documents, kept queries,
# gold queries and evaluation. The reference is the default recipe kept at its last step (validate_every: 0): with the gold
# queries' checkpoint choice on, most runs keep the untrained start, so a lever that changes only training would read as no
# change. `gold-checkpoint` is the default recipe itself, choice included. Each lever's config is the base config plus its
# lines (runs/ablation/<config>-<lever>.yaml). Levers that leave generation alone start from a copy of the reference's
# generations, and every lever from a copy of the runs no lever changes (BM25 and the zero-shot encoder, on the evaluation and
# the gold queries), so only the changed steps run. Finished runs (report.md present) are skipped; an interrupted one resumes.
# Logs with wall and CPU time in runs/ablation/<config>-<lever>-s<seed>.log. Pool them with python experiments/ablation_collect.py.
#   bash experiments/ablation.sh [seed] [config ...]     (default: seed 0, scifact-inpars-v2 birco-doris-mae-inpars-v2)
#   LEVERS="last-step consistency" bash experiments/ablation.sh 0 scifact-inpars-v2     (only the levers named)
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}; shift || true
last='validate_every: 0'
# lever name | YAML lines added to the base config | whether it keeps the reference's generations. In the order they run:
# the reference, then the levers most likely to change the outcome, cheapest first; last, the two generation levers together.
levers="last-step|$last|same
in-domain-examples|$last\ntemplate: promptagator|new
lr-1e-4|$last\nlr: 0.0001|same
epochs-3|$last\nepochs: 3|same
logprob-filter|$last\nscorer: logprob|same
gold-checkpoint||same
gemma3-270m|$last\nmodel: gemma3-270m|new
first-recipe|$last\nreranker: cross-encoder\nloss: bce\nlr: 0.0001|same
distil|$last\nloss: distil|same
random-negatives|$last\nnegatives: random|same
consistency|$last\nconsistency_k: 1|same
samples-3|$last\nper_doc: 3\ntemperature: 0.7|new
gemma3-in-domain|$last\nmodel: gemma3-270m\ntemplate: promptagator|new"
mkdir -p runs/ablation
for config in ${@:-scifact-inpars-v2 birco-doris-mae-inpars-v2}; do
  base=runs/ablation/$config-last-step-s$seed
  while IFS='|' read -r lever lines generation; do
    [ -n "${LEVERS:-}" ] && [[ " $LEVERS " != *" $lever "* ]] && continue
    name=$config-$lever-s$seed; d=runs/ablation/$name
    [ -f "$d/report.md" ] && continue
    { cat "configs/$config.yaml"; [ -n "$lines" ] && printf "$lines\n"; } > "runs/ablation/$config-$lever.yaml"
    if [ "$generation" = same ] && [ "$lever" != last-step ] && [ ! -f "$d/generations.jsonl" ]; then
      mkdir -p "$d" && cp "$base/generations.jsonl" "$base/generations.jsonl.settings.json" "$d/"
    fi
    if [ "$lever" != last-step ] && [ ! -d "$d/runs" ]; then
      mkdir -p "$d/runs/gold"
      for run in BM25.trec zero-shot_dense.trec gold/BM25.trec gold/zero-shot_dense.trec; do cp "$base/runs/$run" "$d/runs/$run"; done
      python -c "import json, sys; dense = 'zero-shot dense'; checks = json.load(open(sys.argv[1]))
json.dump({dense: checks[dense]}, open(sys.argv[2], 'w'), indent=1)" "$base/precision.json" "$d/precision.json"
    fi
    /usr/bin/time -f "%e s wall, %U s user" qgen run "runs/ablation/$config-$lever.yaml" --seed "$seed" --name "$name" \
      --root runs/ablation > "$d.log" 2>&1
  done <<< "$levers"
done
