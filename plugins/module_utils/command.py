# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ``mailstore.spe.spe_command``: send any Management API command.

Read-only commands (``spe_api.is_read_command``) run in check mode too and never report a
change; any other command reports a change and is not sent in check mode.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec
from ansible_collections.mailstore.spe.plugins.module_utils.spe_api import is_read_command

ARGUMENT_SPEC = dict(
    command=dict(type='str', required=True),
    arguments=dict(type='dict', default={}),
    wait=dict(type='bool', default=True),
    wait_timeout=dict(type='int', default=300),
    cancel_on_timeout=dict(type='bool', default=False),
)


def run(ctx):
    params = ctx.params
    command = params['command']
    read = is_read_command(command)
    if ctx.check_mode and not read:
        return dict(changed=True, msg='check mode: %s not sent' % command)
    try:
        response = ctx.client.invoke(
            command,
            params.get('arguments') or {},
            wait=params['wait'],
            wait_timeout=params['wait_timeout'],
            cancel_on_timeout=params['cancel_on_timeout'],
        )
    except SpeApiError as exc:
        # A write that timed out was accepted and may still change things: report it as changed.
        raise SpeModuleError(
            '%s failed: %s' % (command, exc.describe(with_command=False)),
            error=exc.to_dict(),
            changed=(not read and exc.kind == 'timeout'),
        ) from exc
    except ValueError as exc:  # an argument that cannot be encoded
        raise SpeModuleError('%s not sent: %s' % (command, exc)) from exc
    result = dict(
        changed=not read,
        result=response.result,
        log_output=response.log_output,
        status=response.status_code,
    )
    if not params['wait']:
        result['token'] = response.token
    return result


SPE_COMMAND = ModuleSpec(ARGUMENT_SPEC, run)
