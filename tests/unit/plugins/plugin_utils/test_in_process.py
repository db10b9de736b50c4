# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Task arguments reach validation as plain data, as a module process would receive them."""

from __future__ import annotations

import pytest

from ansible_collections.mailstore.spe.plugins.plugin_utils.in_process import plain_data

datatag = pytest.importorskip(
    'ansible.module_utils._internal._datatag', reason='tagged values exist from ansible-core 2.19'
)
tags = pytest.importorskip('ansible._internal._datatag._tags')


def tagged(value):
    return datatag.AnsibleTagHelper.tag(value, [tags.Origin(path='/inventory/host_vars/acme.yml', line_num=3)])


def test_tagged_values_become_the_built_in_types_with_the_same_values():
    args = {
        tagged('user_name'): tagged('alice'),
        'port': tagged(8474),
        'ratio': tagged(0.5),
        'enabled': True,
        'privileges': (tagged('login'), 'export'),
        'folder_access': [{'folder': tagged('alice')}],
        'none': None,
    }
    assert [type(args['port'])] != [int]  # the premise: ansible-core hands over subclasses

    plain = plain_data(args)

    assert plain == {
        'user_name': 'alice',
        'port': 8474,
        'ratio': 0.5,
        'enabled': True,
        'privileges': ['login', 'export'],
        'folder_access': [{'folder': 'alice'}],
        'none': None,
    }
    assert [type(key) for key in plain] == [str] * len(plain)
    assert (type(plain['user_name']), type(plain['port']), type(plain['ratio']), type(plain['enabled'])) == (
        str,
        int,
        float,
        bool,
    )
    assert [type(plain['privileges'][0]), type(plain['folder_access'][0]['folder'])] == [str, str]


def test_booleans_stay_booleans():
    assert plain_data([True, False]) == [True, False]
    assert [type(v) for v in plain_data([True, False, 1])] == [bool, bool, int]
