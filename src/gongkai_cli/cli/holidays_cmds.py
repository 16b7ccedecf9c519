"""`holidays`: a year's official holidays and 调休 make-up working days."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import HolidaysFile, ListFormatOption, Provisional, Raw, raw_for

app = GongkaiTyper()


@app.command()
def holidays(
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="The year (default: this year).", show_default=False),
    ] = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
    holidays_file: HolidaysFile = None,
    provisional: Provisional = False,
) -> None:
    """List a year's official holidays and its 调休 make-up working days.

    Example: gongkai holidays --year 2021
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.io.dates import today
    from gongkai_cli.render.workday_views import holidays_view
    from gongkai_cli.workdays.calendar import load_calendar

    calendar = load_calendar(holidays_file, provisional)
    arrangement = calendar.year(year if year is not None else today().year)
    write(holidays_view(arrangement), output, raw=raw)
