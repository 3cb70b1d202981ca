"""GovSite: run a cluster of government websites; inspect any government website by the official indicators."""
