"""Topic words: the words of a card that every answer says, weak or strong.

Repeating the question is not an answer. A word of the card's title, main question, topic or
subtopic that two or more concepts share names the topic, not one concept; and the card's most
common words (counted over its title, question, concepts and model answers) are said by every
answer on it. Neither may be what earns a concept: `concepts.py` weighs them down and never
takes one as the distinctive cue a passage needs.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from trainer.core.cards.model import Card
from trainer.core.grading.words import content_stems, is_content_word, stem, tokenize

MOST_COMMON = 3
"""How many of the card's most frequent content words are topic words."""
SHARED_BY = 2
"""A question word that this many concepts use is a topic word."""


def question_stems(card: Card) -> frozenset[str]:
    """Content stems of the card's title, main question, topic and subtopic."""
    text = " ".join(
        (card.title, card.question, card.topic.replace("-", " "), card.subtopic.replace("-", " "))
    )
    return frozenset(content_stems(text))


def common_stems(card: Card, count: int = MOST_COMMON) -> frozenset[str]:
    """The card's `count` most frequent content stems (ties at the last place included)."""
    parts = [card.title, card.question, card.sample_excellent, card.sample_acceptable]
    for concept in (*card.core_concepts, *card.bonus_concepts):
        parts += [concept.name, concept.description]
    counts = Counter(
        stem(token.word)
        for part in parts
        for token in tokenize(part)
        if is_content_word(token.word)
    )
    ranked = counts.most_common()
    if len(ranked) <= count:
        return frozenset(word for word, _ in ranked)
    last = ranked[count - 1][1]
    return frozenset(word for word, seen in ranked if seen >= last and seen > 1)


@lru_cache(maxsize=512)
def topic_stems(card: Card) -> frozenset[str]:
    """The card's topic words (as stems): shared question words and its most common words."""
    concepts = [
        frozenset(content_stems(f"{concept.name} {concept.description}"))
        for concept in (*card.core_concepts, *card.bonus_concepts)
    ]
    sharing = Counter(word for words in concepts for word in words)
    shared = frozenset(word for word in question_stems(card) if sharing[word] >= SHARED_BY)
    return shared | common_stems(card)
