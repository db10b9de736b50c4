# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The comparison and reporting rules of the tenant configuration declarations, and a step's answer."""

from __future__ import annotations

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.directory_services import (
    sync_does_something,
    sync_report,
)
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.profile import (
    deep_merge,
    differences,
    masked,
    null_passwords,
    without_passwords,
)
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.search_index import file_type_set
from ansible_collections.mailstore.spe.plugins.module_utils.declarations.store_auto_create import size_in_bytes
from ansible_collections.mailstore.spe.plugins.module_utils.engine import SECRET_MASK, Step


def test_sizes_compare_by_value_and_empty_means_off():
    assert size_in_bytes('50GB') == size_in_bytes('51200 MB') == size_in_bytes('50 gb')
    assert size_in_bytes('50GB') != size_in_bytes('50MB')
    assert size_in_bytes('') == size_in_bytes(None) == ''


def test_file_types_compare_as_extensions():
    assert file_type_set(['.PDF', 'docx', 'pdf']) == file_type_set(['docx', 'pdf']) == ['docx', 'pdf']


def test_sync_report_in_option_names_and_whether_it_does_something():
    report = sync_report({'dryRun': True, 'usersAdded': ['a'], 'usersUpdated': [], 'usersDeleted': None}, True)
    assert report == {'dry_run': True, 'users_added': ['a'], 'users_updated': [], 'users_deleted': []}
    assert sync_does_something(report) and not sync_does_something(sync_report(None, False))


def test_profile_properties_merge_compare_and_mask():
    current = {'type': 'archive', 'details': {'server': 'a', 'userName': 'u', 'password': None}}
    after = deep_merge(current, {'details': {'server': 'b'}})
    assert after == {'type': 'archive', 'details': {'server': 'b', 'userName': 'u', 'password': None}}
    assert differences(without_passwords(current), without_passwords(after)) == ['details.server']
    assert without_passwords(current) == without_passwords(deep_merge(current, {'details': {'password': 'x'}}))
    assert masked({'details': {'password': 'x', 'other': None}}) == {
        'details': {'password': SECRET_MASK, 'other': None}
    }
    assert null_passwords(after) == ['details.password'] and null_passwords({'password': SECRET_MASK}) == ['password']


class Client:
    def __init__(self):
        self.sent = []

    def call(self, command, **arguments):
        self.sent.append(('call', command, arguments))
        return {'from': 'call'}

    def invoke(self, command, arguments=None, wait_timeout=300, **_kwargs):
        self.sent.append(('invoke', command, wait_timeout))

        class Response:
            result = {'from': 'invoke'}

        return Response()


def test_a_step_keeps_its_answer_and_waits_as_long_as_it_says():
    client = Client()
    plain = Step('SetX', {'instanceID': 'acme', 'id': lambda change: 7})
    assert plain.send(client, None) == {'from': 'call'} and plain.answer == {'from': 'call'}
    assert client.sent[-1] == ('call', 'SetX', {'instanceID': 'acme', 'id': 7})
    long_running = Step('RunProfile', {'id': 1}, wait_timeout=42)
    long_running.send(client, None)
    assert long_running.answer == {'from': 'invoke'} and client.sent[-1] == ('invoke', 'RunProfile', 42)
