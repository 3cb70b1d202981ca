"""Public letters (领导信箱, 政务咨询, 投诉举报 …): submitted on a channel page, handled by departments
through a checked workflow, answered within working-day deadlines, published to 来信选登 with personal
data masked, and turned into the same evidence the inspection indicators read.

Where things are: ``models`` (letters, their audit trail, reminders), ``pages`` (the channel page and its
public sub-pages), ``workflow`` (the state machine), ``actions`` (performing a step: permission, audit,
deadline), ``deadlines``, ``numbering``, ``submission``, ``boilerplate`` (stock-reply guard),
``stats``/``export`` (report), ``evidence``/``alerts`` (indicators, admin home), ``reminders``/``tasks``.
"""
