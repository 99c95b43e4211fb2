"""Pilot for issue 9's `distil` objective: MarginMSE towards the hybrid of BM25 and the untrained encoder, trained on the
finished loop run's pairs (default runs/loop/scifact-inpars-v2-s0: 300 kept InPars-v2 queries, 3 BM25 negatives each) and
measured on its gold claims and on all its evaluation claims (BM25's top 100), against the run's own BM25, zero-shot dense
and even hybrid. No checkpoint choice: the model after the last step is measured.
Teachers (--teacher): 'matched' is `training.hybrid_teacher` (the two standardised scores averaged, in the cosine's units);
'added' is the cosine plus BM25's standardised score in the cosine's units (margins about twice the start's).
    python experiments/distil_pilot.py --epochs 1 --lr 2e-5 --teacher matched [--run runs/loop/scifact-inpars-v2-s0]
Appends a line to experiments/results/distil_pilot.jsonl."""
import argparse, json, time
from pathlib import Path
import numpy as np, torch, yaml
from datasets import Dataset
from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
from sentence_transformers.sentence_transformer import losses
from sentence_transformers.util import pairwise_cos_sim
from qgen_nb.pipeline import Pipeline, make_config, DENSE
from qgen_nb.pairs import pair_rows, pair_groups
from qgen_nb.fusion import fuse, standardise
from qgen_nb.rerankers import new_bi_encoder, BiEncoderReranker
from qgen_nb.training import hybrid_teacher
from qgen_nb.evaluation import evaluate, rerank

p = argparse.ArgumentParser()
p.add_argument('--epochs', type=float, default=1); p.add_argument('--lr', type=float, default=2e-5)
p.add_argument('--teacher', choices=('matched', 'added'), default='matched'); p.add_argument('--run', default='runs/loop/scifact-inpars-v2-s0')
a = p.parse_args()
torch.set_num_threads(2)
pipe = Pipeline(make_config(**yaml.safe_load(open(f'{a.run}/config.yaml'))), root=str(Path(a.run).parent))
ds, pairs = pipe.ds, pipe.pairs()
model = new_bi_encoder('minilm-l6', 192, 'cpu')
rows, cols = pair_rows(pairs), pair_groups(ds, pairs)
if a.teacher == 'matched': cols['label'] = hybrid_teacher(model, ds, rows, pipe.bm25)
else:
    start = BiEncoderReranker(model)
    cos = {i: dict(zip(ids, start.score_pairs([(q, ds.doc_text(d)) for d in ids]))) for i, (q, pos, negs) in enumerate(rows) for ids in [[pos, *negs]]}
    lexical = standardise({i: {d: float(pipe.bm25.scores(q)[pipe.bm25.index_of[d]]) for d in [pos, *negs]} for i, (q, pos, negs) in enumerate(rows)})
    cols['label'] = [[cos[i][d] + np.std(list(cos[i].values())) * lexical[i][d] for d in [pos, *negs]] for i, (q, pos, negs) in enumerate(rows)]
args = SentenceTransformerTrainingArguments(output_dir='/tmp/distil-pilot', num_train_epochs=a.epochs, per_device_train_batch_size=16,
                                            learning_rate=a.lr, warmup_steps=0.1, seed=0, save_strategy='no', report_to='none', logging_steps=5)
t0 = time.time()
SentenceTransformerTrainer(model=model, args=args, train_dataset=Dataset.from_dict(cols), loss=losses.MarginMSELoss(model, pairwise_cos_sim)).train()
train_s = time.time() - t0
trained = BiEncoderReranker(model)
def ndcg(run, qrels): return float(np.mean(list(evaluate(run, qrels)['nDCG@10'].values())))
qrels, bm25_run, dense_run = pipe.eval_qrels(), pipe.bm25_run(), pipe.system_run(DENSE, None)
gold = rerank(trained.score_pairs, ds, pipe.queries(on_gold=True), pipe.bm25_run(on_gold=True))
run = rerank(trained.score_pairs, ds, pipe.queries(), bm25_run)
res = dict(run=a.run, epochs=a.epochs, lr=a.lr, teacher=a.teacher, steps=int(np.ceil(len(rows) / 16) * a.epochs), gold=ndcg(gold, pipe.gold.qrels),
           eval=ndcg(run, qrels), bm25=ndcg(bm25_run, qrels), dense0=ndcg(dense_run, qrels),
           hybrid=ndcg(fuse({'d': dense_run, 'b': bm25_run}, {'d': .5, 'b': .5}), qrels),
           fused_with_bm25=ndcg(fuse({'s': run, 'b': bm25_run}, {'s': .5, 'b': .5}), qrels), train_s=round(train_s))
print(json.dumps(res))
with open('experiments/results/distil_pilot.jsonl', 'a') as f: f.write(json.dumps(res) + '\n')
