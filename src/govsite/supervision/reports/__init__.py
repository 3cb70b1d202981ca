"""Inspection reports: text for the terminal, JSON (stable schema), HTML (readable, with a chart), xlsx.

Reports only present a stored or fresh verdict; none recomputes a rule.
"""

from govsite.supervision.reports.render import render_report, report_data

__all__ = ["render_report", "report_data"]
