"""Our own cluster's sites are monitored like anyone's: registered when their profile is saved."""

from django.db.models.signals import post_save


def register_own_site(sender, instance, **kwargs) -> None:
    from govsite.supervision.models import MonitoredSite

    site = instance.site
    url = f"{site.root_url}/"
    # An imported list may already hold the site under its address: adopt that record rather than clash.
    monitored = (
        MonitoredSite.objects.filter(own_site=site).first()
        or MonitoredSite.objects.filter(url=url).first()
        or MonitoredSite(url=url)
    )
    monitored.own_site = site
    monitored.url = url
    monitored.name = site.site_name or site.hostname
    monitored.site_code = instance.site_code
    monitored.save()


def connect() -> None:
    from govsite.cluster.models import SiteProfile

    post_save.connect(register_own_site, sender=SiteProfile, dispatch_uid="supervision_register_own_site")
