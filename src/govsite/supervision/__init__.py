"""The supervision engine: inspect any government website against the official indicators.

crawl → extract → evidence → rules (``govsite.indicators``) → verdict. The crawler, the extractors and
the site generator import no Django, so the command-line inspector runs without a database.
"""
