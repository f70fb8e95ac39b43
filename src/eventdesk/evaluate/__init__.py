"""Evaluate an export against gold annotations (`eventdesk evaluate`).

Public API:
    report = evaluate_export(export_path, gold_dir)   # Report: figures + per-document mismatches
    report_to_table(report)  -> list of rich renderables
    report_to_json(report)   -> dict
    load_gold(gold_dir)      -> {stem: GoldDocument}
The figures have the names and definitions of ../shared/tools/score.py.
"""

from eventdesk.evaluate.gold import GoldDocument, load_gold
from eventdesk.evaluate.render import report_to_json, report_to_table
from eventdesk.evaluate.report import DocumentReport, Mismatch, Report, evaluate_export, load_export

__all__ = ["DocumentReport", "GoldDocument", "Mismatch", "Report", "evaluate_export", "load_export",
           "load_gold", "report_to_json", "report_to_table"]
