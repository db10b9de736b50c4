# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wall time per task of a playbook run, for tests/tools/bench.py.

With the linear strategy a task runs on every host before the next starts, so a task's time
is the time from its start to the next task's start (or the end of the play). Written as
JSON to the file named by BENCH_TIMER_FILE when the playbook ends.
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: bench_timer
type: aggregate
short_description: wall time per task, for make bench
description:
  - Writes [{"task", "seconds"}] to the file named by the environment variable BENCH_TIMER_FILE.
requirements:
  - enabled in callbacks_enabled
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self._tasks = []
        self._current = None
        self._started = None

    def _close(self):
        if self._current is not None:
            self._tasks.append({'task': self._current, 'seconds': time.perf_counter() - self._started})
            self._current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self._current = task.get_name().strip()
        self._started = time.perf_counter()

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get('BENCH_TIMER_FILE')
        if path:
            with open(path, 'w', encoding='utf-8') as handle:
                json.dump(self._tasks, handle)
