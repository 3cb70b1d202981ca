import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from govsite.cluster.models import SiteKind, SiteLevel, SiteProfile, site_tree


def profile_for(home, **fields) -> SiteProfile:
    site = Site.objects.create(hostname=fields.pop("hostname", "city.localhost"), root_page=home)
    values = {
        "site": site,
        "level": SiteLevel.CITY,
        "kind": SiteKind.PORTAL,
        "site_code": "4301000001",
        "sponsor": "云川市人民政府办公室",
    }
    values.update(fields)
    return SiteProfile(**values)


def test_bad_site_code_is_refused_in_chinese(home):
    profile = profile_for(home, site_code="12345")
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "网站标识码应为10位" in str(error.value.message_dict["site_code"])


def test_bad_filing_numbers_are_refused_in_chinese(home):
    profile = profile_for(home, icp_number="ICP 123", police_filing_number="公安 1")
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "ICP备案号格式" in str(error.value.message_dict["icp_number"])
    assert "公安机关备案号格式" in str(error.value.message_dict["police_filing_number"])


def test_site_code_is_unique(home):
    province = home.get_site().profile
    profile = profile_for(home, site_code=province.site_code)
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "site_code" in error.value.message_dict


def test_parent_cannot_be_a_descendant(home):
    province = home.get_site().profile
    city = profile_for(home, parent=province)
    city.full_clean()
    city.save()
    province.parent = city
    with pytest.raises(ValidationError) as error:
        province.full_clean()
    assert "上级网站不能是本网站或其下级网站" in str(error.value.message_dict["parent"])


def test_site_tree_orders_depth_first(home):
    province = home.get_site().profile
    city = profile_for(home, parent=province)
    city.save()
    county = profile_for(
        home,
        hostname="county.localhost",
        level=SiteLevel.COUNTY,
        site_code="4301010001",
        parent=city,
        sponsor="青山县人民政府办公室",
    )
    county.save()
    dept = profile_for(
        home,
        hostname="dept.localhost",
        level=SiteLevel.PROVINCE,
        kind=SiteKind.DEPARTMENT,
        site_code="4300000002",
        parent=province,
        sponsor="西地省教育厅",
        sort_order=9,
    )
    dept.save()
    rows = site_tree(list(SiteProfile.objects.all()))
    assert [(p.site_code, depth) for p, depth in rows] == [
        ("4300000001", 0),
        ("4301000001", 1),
        ("4301010001", 2),
        ("4300000002", 1),
    ]
    assert county.ancestors() == [province, city]


def test_footer_shows_the_site_identity(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "主办单位：西地省人民政府办公厅",
        "网站标识码：4300000001",
        "湘ICP备05000001号",
        "湘公网安备43010002000001号",
        'name="SiteIDCode" content="4300000001"',
    ):
        assert text in html


def test_site_tree_admin_view(admin_client, home):
    response = admin_client.get("/admin/cluster/tree/")
    assert response.status_code == 200
    assert "西地省人民政府门户网站" in response.content.decode()
    assert "4300000001" in response.content.decode()
