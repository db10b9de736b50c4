# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Progress of a long-running call as the user sees it: one line per change of status.

``ProgressLines`` is the ``on_progress`` callback of ``SpeClient.invoke`` / ``wait_for``: it keeps
what ``command.Progress`` keeps (the token, the last status, the log output), shows a line on the
task's progress channel (``TaskContext.progress``) each time the percentage or the status text
changes, and returns those changes for the result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.command import Progress


class ProgressLines(Progress):
    def __init__(self, ctx, label, token=None):
        super().__init__(token)
        self.ctx = ctx
        self.label = label
        self.lines = []

    def __call__(self, response):
        super().__call__(response)
        line = dict(percent=response.percent_progress, status_text=response.status_text, status=response.status_code)
        if self.lines and (self.lines[-1]['percent'], self.lines[-1]['status_text']) == (
            line['percent'],
            line['status_text'],
        ):
            return
        self.lines.append(line)
        self.ctx.progress(
            '%s: %s%% %s' % (self.label, '?' if line['percent'] is None else line['percent'], line['status_text'] or '')
        )
