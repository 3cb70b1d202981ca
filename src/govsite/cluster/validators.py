"""Django validators over the pure identifier formats in govsite.core.identifiers."""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from govsite.core import identifiers


def _validator(name: str, problem: Callable[[str], str | None]) -> Callable[[str], None]:
    def validate(value: str) -> None:
        if message := problem(value):
            raise ValidationError(message, code="invalid")

    # Migrations refer to validators by module path, so each must look like a module-level function.
    validate.__name__ = validate.__qualname__ = name
    return validate


validate_site_code = _validator("validate_site_code", identifiers.site_code_problem)
validate_icp_number = _validator("validate_icp_number", identifiers.icp_problem)
validate_police_filing_number = _validator("validate_police_filing_number", identifiers.police_filing_problem)
validate_document_number = _validator("validate_document_number", identifiers.document_number_problem)
