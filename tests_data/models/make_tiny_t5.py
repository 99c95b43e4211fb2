"""Build `tests_data/models/tiny-t5/`: a tiny, deterministic, *untrained* T5 fixture.

What it is for
--------------
Fast CPU tests of the *mechanics* of the monoT5-style reranker in `qgen_nb.rerankers`: loading a
seq2seq model and tokenizer from a local folder, scoring (query, document) pairs by the logits of
the 'true' and 'false' tokens at the first decoder step, a few training steps that lower the loss,
saving and loading back. Its scores mean nothing; tests assert on shapes, determinism and on the
loss going down, never on ranking quality.

What it contains
----------------
- Tokenizer: a copy of `tests_data/models/tiny-llama`'s tokenizer (byte-level BPE, 600 tokens,
  trained on `tests_data/`), with `padding_side` set to "right" (an encoder pads on the right).
  It has no 'true'/'false' tokens of its own: 'true' encodes as t|ru|e and 'false' as f|al|se.
  The reranker scores the FIRST token of each word's encoding ('t' vs 'f'), which differ; this
  script checks that they do.
- Model: `T5ForConditionalGeneration`, d_model 64, d_ff 128, d_kv 16, 4 heads, 2 encoder and 2
  decoder layers, 8 relative-attention buckets, tied embeddings, float32, safetensors, randomly
  initialised from seed 0 (no training). `decoder_start_token_id` = `pad_token_id` = `<pad>`, as
  in T5; `eos_token_id` = `<|im_end|>`.

Regenerate (from the repository root; CPU only, no network, about a second):

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python tests_data/models/make_tiny_t5.py

The build is deterministic: the weights come from `torch.manual_seed(0)` alone, so rerunning it on
the same software stack gives a byte-identical `model.safetensors`. The folder is about 0.3 MB.
"""

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch
from transformers import AutoTokenizer, GenerationConfig, T5Config, T5ForConditionalGeneration

SEED = 0
HERE = Path(__file__).resolve().parent
SRC = HERE / "tiny-llama"  # the tokenizer we reuse
OUT = HERE / "tiny-t5"


def first_token(tok, word):
    "Id of the first token of `word`'s encoding (what the reranker scores)"
    return tok.encode(word, add_special_tokens=False)[0]


def main():
    tok = AutoTokenizer.from_pretrained(SRC)
    tok.padding_side = "right"
    tok.chat_template = None
    t, f = first_token(tok, "true"), first_token(tok, "false")
    assert t != f, f"'true' and 'false' start with the same token {t}"
    print(f"'true' -> {tok.convert_ids_to_tokens(tok.encode('true', add_special_tokens=False))}, scored token {t}")
    print(f"'false' -> {tok.convert_ids_to_tokens(tok.encode('false', add_special_tokens=False))}, scored token {f}")

    cfg = T5Config(
        vocab_size=len(tok),
        d_model=64,
        d_kv=16,
        d_ff=128,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        relative_attention_num_buckets=8,
        relative_attention_max_distance=64,
        dropout_rate=0.0,
        feed_forward_proj="relu",
        tie_word_embeddings=True,
        pad_token_id=tok.pad_token_id,
        eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.pad_token_id,
    )
    torch.manual_seed(SEED)
    model = T5ForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(
        pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.pad_token_id, do_sample=False,
    )
    if OUT.exists():
        shutil.rmtree(OUT)
    model.save_pretrained(OUT, safe_serialization=True)
    tok.save_pretrained(OUT)
    (OUT / "chat_template.jinja").unlink(missing_ok=True)

    files = sorted(p for p in OUT.iterdir() if p.is_file())
    total = sum(p.stat().st_size for p in files)
    for p in files:
        print(f"  {p.name:28s} {p.stat().st_size:8d} B")
    print(f"total size {total} B ({total / 1024:.1f} KiB); parameters {sum(p.numel() for p in model.parameters())}")
    if total >= 1_000_000:
        sys.exit(f"fixture too large: {total} B")


if __name__ == "__main__":
    main()
