"""Tables out of khabar: CSV that Excel opens with Arabic intact, and Excel workbooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["write_csv", "write_xlsx"]

_SHEET = "khabar"


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and tuples (e.g. n-gram parts) as text, so every program reads the same cell."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: " ".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV with a byte-order mark (Excel then reads Arabic right)."""
    path = Path(path)
    _cells(frame).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_xlsx(frame: pd.DataFrame, path: str | Path, *, right_to_left: bool = True) -> Path:
    """Write a table as an Excel workbook (openpyxl), one sheet, right-to-left by default."""
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        _cells(frame).to_excel(writer, index=False, sheet_name=_SHEET)
        writer.sheets[_SHEET].sheet_view.rightToLeft = right_to_left
    return path
