from dataclasses import dataclass, field


@dataclass
class Report:
    rows: list[tuple[str, float, str]] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str):
        self.rows.append((name, value, unit))

    def render(self, *, title: str) -> str:
        width = max(len(name) for name, _value, _unit in self.rows)
        lines = [title, "-" * len(title)]
        for name, value, unit in self.rows:
            whole = unit == "B" or isinstance(value, int)
            shown = f"{value:,.0f}" if whole else f"{value:.3f}"
            lines.append(f"{name.ljust(width)}  {shown:>10} {unit}")
        return "\n".join(lines)
