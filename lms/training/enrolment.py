"""Places in a class: staff enrolment, applications approved by the
learner's unit manager, capacity and the waiting list.

Every change of places happens with the class row locked, so two requests
can never give out the same last seat, and a freed seat goes to the first
learner waiting. An enrolled member is enrolled in the course in
lms.progress with the class as their cohort (its sessions count for them).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.org import api as org
from lms.progress import api as progress

from . import messages
from .data import ClassStatus, MemberSource, MemberStatus
from .errors import TrainingError
from .models import ClassMember, TrainingClass

APPROVE_PERMISSION = "training.approve_classmember"


@dataclass(frozen=True)
class EnrolmentReport:
    enrolled: int
    waitlisted: int
    unchanged: int  # already enrolled, waiting or awaiting approval


def _locked(training_class) -> TrainingClass:
    return TrainingClass.objects.select_for_update().get(pk=training_class.pk)


def free_seats(training_class) -> int | None:
    """Seats left (None for a class without a limit)."""
    if training_class.capacity is None:
        return None
    taken = training_class.members.filter(status=MemberStatus.ENROLLED).count()
    return max(0, training_class.capacity - taken)


def _seat(training_class, member, now) -> None:
    """Enrol ``member`` if a seat is free, else put them at the end of the
    waiting list (a learner already waiting keeps their place)."""
    seats = free_seats(training_class)
    if seats is None or seats > 0:
        member.status = MemberStatus.ENROLLED
        member.waitlisted_at = None
        member.save()
        progress.enrol(
            user=member.user,
            course=training_class.course,
            source="class",
            cohort=training_class.cohort,
        )
    else:
        member.status = MemberStatus.WAITLISTED
        member.waitlisted_at = member.waitlisted_at or now
        member.save()


def enrol_people(*, training_class, users, by, source=MemberSource.STAFF):
    """Give each of ``users`` a place (or a place on the waiting list when
    the class is full), in the order given. Learners who already hold a
    place, or await approval, are left as they are; withdrawn or declined
    ones come back. Returns an EnrolmentReport."""
    counts = {MemberStatus.ENROLLED: 0, MemberStatus.WAITLISTED: 0}
    unchanged = 0
    with transaction.atomic():
        locked = _locked(training_class)
        now = timezone.now()
        for user in users:
            member, created = ClassMember.objects.get_or_create(
                training_class=locked,
                user=user,
                defaults={"status": MemberStatus.PENDING, "source": source},
            )
            if not created and member.status in MemberStatus.holding_a_place():
                unchanged += 1
                continue
            member.source, member.decided_by, member.decided_at = source, by, now
            _seat(locked, member, now)
            counts[member.status] += 1
    return EnrolmentReport(
        counts[MemberStatus.ENROLLED], counts[MemberStatus.WAITLISTED], unchanged
    )


def may_apply(training_class, person) -> bool:
    """Open to cadres of the organising unit, the partner units and the
    units below them."""
    if person is None:
        return False
    roots = [training_class.organiser, *training_class.partners.all()]
    return any(person.unit.path.startswith(root.path) for root in roots)


def _check_application(training_class, person):
    today = timezone.localdate()
    if (
        training_class.status != ClassStatus.PUBLISHED
        or not training_class.accepts_applications
    ):
        raise TrainingError(_("This class does not take applications."))
    closes = training_class.applications_close_on or training_class.ends_on
    if today > closes:
        raise TrainingError(_("Applications for this class are closed."))
    if not may_apply(training_class, person):
        raise TrainingError(
            _("This class is for cadres of %(units)s.")
            % {"units": ", ".join(str(u) for u in _units_served(training_class))}
        )


def _units_served(training_class):
    return [training_class.organiser, *training_class.partners.all()]


def apply(*, training_class, user, note: str = "") -> ClassMember:
    """The learner asks for a place. Their application waits for the
    approval of the manager of their unit (the nearest unit up the tree
    with a manager who may approve), who is notified. Raises TrainingError
    when the class takes no applications, they closed, the learner is not
    of the units it serves, or the learner already holds a place."""
    person = org.person_for_user(user)
    _check_application(training_class, person)
    with transaction.atomic():
        locked = _locked(training_class)
        member, created = ClassMember.objects.get_or_create(
            training_class=locked,
            user=user,
            defaults={
                "status": MemberStatus.PENDING,
                "source": MemberSource.APPLICATION,
                "note": note[:2000],
            },
        )
        if not created:
            if member.status in MemberStatus.holding_a_place():
                raise TrainingError(_("You have already applied for this class."))
            member.status, member.source = (
                MemberStatus.PENDING,
                MemberSource.APPLICATION,
            )
            member.note, member.decided_by = note[:2000], None
            member.decided_at = timezone.now()  # dates this application
            member.save()
        approvers = org.nearest_managers(person.unit, permission=APPROVE_PERMISSION)
        transaction.on_commit(lambda: messages.application_received(member, approvers))
    return member


def may_decide(user, member) -> bool:
    """Whether ``user`` may approve or decline ``member``'s application: the
    permission, and the learner among the people of their units."""
    if not user.has_perm(APPROVE_PERMISSION):
        return False
    scope = org.people_visible_to(user)
    return scope.filter(user_id=member.user_id).exists()


def _decide(member, by):
    if not may_decide(by, member):
        raise TrainingError(_("You may not decide on this application."))
    locked = _locked(member.training_class)
    member = ClassMember.objects.select_for_update().get(pk=member.pk)
    if member.status != MemberStatus.PENDING:
        raise TrainingError(_("This application has already been decided."))
    member.decided_by, member.decided_at = by, timezone.now()
    return locked, member


def approve(*, member, by) -> ClassMember:
    """Approve an application: a seat if one is free, else the waiting
    list. The learner is notified."""
    with transaction.atomic():
        locked, member = _decide(member, by)
        _seat(locked, member, member.decided_at)
        transaction.on_commit(lambda: messages.place_decided(member))
    return member


def decline(*, member, by, reason: str = "") -> ClassMember:
    """Decline an application, with the reason the learner is told."""
    with transaction.atomic():
        _locked_class, member = _decide(member, by)
        member.status, member.note = MemberStatus.REJECTED, reason[:2000]
        member.save()
        transaction.on_commit(lambda: messages.place_decided(member))
    return member


def withdraw(*, member) -> list[ClassMember]:
    """Take the member out of the class (and of its course in lms.progress,
    their progress kept). A seat they freed goes to the first learner on
    the waiting list; returns the members so given a seat."""
    with transaction.atomic():
        locked = _locked(member.training_class)
        member = ClassMember.objects.select_for_update().get(pk=member.pk)
        if member.status == MemberStatus.WITHDRAWN:
            return []
        was_enrolled = member.status == MemberStatus.ENROLLED
        member.status, member.waitlisted_at = MemberStatus.WITHDRAWN, None
        member.save()
        if was_enrolled:
            progress.withdraw(user=member.user, course=locked.course)
        return _fill_seats(locked)


def fill_seats(training_class) -> list[ClassMember]:
    """Give free seats to the waiting list, first come first served (after
    the capacity was raised); returns the members given a seat."""
    with transaction.atomic():
        return _fill_seats(_locked(training_class))


def _fill_seats(locked) -> list[ClassMember]:
    waiting = locked.members.filter(status=MemberStatus.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )
    seats = free_seats(locked)
    promoted = list(waiting if seats is None else waiting[:seats])
    now = timezone.now()
    for member in promoted:
        member.decided_at = now
        _seat(locked, member, now)
        transaction.on_commit(lambda m=member: messages.place_decided(m))
    return promoted
