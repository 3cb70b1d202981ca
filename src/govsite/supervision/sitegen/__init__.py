"""Synthetic government sites with injected faults and known truth, and a server for them.

The fixture every inspector test and the inspector benchmark run against::

    site = generate(PRESETS["zombie"])      # the model, in memory, in milliseconds
    truth = truth_for(site)                 # what an inspection must find, and its verdict
    served = await serve_sites([spec, …])   # HTTP on 127.0.0.1, pages rendered on request

Deterministic: equal specs give byte-identical pages. Imports no Django.
"""

from .faults import CLOSED_PORTS, PRESETS, SPAM_TERMS, random_site
from .generate import generate
from .model import Charset, Family, Faults, GeneratedSite, SiteSpec, SpamKind
from .truth import ExpectedLink, ExpectedUnchecked, SiteTruth, truth_for

# The server's names load on first use: generating sites needs no aiohttp, and
# `python -m govsite.supervision.sitegen.server` must not find its module imported already.
_SERVER_NAMES = (
    "Reply",
    "Responder",
    "ServedSite",
    "gzip_bomb",
    "running_sites",
    "serve_sites",
    "stop_sites",
)


def __getattr__(name: str) -> object:
    if name in _SERVER_NAMES:
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CLOSED_PORTS",
    "PRESETS",
    "SPAM_TERMS",
    "Charset",
    "ExpectedLink",
    "ExpectedUnchecked",
    "Family",
    "Faults",
    "GeneratedSite",
    "Reply",
    "Responder",
    "ServedSite",
    "SiteSpec",
    "SiteTruth",
    "SpamKind",
    "generate",
    "gzip_bomb",
    "random_site",
    "running_sites",
    "serve_sites",
    "stop_sites",
    "truth_for",
]
