import time

from django.core.management.base import BaseCommand

from lms.org import demo

HEADER = (
    "Vai trò / Role",
    "Đăng nhập / Login",
    "Mật khẩu / Password",
    "Xem được / Can see",
)
LABELS = {
    "organisations": "Tổ chức / Organisations",
    "units": "Đơn vị / Units",
    "titles": "Chức danh / Titles",
    "people": "Cán bộ / People",
}


class Command(BaseCommand):
    help = (
        "Create the demo organisations, units, titles, people and logins. "
        "Safe to run again: only what is missing is added."
    )
    # load_demo_data passes its own rows (the site admin) to print in one table.
    stealth_options = ("extra_logins",)

    def handle(self, *args, extra_logins=(), **options):
        started = time.monotonic()
        summary = demo.build()
        seconds = time.monotonic() - started
        self.stdout.write(f"Dữ liệu demo / Demo data ({seconds:.1f} s):")
        for kind, label in LABELS.items():
            self.stdout.write(
                f"  {label:<26} {summary.totals[kind]:>4}"
                f"   (mới / new: {summary.created[kind]})"
            )
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Tài khoản demo / Demo logins"))
        self.stdout.write(table([HEADER, *extra_logins, *summary.logins]))


def table(rows) -> str:
    """Plain-text columns, the header underlined."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    ]
    rule = "-+-".join("-" * w for w in widths)
    return "\n".join(line.rstrip() for line in [lines[0], rule, *lines[1:]])
