from govsite.editorial.models.records import CorrectionNote, PublicationRecord, Withdrawal
from govsite.editorial.models.roles import EditorialRole, Role
from govsite.editorial.models.tasks import (
    CONFIDENTIALITY_STATEMENT,
    ConfidentialityReviewTask,
    EditorialTaskState,
    ReviewTask,
    person_label,
)

__all__ = [
    "CONFIDENTIALITY_STATEMENT",
    "ConfidentialityReviewTask",
    "CorrectionNote",
    "EditorialRole",
    "EditorialTaskState",
    "PublicationRecord",
    "ReviewTask",
    "Role",
    "Withdrawal",
    "person_label",
]
