#!/usr/bin/env bash
# bench/gpu_pipeline.py on a bare GPU machine that reaches no package index or model hub (Python 3.12, torch and
# transformers installed, 64 MiB of files carried in), in two halves:
#   bash bench/gpu_device.sh prepare     here: fills .gpu/ (git-ignored) with the wheels the machine lacks, transformers
#                                        as a tar.xz, MiniLM-L6 in float16 and SciFact with its corpus xz-compressed (53 MiB)
#   bash bench/gpu_device.sh run [ARGS]  there, from the repository root with .gpu/ carried: installs them into /tmp/site,
#                                        restores MiniLM in float32 and runs the benchmark on SciFact with the tiny test
#                                        generator (the presets' generators are too large to carry), passing ARGS on
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = prepare ]; then
  . .venv/bin/activate
  mkdir -p .gpu/whl .gpu/scifact
  python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp -d .gpu/whl \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux1_x86_64 \
    sentence-transformers==6.2.0 fastcore==2.2.39 bm25s==0.3.16 ir_measures==0.4.3 pytrec-eval-terrier PyStemmer==3.1.0 \
    datasets==5.2.0 dill multiprocess
  python -m pip download -q --no-deps -d /tmp transformers==5.23.0
  rm -rf /tmp/tf-site && mkdir /tmp/tf-site && (cd /tmp/tf-site && unzip -q /tmp/transformers-5.23.0-py3-none-any.whl)
  tar cf - -C /tmp/tf-site . | xz -9 > .gpu/transformers-5.23.0.tar.xz # 3.5 MiB, where the wheel is 13
  python -c "from sentence_transformers import SentenceTransformer as S; from qgen_nb.core import resolve_model; S(resolve_model('minilm-l6'), device='cpu').half().save('.gpu/minilm-l6-fp16')"
  cp -r ../shared/data/scifact/queries.jsonl ../shared/data/scifact/qrels .gpu/scifact/
  xz -9c ../shared/data/scifact/corpus.jsonl > .gpu/scifact/corpus.jsonl.xz
  du -sh .gpu
elif [ "${1:-}" = run ]; then
  shift
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .gpu/whl/*.whl
  tar xJf .gpu/transformers-5.23.0.tar.xz -C /tmp/site
  export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
  mkdir -p /tmp/scifact && cp -r .gpu/scifact/queries.jsonl .gpu/scifact/qrels /tmp/scifact/
  xz -dc .gpu/scifact/corpus.jsonl.xz > /tmp/scifact/corpus.jsonl
  python3 -c "from sentence_transformers import SentenceTransformer as S; S('.gpu/minilm-l6-fp16', device='cpu').float().save('/tmp/minilm')"
  python3 bench/gpu_pipeline.py /tmp/scifact --model tests_data/models/tiny-llama --encoder /tmp/minilm --root /tmp/gpu-bench "$@"
else
  echo "usage: bash bench/gpu_device.sh prepare | run [bench/gpu_pipeline.py options]" >&2; exit 2
fi
