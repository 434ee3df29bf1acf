from django.dispatch import Signal

#: A person changed unit or title. Arguments: ``person`` (Person, already
#: saved), ``previous_unit`` (Unit), ``since`` (date the change took effect).
person_moved = Signal()
