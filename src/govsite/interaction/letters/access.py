"""Who may see a letter and who may take each step (least privilege).

- Superusers see every letter.
- Staff with page permissions on a site (``sites_for_user``) see that site's letters.
- Members of a department see the letters assigned to it, and nothing else.
Steps: assessing, assigning and reopening need ``letters.dispatch_letter``; signing, drafting and
"cannot handle" need membership of the assigned department; approving needs ``letters.review_reply``
and never by the person who drafted the reply (four eyes). Every step needs the letter to be visible.

The predicates take ``(letter, user)``, the order django-fsm passes them to a transition's permission.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govsite.cluster.access import sites_for_user

DISPATCH = "letters.dispatch_letter"
REVIEW = "letters.review_reply"


def site_ids_for(user) -> frozenset[int]:
    """Sites whose letters the user sees as site staff (memoised on the user object for the request)."""
    cached = getattr(user, "_letters_site_ids", None)
    if cached is None:
        cached = frozenset(site.pk for site in sites_for_user(user)) if user.is_authenticated else frozenset()
        user._letters_site_ids = cached
    return cached


def department_ids_for(user) -> frozenset[int]:
    """Departments the user is a member of."""
    cached = getattr(user, "_letters_department_ids", None)
    if cached is None:
        cached = (
            frozenset(user.departments.filter(is_active=True).values_list("pk", flat=True))
            if user.is_authenticated
            else frozenset()
        )
        user._letters_department_ids = cached
    return cached


def visible_letters(user, queryset: QuerySet | None = None) -> QuerySet:
    from govsite.interaction.letters.models import Letter

    queryset = Letter.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(Q(site_id__in=site_ids_for(user)) | Q(department_id__in=department_ids_for(user)))


def may_use_letters(user) -> bool:
    """Whether the letters inbox is any use to the user (the menu item and the admin views)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(site_ids_for(user)) or bool(department_ids_for(user))


def can_see(letter, user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or letter.site_id in site_ids_for(user)
        or (letter.department_id is not None and letter.department_id in department_ids_for(user))
    )


def is_handler(letter, user) -> bool:
    """A member of the department the letter is assigned to (superusers act for any department)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return letter.department_id is not None and letter.department_id in department_ids_for(user)


def can_dispatch(letter, user) -> bool:
    return can_see(letter, user) and user.has_perm(DISPATCH)


def can_handle(letter, user) -> bool:
    return is_handler(letter, user)


def can_transfer(letter, user) -> bool:
    return can_dispatch(letter, user) or is_handler(letter, user)


def can_extend(letter, user) -> bool:
    return can_dispatch(letter, user) or is_handler(letter, user)


def can_review(letter, user) -> bool:
    """Reviewers approve or return replies, but never a reply they drafted themselves."""
    drafted_by_self = letter.drafted_by_id is not None and letter.drafted_by_id == user.pk
    return can_see(letter, user) and user.has_perm(REVIEW) and not drafted_by_self


def can_moderate(letter, user) -> bool:
    """Withdrawing a published letter from 来信选登 (e.g. personal data found after publication)."""
    return can_see(letter, user) and user.has_perm(REVIEW)
