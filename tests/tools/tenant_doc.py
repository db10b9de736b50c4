# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write spe_tenant's DOCUMENTATION from the documentation of the modules it is made of.

spe_tenant's options are spe_instance's (but ``state``) and, for each part of the tenant
(``declarations/tenant.py`` ``PARTS``), the options of that part's module as suboptions. They are
copied here so that they cannot drift from the per-object modules; references between options
(``O(user_password)``) are pointed at their new place (``O(users[].user_password)``).

    python tests/tools/tenant_doc.py          # rewrite spe_tenant's DOCUMENTATION
    python tests/tools/tenant_doc.py --check  # exit 1 when it differs (tests/unit/test_tenant_doc.py)
"""

from __future__ import annotations

import os
import re
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from registry_files import documentation  # noqa: E402  pylint: disable=wrong-import-position

MODULE = os.path.join(REPO, 'plugins', 'modules', 'spe_tenant.py')
OPTION_REF = re.compile(r'O\(([^)#=]+)((?:=[^)]*)?)\)')
RETURN_REF = re.compile(r'RV\(([^)]*)\)')
CONNECTION_OPTIONS = ('server', 'port', 'username', 'password', 'validate_certs', 'ca_path', 'timeout')

HEADER = {
    'module': 'spe_tenant',
    'short_description': 'Converge a whole tenant of MailStore SPE from its definition, in one task',
    'version_added': '1.0.0',
    'author': 'mailstore.spe contributors (@mailstore-spe)',
    'extends_documentation_fragment': ['mailstore.spe.connection', 'mailstore.spe.resource'],
    'description': [
        'Converges one tenant: its instance (created if needed, started, with service provider access), '
        'then its archive stores, users, jobs, SMTP and compliance settings, from one definition in the shape '
        'of the C(tenant) variable of the role C(mailstore.spe.tenant_onboarding).',
        'Each object is converged by the same declaration and engine as its own module '
        '(M(mailstore.spe.spe_instance), M(mailstore.spe.spe_store), M(mailstore.spe.spe_user), '
        'M(mailstore.spe.spe_job), M(mailstore.spe.spe_smtp), M(mailstore.spe.spe_compliance)): the same '
        'options, comparisons, commands, check mode and C(--diff). What a definition leaves out is not managed.',
        'Order: the instance before its contents; stores, users, jobs, then the settings; deletes '
        '(C(state=absent) entries and purges) after every create and update, jobs before users before stores.',
        'The reads of a tenant run concurrently on a small pool of kept-alive connections when the server is '
        'slow to answer (O(parallel_reads)); the writes run one after the other, in that order.',
        'A failure stops the tenant. The result names the object and the command that failed '
        '(RV(failed_object), RV(failed_command)) and lists every command the tenant applied before it '
        '(RV(commands)); a re-run converges.',
    ],
    'notes': [
        'In check mode, a tenant whose instance does not exist (or does not run yet) is predicted whole: '
        'its contents as they would be created in an empty instance, with a warning.',
        'In check mode, a change of the instance configuration that needs a restart the definition does not '
        'allow (O(allow_restart)) is reported as a change with a warning, not as a failure; a real run fails on it.',
    ],
    'seealso': [
        {'module': 'mailstore.spe.spe_instance'},
        {'module': 'mailstore.spe.spe_user'},
    ],
}

OWN_OPTIONS = {
    'purge_users': {
        'description': [
            'Whether the users of the instance that O(users) does not list are deleted (after everything else '
            'is converged). V(admin) and V($archiveadmin) are never deleted. Names compare case-insensitively.'
        ],
        'type': 'bool',
        'default': False,
    },
    'purge_jobs': {
        'description': ['Whether the jobs of the instance that O(jobs) does not list are deleted.'],
        'type': 'bool',
        'default': False,
    },
    'purge_stores': {
        'description': [
            'Whether the archive stores of the instance that O(stores) does not list, by name or ID, are '
            'detached (their data stays on disk).'
        ],
        'type': 'bool',
        'default': False,
    },
    'definition': {
        'description': [
            'The whole definition as one dictionary, in the shape of the C(tenant) variable of the role '
            'C(mailstore.spe.tenant_onboarding): its keys are the options of this module that describe the '
            'tenant (O(instance_id) and the instance options, O(stores), O(users), O(jobs), O(smtp), ...), with '
            'the same types, choices and defaults.',
            'A definition kept in a variable is best named by O(definition_var), or else passed whole, '
            'C(definition: "{{ tenant }}"): Ansible then templates it once, not once per key. The purge flags, '
            'O(parallel_reads) and the connection options stay options of their own.',
            'A key given both here and as an option, or a key that is not one of the tenant options, fails the '
            'task before any API call.',
        ],
        'type': 'dict',
    },
    'definition_var': {
        'description': [
            'The name of the variable that holds the definition (what O(definition) takes), for example '
            'V(tenant), the variable the role C(mailstore.spe.tenant_onboarding) reads. The action reads it '
            "from the task's variables (a loop's V(item) too).",
            'Cheaper than C(definition: "{{ tenant }}") for a large definition: a definition none of whose values '
            'holds a template is taken as it is, where Ansible would template and copy every value of it before '
            'the task runs (about 20 ms of CPU per task for a tenant of 27 objects). A definition with a template '
            "anywhere in it is templated whole by the task's templar, as the template would have been.",
            'Mutually exclusive with O(definition). A variable that is not defined fails the task before any API call.',
        ],
        'type': 'str',
    },
    'parallel_reads': {
        'description': [
            'How many reads of the tenant run at most at once, each worker on its own kept-alive connection '
            '(V(1) to V(16)). V(1) reads one object after the other.',
            "The reads start one after the other on the task's own connection; the other connections open only "
            'once the reads so far took 10 ms or more on average (a server far away, or busy). Against a server '
            'that answers faster, a new connection (a TLS handshake on both ends) costs more than it saves.',
            'Writes always run one after the other, in dependency order.',
        ],
        'type': 'int',
        'default': 4,
    },
}


def flag_variable_option(flag):
    """The documentation of ``<flag>_var``: the variable that holds a purge flag, read by the action."""
    return {
        'description': [
            'The name of the variable that holds O(%s), for example V(tenant_%s), the variable the role '
            "C(mailstore.spe.tenant_onboarding) reads. The action reads it from the task's variables, and "
            'templates it only when it holds a template.' % (flag, flag),
            'Cheaper than C(%s: "{{ tenant_%s }}") in a task run for many tenants: a template in a task has '
            'every worker set up Jinja (about 8 ms of CPU per task).' % (flag, flag),
            'Mutually exclusive with O(%s). A variable that is not defined fails the task before any API call.' % flag,
        ],
        'type': 'str',
    }


PART_DESCRIPTIONS = {
    'stores': "The instance's archive stores: each item takes the options of M(mailstore.spe.spe_store).",
    'users': "The instance's users: each item takes the options of M(mailstore.spe.spe_user).",
    'jobs': "The instance's jobs: each item takes the options of M(mailstore.spe.spe_job).",
    'smtp': "The instance's SMTP settings: the options of M(mailstore.spe.spe_smtp).",
    'compliance': "The instance's compliance settings: the options of M(mailstore.spe.spe_compliance).",
    'directory_services': "The instance's directory services: the options of M(mailstore.spe.spe_directory_services).",
    'store_auto_create': 'Where new archive stores are created: the options of M(mailstore.spe.spe_store_auto_create).',
    'search_index': "The instance's search index settings: the options of M(mailstore.spe.spe_search_index).",
    'profiles': "The instance's archiving and export profiles: each item takes the options of M(mailstore.spe.spe_profile).",
}


def fragment_options(name):
    module = __import__('ansible_collections.mailstore.spe.plugins.doc_fragments.' + name, fromlist=['x'])
    return yaml.safe_load(module.ModuleDocFragment.DOCUMENTATION).get('options', {})


def repoint(text, names, prefix):
    """O(x) of the module being copied -> O(prefix x) here; an option that is not here -> C(x); RV() -> C()."""

    def option(match):
        name, value = match.group(1), match.group(2)
        if name in CONNECTION_OPTIONS:
            return match.group(0)
        if name in names:
            return 'O(%s%s%s)' % (prefix, name, value)
        return 'C(%s%s)' % (name, value)

    return RETURN_REF.sub(lambda m: 'C(%s)' % m.group(1), OPTION_REF.sub(option, text))


def repointed(options, names, prefix):
    result = {}
    for key, value in options.items():
        if isinstance(value, dict):
            result[key] = repointed(value, names, prefix)
        elif isinstance(value, list):
            result[key] = [repoint(v, names, prefix) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str) and key == 'description':
            result[key] = repoint(value, names, prefix)
        else:
            result[key] = value
    return result


def module_options(module, left_out=()):
    """A module's documented options (with the state fragment's), but instance_id and ``left_out``."""
    doc = documentation(module)
    options = dict(doc.get('options', {}))
    if 'mailstore.spe.state' in doc.get('extends_documentation_fragment', []):
        options.update(fragment_options('state'))
    return {k: v for k, v in options.items() if k not in ('instance_id',) + tuple(left_out)}


def tenant_options():
    sys.path.insert(0, os.path.join(REPO, '.cache', 'collections'))
    from ansible_collections.mailstore.spe.plugins.module_utils.declarations.tenant import PARTS, PURGES
    from ansible_collections.mailstore.spe.plugins.module_utils.runner import VARIABLE_SUFFIX

    instance = module_options('spe_instance', left_out=('state',))
    instance = dict(instance, instance_id=documentation('spe_instance')['options']['instance_id'])
    options = repointed(instance, set(instance), '')
    options['service_provider_access'] = dict(
        options['service_provider_access'],
        default=True,
        description=['Whether the service provider has archive admin access to the instance.']
        + ["The tenant's contents can only be managed with it: it is on unless the definition says otherwise."],
    )
    for part in PARTS:
        suboptions = module_options(part.declaration.module, left_out=part.left_out)
        prefix = part.key + ('[].' if part.many else '.')
        entry = {'description': [PART_DESCRIPTIONS[part.key]], 'type': 'list' if part.many else 'dict'}
        if part.many:
            entry['elements'] = 'dict'
        entry['suboptions'] = repointed(suboptions, set(suboptions), prefix)
        options[part.key] = entry
    options.update(OWN_OPTIONS)
    options.update((purge.flag + VARIABLE_SUFFIX, flag_variable_option(purge.flag)) for purge in PURGES)
    return dict(sorted(options.items()))


def generated():
    doc = dict(HEADER, options=tenant_options())
    return '\n' + yaml.safe_dump(doc, sort_keys=False, width=110, default_flow_style=False)


def rewritten(text):
    start = text.index('DOCUMENTATION = r"""') + len('DOCUMENTATION = r"""')
    end = text.index('"""', start)
    return text[:start] + generated() + text[end:]


def main(argv):
    with open(MODULE, encoding='utf-8') as handle:
        text = handle.read()
    new = rewritten(text)
    if new == text:
        return 0
    if '--check' in argv:
        print('%s differs from what tests/tools/tenant_doc.py writes; run it' % os.path.relpath(MODULE, REPO))
        return 1
    with open(MODULE, 'w', encoding='utf-8') as handle:
        handle.write(new)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
