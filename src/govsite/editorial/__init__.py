"""Editorial workflow: who may do what in a site (roles), how items are reviewed before they go public
(Wagtail workflows with a 保密审查 step), and who answers for each publication (谁发布谁负责).

Modules: ``roles`` (groups and page permissions per site or column), ``workflows`` (the standard review
workflow and where it applies), ``guards`` (page types that must go through a workflow), ``publication``
(the accountability record, withdrawals, public correction notes), ``scope`` (which pages a group's
permissions reach). Everything plugs into the admin through ``wagtail_hooks`` and into other apps' events
through ``signal_handlers``.
"""
