from django import forms
from django.utils.translation import gettext_lazy as _

from govsite.supervision.models import MonitoredSite
from govsite.supervision.rectification import DEADLINE_HELP

MAX_CSV_BYTES = 5 * 1024 * 1024


class SiteListUploadForm(forms.Form):
    csv_file = forms.FileField(
        label=_("网站名单（CSV）"), help_text=_("列：标识码、名称、网址；UTF-8 或 Excel 导出的 GBK 编码均可")
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB，请分批导入"))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("请上传 CSV 文件（在 Excel 中“另存为 CSV”）"))
        return upload


class NewBatchForm(forms.Form):
    """新建检查批次: a name, a check date and the sites (all active sites are ticked to begin with)."""

    name = forms.CharField(label=_("批次名称"), max_length=200)
    check_date = forms.DateField(
        label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("检查网站"),
        queryset=MonitoredSite.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "默认选中全部监测中的网站；未配置任务队列时检查在本页请求中逐个执行，网站较多时请耐心等待。"
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = MonitoredSite.objects.filter(active=True).order_by(
            "site_code", "name"
        )


class RectificationCreateForm(forms.Form):
    owner = forms.CharField(
        label=_("责任单位/责任人"),
        max_length=100,
        required=False,
        help_text=_("留空则为网站主办单位（未知时为网站名称）"),
    )
    deadline = forms.DateField(
        label=_("整改期限"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=DEADLINE_HELP,
    )


class RectificationNoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class BulletinForm(forms.Form):
    title = forms.CharField(label=_("通报标题"), max_length=200, required=False)
    issued = forms.DateField(
        label=_("印发日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline = forms.DateField(
        label=_("整改期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=DEADLINE_HELP,
    )
