# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``ansible-playbook`` with cProfile in every worker process, for the bench's profile section.

    BENCH_PROFILE_DIR=DIR python tests/tools/bench/profiled_playbook.py -i INVENTORY PLAYBOOK ...

ansible-core forks one worker process per task and host; each worker runs ``TaskExecutor``
(templating, the action plugin, for us the whole module) and sends the result back. This
profiles ``TaskExecutor.run`` in each worker, which writes DIR/worker-<pid>.prof,
``bench.py`` adds the worker files up with ``pstats``. The controller process itself is
not profiled here (a profiler inherited through fork would distort the workers).
"""

from __future__ import annotations

import cProfile
import os
import sys

from ansible.executor.process import worker

PROFILE_DIR = os.environ['BENCH_PROFILE_DIR']


class ProfiledTaskExecutor(worker.TaskExecutor):
    """TaskExecutor whose run() is profiled; the profile is written before the result is sent
    (a worker may be ended as soon as the controller has its result)."""

    def run(self):
        profile = cProfile.Profile()
        profile.enable()
        try:
            return super().run()
        finally:
            profile.disable()
            profile.dump_stats(os.path.join(PROFILE_DIR, 'worker-%d.prof' % os.getpid()))


def main():
    worker.TaskExecutor = ProfiledTaskExecutor
    from ansible.cli.playbook import main as playbook_main

    sys.argv[0] = 'ansible-playbook'
    playbook_main()


if __name__ == '__main__':
    main()
