#!/usr/bin/env bash
# Crash safety of `qgen run` (issue 11): an uninterrupted reference run, then N fresh run folders, each killed with kill -9
# twice at a random moment (8-50 s after it started), rerun to the end, and its metrics.json compared with the reference's.
#   bash experiments/kill_loop.sh [N=10]      (tests_data, the tiny test model; about a minute per folder on 2 cores)
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
N=${1:-10}; OUT=runs/killtest; RANDOM=7
rm -rf $OUT; mkdir -p $OUT
printf 'max_length: 96\ndepth: 20\n' > $OUT/small.yaml
args() { echo run $OUT/small.yaml --data tests_data --model tests_data/models/tiny-llama --n-gold 8 --n-docs 24 --keep 12 --name $1 --root $OUT; }
qgen $(args ref) > $OUT/ref.log 2>&1 || { echo "reference run failed"; exit 1; }
for i in $(seq 1 $N); do
  where=()
  for k in 1 2; do
    t=$((RANDOM % 43 + 8))
    qgen $(args run$i) > $OUT/run$i.$k.log 2>&1 & p=$!
    sleep $t
    if kill -9 $p 2>/dev/null; then wait $p 2>/dev/null; where+=("${t}s ($(cd $OUT/run$i 2>/dev/null && ls -d generations.jsonl kept.jsonl pairs.jsonl model gold_model runs/*.trec runs/gold/*.trec 2>/dev/null | wc -l) artifacts)")
    else wait $p; where+=("${t}s: finished first"); fi
  done
  qgen $(args run$i) > $OUT/run$i.final.log 2>&1; rc=$?
  same=$(python - "$OUT/ref/metrics.json" "$OUT/run$i/metrics.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
gens = [json.loads(l) for l in open(sys.argv[2].replace('metrics.json', 'generations.jsonl'))]
doubled = len(gens) - len({(g['doc_id'], g['n']) for g in gens})
print(f"systems {'identical' if a['systems'] == b['systems'] else 'DIFFERENT'}, counts {'identical' if a['counts'] == b['counts'] else 'DIFFERENT'}, {len(gens)} generations, {doubled} doubled")
PY
)
  echo "folder $i: killed at ${where[*]}; final exit $rc; $same"
done
