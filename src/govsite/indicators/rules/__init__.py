"""One module per indicator; each is a function from evidence (and a rule set) to findings.

Every module has ``RULE`` (the stable code findings carry) and ``rule(site, today, ruleset)``.
Veto rules: `site_unreachable`, `homepage_not_updated`, `columns`, `security_serious_error`,
`poor_interaction`, `services_not_practical`. Deduction items: `homepage_availability`,
`broken_links`, `homepage_update_volume`, `slow_answers`, `service_guides_incomplete`,
`dead_attachments`, `dead_online_systems`, `twin_articles`. Warnings: `improper_content`,
`metadata_inaccurate`. `verdict.evaluate` runs them all.
"""
