"""Content assurance (内容保障) across the cluster, and its public feeds.

- Repost (转载): a column subscribes to an upstream source (a column of this platform, an RSS/Atom feed or
  a crawled list page); ``polling`` queues new upstream items, an editor reposts (``reposting``) or ignores
  them, and ``timeliness`` keeps the 24-hour clock from upstream publication.
- Submission upward (信息报送, ``submissions``): a lower site sends an item to its parent site's inbox,
  which accepts it into a column with the sender named as the source, or returns it with a reason.
- Shared columns (栏目共建, ``pages.SharedColumnPage``): a portal column listing chosen subsite columns.
- Feeds (``feeds``), the sitemap and the read-only API v2 (``api``), served by ``urls``.
- Cadence digest (``digest``): each morning, column owners get their overdue, due-soon and empty columns.
"""
