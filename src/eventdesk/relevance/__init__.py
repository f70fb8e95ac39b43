"""The relevance gate: skip pages that are not about armed conflict, before any NLP model.

    stage = RelevanceStage(RelevanceConfig(threshold=...))   # pipeline stage "relevance"
    score_text(text, title=None) -> RelevanceScore          # the score alone
"""

from eventdesk.relevance.gate import RelevanceConfig, RelevanceScore, RelevanceStage, Scorer, score_text

__all__ = ["RelevanceConfig", "RelevanceScore", "RelevanceStage", "Scorer", "score_text"]
