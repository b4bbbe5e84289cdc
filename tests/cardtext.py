"""A small valid card to vary in tests (our own words)."""

from __future__ import annotations

MINIMAL_CARD = """\
---
id: test-L4-001
type: subjective
level: L4
category: baseline
topic: testing
subtopic: minimal
estimated_time: 10 minutes
---

# question_title - Leases In One Page

## main_question - Core Question
"Why do distributed locks need leases, and what goes wrong without fencing?"

## core_concepts - Must Mention (60%)
### mandatory_concepts
- **Lease Expiry**: a holder that stops renewing loses the lock after a bounded time
- **Fencing Tokens**: a number that grows with each grant, checked by the storage

### expected_keywords
- Primary keywords: lease, fencing token, expiry

## peripheral_concepts - Nice to Have (40%)
### bonus_concepts
- **Clock Assumptions**: leases assume bounded clock drift

### bonus_keywords
- Related: clock drift, GC pause

## sample_excellent - Example Excellence
"A lease bounds how long a dead holder blocks others; fencing tokens stop a paused holder."

## sample_acceptable - Minimum Acceptable
"Leases expire so the lock is not held forever."

## common_mistakes - Watch Out For
- Trusting the holder's own clock

## follow_up_excellent - Depth Probe
**Question**: "What if the storage cannot check tokens?"
- **Looking for**: compare-and-set on the resource

## follow_up_partial - Guided Probe
**Question**: "What happens during a long GC pause?"
- **Hint embedded**: the lease may expire mid-write

## follow_up_weak - Foundation Check
**Question**: "Why would a library book have a due date?"
- **Simplification**: borrowing is time-limited

## bar_raiser_question - L4→L5 Challenge
"Design a lock service that survives a data-centre partition."

### bar_raiser_concepts
- Quorum placement

## metadata
- **Evaluation rubric**: See GUIDELINES.md
- **Time expectation**: 3-4 min answer + 5-7 min discussion
- **Common next topics**: consensus, clocks
"""
