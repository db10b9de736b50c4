# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""S52: the async-duration hook sets how long the operations started after it take."""

from _client import decode


def test_operations_started_after_the_hook_take_the_new_duration(api, acme):
    assert api.hook('POST', 'async-duration', {'seconds': 30}) == (200, {'seconds': 30.0})
    running = api.call('MaintainFileSystemDatabases', instanceID=acme)
    # A long poll of 0.5 s (more than the fixture's whole 0.2 s duration) brings no news.
    status = api.post(
        '/api/get-status', data={'token': running['token'], 'lastKnownStatusVersion': 1, 'millisecondsTimeout': 500}
    )
    assert decode(status)['statusCode'] == 'running' and decode(status)['statusVersion'] == 1
    assert api.post('/api/cancel-async', data={'token': running['token']}).status_code == 200
    assert api.hook('POST', 'async-duration', {'seconds': 0.2})[0] == 200
    final = api.run('MaintainFileSystemDatabases', instanceID=acme)
    assert final['statusCode'] == 'succeeded'


def test_the_hook_refuses_what_is_not_a_duration(api, acme):
    for body in (None, {}, {'seconds': 0}, {'seconds': -1}, {'seconds': 601}, {'seconds': True}, {'seconds': '3'}):
        assert api.hook('POST', 'async-duration', body)[0] == 400, body
