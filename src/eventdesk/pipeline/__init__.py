from eventdesk.pipeline.base import Stage, StageStats

__all__ = ["Stage", "StageStats"]
