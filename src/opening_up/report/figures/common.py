"""What every figure of the report shares: the reader, the figure record, HTML tables and the
entity filters of the provenance counts."""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
import pandas as pd

from opening_up.report.provenance import InputCount, classify

Reader = Callable[..., pd.DataFrame]  # (sql, params=None) -> DataFrame

YANGTZE_PROVINCES = "select region_code from marts.dim_region where is_yangtze_belt"
LAND_BORDER_PROVINCES = "select region_code from marts.dim_region where is_land_border"
EVALUATION_UNITS = "select port_code from marts.dim_port where is_evaluation_unit"
CLUSTER_PORTS = "select port_code from marts.dim_port where cluster_code is not null"
CLUSTER_PREFECTURES = "select prefecture_code from marts.dim_port where cluster_code is not null"


def figure(figure_id: str, paper: str, title_en: str, title_zh: str, caption: str,
           inputs: list[InputCount], body: str, kind: str = "chart") -> dict[str, object]:
    """A figure record; provenance is classified from the inputs."""
    return {"id": figure_id, "paper": paper, "title_en": title_en, "title_zh": title_zh,
            "caption": caption, "provenance": classify(inputs), "body": body, "kind": kind}


def mart_rows(label: str, frame: pd.DataFrame) -> InputCount:
    """Rows of a mart that carries is_sample, counted as inputs."""
    return InputCount(label, len(frame), int(frame.is_sample.fillna(False).astype(bool).sum()))


def html_table(
    frame: pd.DataFrame, table_id: str, row_class: Callable[[pd.Series], str] | None = None
) -> str:
    """frame as an escaped HTML table; row_class gives each row a CSS class."""
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = "".join(f"<td>{html.escape(format_cell(value))}</td>" for value in row)
        css = f' class="{row_class(row)}"' if row_class else ""
        rows.append(f"<tr{css}>{cells}</tr>")
    return (f'<table id="{table_id}" class="data"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def footnoted(frame: pd.DataFrame, columns: list[str], notes: list[str]) -> pd.DataFrame:
    """frame with each text of `columns` replaced by its number in `notes` ([1], [2] …), new texts
    appended to `notes`: a warning repeated on every row, or in several tables, is read once
    (notes_list)."""
    frame = frame.copy()
    for column in columns:
        texts = [value if isinstance(value, str) and value.strip() else "" for value in frame[column]]
        notes += [text for text in dict.fromkeys(texts) if text and text not in notes]
        frame[column] = [f"[{notes.index(text) + 1}]" if text else "" for text in texts]
    return frame


def notes_list(notes: list[str]) -> str:
    """The notes of footnoted as a numbered HTML list, each once."""
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f'<ol class="notes">{items}</ol>' if notes else ""


def format_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.3e}"
    return str(value)
