"""What the fusion pass recognises: the NSA compression step, by what it computes (docs/contract.md).

No spelling is enumerated.  :mod:`.verify` anchors on every row write into a cache, cuts the graph
into the parts the contract talks about (write, kept rows, mask, gather, pooling), gives each input
its role from how it flows, and proves each part by evaluating it (:mod:`.evaluate`).  :mod:`.optable`
is the only per-op knowledge: which ops move data, which compute, which write.
"""
from .verify import Recognizer, Refused, Step

__all__ = ["Recognizer", "Refused", "Step"]
