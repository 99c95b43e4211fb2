#!/usr/bin/env bash
# Issue 12's before/after wall times: `qgen demo` and one SciFact run (configs/scifact-inpars-v2.yaml, seed 0), each made
# by the code before the throughput work (commit 5a098de, checked out at $BEFORE) and by this checkout, one after another
# on an otherwise idle machine. Run folders and logs go to runs/wall/<before|after>/, the times to runs/wall/times.txt.
#   git worktree add /work/before 5a098de && BEFORE=/work/before bash experiments/wall_times.sh
set -u
cd "$(dirname "$0")/.."
. .venv/bin/activate
for job in demo scifact-s0; do
  for side in before after; do
    root=runs/wall/$side; mkdir -p $root
    [ -f $root/$job/report.md ] && continue
    code=$([ $side = before ] && echo "$BEFORE" || pwd)
    if [ $job = demo ]; then cmd="qgen demo --root $root"; else cmd="qgen run configs/scifact-inpars-v2.yaml --seed 0 --name $job --root $root"; fi
    PYTHONPATH=$code /usr/bin/time -o $root/$job.time -f '%e s wall, %U s user' $cmd > $root/$job.log 2>&1
    echo "$job $side: $(cat $root/$job.time)" >> runs/wall/times.txt
  done
done
