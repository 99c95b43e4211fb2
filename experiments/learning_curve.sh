#!/usr/bin/env bash
# Issue 9's learning curve: nDCG@10 of the SciFact run against the number of kept synthetic queries (configs/scifact-curve.yaml,
# documents = 2 x kept). The points run from the smallest up; each folder starts from a copy of the previous point's
# generations (the document samples are nested: one seed's shuffle, cut at n_docs), so only the new documents are generated.
# Finished points (report.md present) are skipped; an interrupted point resumes. Logs in runs/curve/k<kept>-s<seed>.log.
#   bash experiments/learning_curve.sh [seed] [kept ...]        (default: seed 0, kept 100 300 1000 2500)
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}; shift || true
mkdir -p runs/curve
prev=
for k in ${@:-100 300 1000 2500}; do
  d=runs/curve/k$k-s$seed
  if [ ! -f "$d/report.md" ]; then
    if [ -n "$prev" ] && [ ! -f "$d/generations.jsonl" ]; then
      mkdir -p "$d" && cp "$prev/generations.jsonl" "$prev/generations.jsonl.settings.json" "$d/"
    fi
    /usr/bin/time -f "%e s wall, %U s user" qgen run configs/scifact-curve.yaml --seed "$seed" --n-docs $((2 * k)) --keep "$k" \
      --name "k$k-s$seed" --root runs/curve > "$d.log" 2>&1
  fi
  prev=$d
done
