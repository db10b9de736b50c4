# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the benchmark's inventory: N tenants in group ``tenants``, one host_vars file each.

Every tenant has the shape the issue asks for: 2 archive stores, 20 users with folder
access, 3 jobs and SMTP settings, in the ``tenant`` variable that roles/tenant_onboarding
(playbooks/onboard.yml) and tests/tools/bench/uri_baseline.yml both read.

    python tests/tools/bench/generate.py DIR N [PYTHON]

The tenants are inventory names, never contacted: ``ansible_connection: local`` and
``ansible_python_interpreter`` = PYTHON (default: this Python), as the issue asks.
"""

from __future__ import annotations

import json
import os
import sys

STORES = 2
USERS = 20
JOBS = 3
# One password for every user and SMTP account: only set on creation, never compared.
PASSWORD = 'Bench-Initial-1'


def tenant_name(index):
    return 'bench%03d' % index


def tenant_definition(index):
    """The ``tenant`` variable of tenant number ``index`` (1-based)."""
    name = tenant_name(index)
    domain = '%s.example' % name
    stores = [
        {
            'name': 'Archive 2025',
            'database_path': 'E:\\Archive\\%s\\Archive-2025' % name,
            'requested_state': 'write_protected',
        },
        {'name': 'Archive 2026', 'database_path': 'E:\\Archive\\%s\\Archive-2026' % name, 'requested_state': 'current'},
    ][:STORES]
    users = []
    for number in range(1, USERS + 1):
        user = 'user%02d' % number
        folder_access = [{'folder': user, 'privileges': ['read', 'write']}]
        if number > 1 and number % 5 == 0:
            # every fifth user also reads the first user's archive (a team lead, say)
            folder_access.append({'folder': 'user01', 'privileges': ['read']})
        users.append(
            {
                'user_name': user,
                'full_name': 'User %02d of %s' % (number, name),
                'email_addresses': ['%s@%s' % (user, domain)],
                'privileges': ['login', 'change_password'] + (['export'] if number % 2 == 0 else []),
                'folder_access': folder_access,
                'user_password': PASSWORD,
            }
        )
    jobs = [
        {
            'name': 'Nightly store verification',
            'action': 'VerifyStores --includeIndexes=false',
            'owner': 'admin',
            'time_zone_id': 'W. Europe Standard Time',
            'schedule': {'daily': '02:30'},
        },
        {
            'name': 'Weekly folder cleanup',
            'action': 'DeleteEmptyFolders',
            'owner': 'admin',
            'time_zone_id': '$Local',
            'schedule': {'weekly': {'day': 'sunday', 'time': '23:00'}},
        },
        {
            'name': 'Hourly store check',
            'action': 'RetryOpenStores',
            'owner': 'admin',
            'time_zone_id': '$Local',
            'schedule': {'interval': 60},
        },
    ][:JOBS]
    smtp = {
        'hostname': 'mail.%s' % domain,
        'smtp_port': 587,
        'protocol': 'SMTP-TLS',
        'authentication_required': True,
        'smtp_username': 'archive@%s' % domain,
        'smtp_password': PASSWORD,
        'from_display_name': 'Archive of %s' % name,
        'from_email_address': 'archive@%s' % domain,
        'recipient_email_addresses': ['it@%s' % domain],
    }
    return {
        'instance_id': name,
        'display_name': 'Benchmark tenant %d' % index,
        'start_mode': 'automatic',
        'stores': stores,
        'users': users,
        'jobs': jobs,
        'smtp': smtp,
    }


def declared_objects(tenants):
    """Objects the definitions declare: per tenant 1 instance + stores + users + jobs + 1 SMTP."""
    return tenants * (1 + STORES + USERS + JOBS + 1)


def write_inventory(directory, tenants, python=None):
    """Write DIR/hosts.yml, DIR/group_vars/tenants.yml and DIR/host_vars/benchNNN.yml.

    YAML is a superset of JSON, so the files are written as JSON: no PyYAML needed here.
    """
    python = python or sys.executable
    os.makedirs(os.path.join(directory, 'group_vars'), exist_ok=True)
    host_vars = os.path.join(directory, 'host_vars')
    os.makedirs(host_vars, exist_ok=True)
    for stale in os.listdir(host_vars):
        os.remove(os.path.join(host_vars, stale))
    names = [tenant_name(i) for i in range(1, tenants + 1)]
    hosts = {'all': {'children': {'tenants': {'hosts': dict((n, None) for n in names)}}}}
    _write(os.path.join(directory, 'hosts.yml'), hosts)
    _write(
        os.path.join(directory, 'group_vars', 'tenants.yml'),
        {'ansible_connection': 'local', 'ansible_python_interpreter': python},
    )
    for index, name in enumerate(names, 1):
        _write(os.path.join(host_vars, name + '.yml'), {'tenant': tenant_definition(index)})
    return names


def _write(path, data):
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('---\n')
        json.dump(data, handle, indent=1, sort_keys=False)
        handle.write('\n')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: generate.py DIR N [PYTHON]')
    written = write_inventory(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
    print('%d tenants in %s' % (len(written), sys.argv[1]))
