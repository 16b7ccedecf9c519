"""`holidays`: a year's official holidays and 调休 make-up working days."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.options import Format, HolidaysFile, ListFormat

app = typer.Typer()


@app.command()
def holidays(
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="The year (default: this year).", show_default=False),
    ] = None,
    output: Format = ListFormat.table,
    holidays_file: HolidaysFile = None,
) -> None:
    """List a year's official holidays and its 调休 make-up working days.

    Example: gongkai holidays --year 2021
    """
    from gongkai_cli import render
    from gongkai_cli.io.dates import today
    from gongkai_cli.workdays.calendar import load_calendar

    calendar = load_calendar(holidays_file)
    arrangement = calendar.year(year if year is not None else today().year)
    runs = [
        {
            "name": run.name,
            "first": run.first.isoformat(),
            "last": run.last.isoformat(),
            "days": run.days,
        }
        for run in arrangement.holidays
    ]
    makeup = [
        {"date": day.date.isoformat(), "weekday": day.weekday_zh, "name": day.name}
        for day in arrangement.makeup_workdays
    ]
    if output is ListFormat.json:
        render.emit_json(
            {
                "year": arrangement.year,
                "source": arrangement.source,
                "holidays": runs,
                "makeup_workdays": makeup,
            }
        )
        return
    if output is ListFormat.csv:
        render.emit_csv(
            ["kind", "name", "first", "last", "days"],
            [{"kind": "holiday", **run} for run in runs]
            + [
                {
                    "kind": "makeup_workday",
                    "name": day["name"],
                    "first": day["date"],
                    "last": day["date"],
                    "days": 1,
                }
                for day in makeup
            ],
        )
        return
    rows = [
        {
            "kind": "放假",
            "name": run.name,
            "dates": f"{run.first} 至 {run.last}" if run.days > 1 else f"{run.first}",
            "days": run.days,
        }
        for run in arrangement.holidays
    ] + [
        {"kind": "调休上班", "name": day.name, "dates": f"{day.date} ({day.weekday_zh})", "days": 1}
        for day in arrangement.makeup_workdays
    ]
    render.emit_table(
        [
            render.Column("类型", "kind"),
            render.Column("节日", "name"),
            render.Column("日期", "dates"),
            render.Column("天数", "days", justify="right"),
        ],
        rows,
        title=f"{arrangement.year}年 节假日安排",
        caption=f"来源: {arrangement.source}",
    )
