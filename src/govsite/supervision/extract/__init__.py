"""Extractors: facts read from one page's HTML, framework-free.

Page-level facts: dates (``dates``), column kinds from column names (``column_kinds``), disclosure
metadata tables (``metadata``), article pages (``article``) and footer identity (``identity``).
Structure-level facts (column lists, Hanweb records, letters, service guides) live beside them.
Nothing here imports Django or Wagtail.
"""
