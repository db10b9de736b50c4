# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Progress of a long wait: the in-process runner hands each change of status to its display
(no_log values masked), a module process drops it, and the result lists the same changes."""

from __future__ import annotations

from ansible_collections.mailstore.spe.plugins.module_utils.client import SpeResponse
from ansible_collections.mailstore.spe.plugins.module_utils.runner import TaskContext
from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import run_task

CONNECTION = dict(server='spe.example.com', username='admin', password='connection-secret')
KEY = 'Store-Encryption-Key-7'


class LongRunningClient:
    """GetStores answers one store; invoke reports these statuses, the same one twice."""

    STATUSES = [(0, 'Starting'), (25, 'Recovering %s' % KEY), (25, 'Recovering %s' % KEY), (50, 'Half'), (100, 'Done')]

    def __init__(self):
        self.sent = []

    def call(self, command, **arguments):
        self.sent.append(command)
        return [{'id': 3, 'name': 'Messages 2024', 'error': 'Cannot open.'}]

    def invoke(self, command, arguments=None, wait=True, on_progress=None, **kwargs):
        self.sent.append(command)
        for percent, text in self.STATUSES:
            on_progress(SpeResponse(status_code='running', token='t1', percent_progress=percent, status_text=text))
        final = SpeResponse(
            status_code='succeeded', token='t1', percent_progress=100, status_text='Done', log_output='ok'
        )
        on_progress(final)
        return final


def test_each_change_of_status_is_shown_once_masked_and_returned():
    shown = []
    client = LongRunningClient()
    options = dict(CONNECTION, instance_id='acme', id=3, operation='recover', encryption_key=KEY)
    result = run_task('spe_store_maintenance', options, client_factory=lambda p: client, on_progress=shown.append)
    assert not result.get('failed'), result
    assert client.sent == ['GetStores', 'RecoverStore']
    assert [line['percent'] for line in result['progress']] == [0, 25, 50, 100]
    assert len(shown) == 4 and all(line.startswith('spe_store_maintenance recover (acme): ') for line in shown)
    assert KEY not in ''.join(shown) and KEY not in str(result)
    assert result['changed'] is True and result['log_output'] == 'ok'


def test_a_module_process_has_no_progress_channel():
    ctx = TaskContext({})
    ctx.progress('dropped')  # no display, no error
    seen = []
    TaskContext({}, on_progress=seen.append).progress('shown')
    assert seen == ['shown']
