"""Build `tests_data/models/tiny-llama/`: a tiny, deterministic causal LM fixture.

What it is for
--------------
Fast CPU tests of the *generation mechanics* of `qgen_nb`: loading a model and
tokenizer from a local folder, batched generation with left padding, prefix
(KV) caching, per-token log-probabilities, stop strings / EOS handling and chat
templates. The whole folder is well under 1 MB and loads in a fraction of a
second, so tests can use a real `LlamaForCausalLM` instead of mocks.

Its queries are NOT meant to be good. The model was trained for ~30-50 s of CPU
on the ~50 examples in `tests_data/` only so that it has learned the *format*:
after a prompt ending in "\\nQuery:" it usually writes one short line, then
"\\n" and `<|im_end|>` (its EOS), under greedy decoding. Do not assert on the
wording of its output, only on its shape (and on determinism, if needed).

What it contains
----------------
- Tokenizer: byte-level BPE (vocab 600) trained with `tokenizers` on the texts
  of `tests_data/corpus.jsonl` (title + text) and `tests_data/queries.jsonl`.
  Special tokens: `<|endoftext|>`, `<|im_start|>` (bos), `<|im_end|>` (eos),
  `<pad>` (pad). No BOS/EOS is added automatically when encoding. Default
  `padding_side` is "left" (decoder-only generation). A ChatML `chat_template`
  renders each turn as `<|im_start|>{role}\\n{content}<|im_end|>\\n`;
  `add_generation_prompt=True` appends `<|im_start|>assistant\\n`.
- Model: `LlamaForCausalLM`, hidden 64, 2 layers, 4 heads, 2 KV heads,
  intermediate 128, max positions 2048, tied embeddings, float32, safetensors.
- Training strings: "Document: {title}. {text}\\nQuery: {query}\\n<|im_end|>" for
  every grade-2 pair of `qrels/train.tsv` and `qrels/test.tsv`, plus, for every
  document without a grade-2 query, a pseudo-query equal to its title.

Regenerate (from the repository root; CPU only, no network):

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python tests_data/models/make_tiny_llama.py

The build is deterministic: fixed seeds, a fixed number of optimisation steps,
one CPU thread and `torch.use_deterministic_algorithms(True)`, so rerunning it
on the same software stack gives a byte-identical `model.safetensors`.
"""

import csv
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

SEED = 0
VOCAB_SIZE = 600
STEPS = 240
LR = 3e-3
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

DATA = Path(__file__).resolve().parents[1]  # tests_data/
OUT = Path(__file__).resolve().parent / "tiny-llama"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_qrels(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if rows and rows[0][:2] == ["query-id", "corpus-id"]:
        rows = rows[1:]
    return [(q, d, int(s)) for q, d, s in rows]


def build_tokenizer(corpus, queries):
    texts = [f"{d['title']}. {d['text']}" for d in corpus] + [q["text"] for q in queries]
    tk = Tokenizer(models.BPE())
    tk.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tk.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB_SIZE,
        min_frequency=2,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tk.train_from_iterator(texts, trainer=trainer)
    tok = PreTrainedTokenizerFast(
        tokenizer_object=tk,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<pad>",
        additional_special_tokens=["<|endoftext|>"],
        model_max_length=2048,
        padding_side="left",
        clean_up_tokenization_spaces=False,
    )
    tok.chat_template = CHAT_TEMPLATE
    return tok


def build_examples(corpus, queries, qrels):
    docs = {d["_id"]: d for d in corpus}
    qtext = {q["_id"]: q["text"] for q in queries}
    pairs = sorted({(q, d) for q, d, s in qrels if s == 2})
    covered = {d for _, d in pairs}
    items = [(docs[d], qtext[q]) for q, d in pairs]
    items += [(d, d["title"]) for d in corpus if d["_id"] not in covered]
    return [f"Document: {d['title']}. {d['text']}\nQuery: {q}\n<|im_end|>" for d, q in items]


def main():
    t0 = time.perf_counter()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    corpus = read_jsonl(DATA / "corpus.jsonl")
    queries = read_jsonl(DATA / "queries.jsonl")
    qrels = read_qrels(DATA / "qrels" / "train.tsv") + read_qrels(DATA / "qrels" / "test.tsv")

    tok = build_tokenizer(corpus, queries)
    examples = build_examples(corpus, queries, qrels)

    cfg = LlamaConfig(
        vocab_size=len(tok),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
    )
    model = LlamaForCausalLM(cfg)
    model.generation_config = GenerationConfig(
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        do_sample=False,
    )
    n_params = sum(p.numel() for p in model.parameters())

    # Training batch: all examples, right-padded, loss masked on padding.
    enc = tok(examples, padding=True, padding_side="right", return_tensors="pt")
    ids, mask = enc["input_ids"], enc["attention_mask"]
    labels = ids.masked_fill(mask == 0, -100)
    print(f"{len(examples)} training strings, padded length {ids.shape[1]}, vocab {len(tok)}")

    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 10))
    g = torch.Generator().manual_seed(SEED)
    model.train()
    t_train = time.perf_counter()
    bs = 16
    for step in range(STEPS):
        idx = torch.randperm(ids.shape[0], generator=g)[:bs]
        out = model(input_ids=ids[idx], attention_mask=mask[idx], labels=labels[idx])
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        if step % 50 == 0 or step == STEPS - 1:
            print(f"step {step:4d} loss {out.loss.item():.4f}")
    t_train = time.perf_counter() - t_train
    model.eval()

    if OUT.exists():
        shutil.rmtree(OUT)
    model.save_pretrained(OUT, safe_serialization=True)
    tok.save_pretrained(OUT)

    files = sorted(p for p in OUT.iterdir() if p.is_file())
    total = sum(p.stat().st_size for p in files)
    for p in files:
        print(f"  {p.name:28s} {p.stat().st_size:8d} B")
    print(f"total size {total} B ({total / 1024:.1f} KiB); parameters {n_params}")
    print(f"training {STEPS} steps: {t_train:.1f}s; whole build {time.perf_counter() - t0:.1f}s")
    if total >= 1_000_000:
        sys.exit(f"fixture too large: {total} B")

    for d in (corpus[0], corpus[20], corpus[40]):
        prompt = f"Document: {d['title']}. {d['text']}\nQuery:"
        x = tok(prompt, return_tensors="pt")
        with torch.no_grad():
            y = model.generate(**x, max_new_tokens=16, do_sample=False)
        gen = tok.decode(y[0, x["input_ids"].shape[1]:], skip_special_tokens=False)
        print(f"[{d['_id']}] -> {gen!r}")


if __name__ == "__main__":
    main()
