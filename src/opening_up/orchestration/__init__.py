"""Dagster code location of the warehouse (`make orchestrate`; optional extra `.[orchestrate]`).

`dagster dev -m opening_up.orchestration` loads `defs`: the loaded files' raw tables and the dbt models as
assets, the
write-audit-publish refresh as a job, a sensor on the drop folder and a monthly schedule.
"""

from opening_up.orchestration.definitions import (
                                                   defs,
                                                   drop_folder_sensor,
                                                   monthly_refresh_schedule,
                                                   opening_up_dbt_assets,
                                                   refresh_job,
                                                   yearbook_files,
)

__all__ = [
    "defs",
    "drop_folder_sensor",
    "monthly_refresh_schedule",
    "opening_up_dbt_assets",
    "refresh_job",
    "yearbook_files",
]
