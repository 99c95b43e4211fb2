#!/usr/bin/env bash
# Issue 9's learning curve: nDCG@10 of the SciFact run against the number of kept synthetic queries (configs/scifact-curve.yaml,
# documents = 2 x kept). The points run from the smallest up; each folder starts from a copy of the generations of the
# seed's largest finished smaller point, from this call or an earlier one (the document samples are nested: one seed's shuffle,
# cut at n_docs), so only the new documents are generated.
# Finished points (report.md present) are skipped; an interrupted point resumes. Logs in runs/curve/k<kept>-s<seed>.log.
#   bash experiments/learning_curve.sh [seed] [kept ...]        (default: seed 0, kept 100 300 1000 2500)
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
seed=${1:-0}; shift || true
mkdir -p runs/curve
largest_done_below() { # the largest finished point of this seed below $1 kept queries, if any
  local best= j r
  for r in runs/curve/k*-s$seed/report.md; do
    [ -f "$r" ] || continue
    j=${r#runs/curve/k}; j=${j%%-s*}
    if [ "$j" -lt "$1" ] && { [ -z "$best" ] || [ "$j" -gt "$best" ]; }; then best=$j; fi
  done
  if [ -n "$best" ]; then echo "runs/curve/k$best-s$seed"; fi
}
for k in ${@:-100 300 1000 2500}; do
  d=runs/curve/k$k-s$seed
  if [ ! -f "$d/report.md" ]; then
    prev=$(largest_done_below "$k")
    if [ -n "$prev" ] && [ ! -f "$d/generations.jsonl" ]; then
      mkdir -p "$d" && cp "$prev/generations.jsonl" "$prev/generations.jsonl.settings.json" "$d/"
    fi
    /usr/bin/time -f "%e s wall, %U s user" qgen run configs/scifact-curve.yaml --seed "$seed" --n-docs $((2 * k)) --keep "$k" \
      --name "k$k-s$seed" --root runs/curve > "$d.log" 2>&1
  fi
done
