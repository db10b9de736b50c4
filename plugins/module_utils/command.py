# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ``mailstore.spe.spe_command``: send any Management API command.

Read-only commands (``spe_api.is_read_command``) run in check mode too and never report a
change; any other command reports a change and is not sent in check mode.

Four ways to use it, chosen by the options given:

- ``command`` (a Management API command): invoke it, following a long-running one to its end;
- ``command`` = ``get-status`` / ``cancel-async`` / ``get-metadata``: the low-level call itself,
  with its own arguments (``token``, ``lastKnownStatusVersion``, ``millisecondsTimeout``);
- ``token``: follow a call accepted earlier (``wait: false``) until it ends;
- ``token`` with ``cancel: true``: ask the server to cancel it.

The truth about writes: a write whose answer never came, or that was accepted and then lost
while waiting, may have been applied. It is reported as ``changed`` and listed in
``commands_uncertain``; once accepted, its ``token`` is returned so the wait can be resumed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils import spe_api
from ansible_collections.mailstore.spe.plugins.module_utils.connection import check_connection
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError, SpeModuleError
from ansible_collections.mailstore.spe.plugins.module_utils.runner import ModuleSpec

ARGUMENT_SPEC = dict(
    command=dict(type='str'),
    arguments=dict(type='dict', default={}),
    token=dict(type='str', no_log=False),
    cancel=dict(type='bool', default=False),
    wait=dict(type='bool', default=True),
    wait_timeout=dict(type='int', default=300),
    cancel_on_timeout=dict(type='bool', default=False),
)
MUTUALLY_EXCLUSIVE = [['command', 'token']]
REQUIRED_ONE_OF = [['command', 'token']]

# What the last status of a call said, returned on success and failure alike.
PROGRESS_KEYS = (
    ('percent_progress', 'percent_progress'),
    ('status_text', 'status_text'),
    ('log_output', 'log_output'),
)


class Progress:
    """The ``on_progress`` callback: remembers the token and the last status seen."""

    def __init__(self, token=None):
        self.token = token
        self.last = None
        self.log_output = None

    def __call__(self, response):
        self.token = self.token or response.token
        self.last = response
        self.log_output = response.log_output or self.log_output  # a final answer may come without the log

    @property
    def accepted(self):
        """The server took the call and runs it asynchronously: from here on it may change things."""
        return self.token is not None

    def fields(self):
        if self.last is None:
            return {}
        values = dict((key, getattr(self.last, attribute)) for key, attribute in PROGRESS_KEYS)
        values['log_output'] = self.log_output
        return values


# --- validation: before any API call ---------------------------------------------------------


def problems(params):
    """Every reason the task cannot run, each naming its option; [] when it can."""
    found = check_connection(params)
    command, token = params.get('command'), params.get('token')
    if command is not None and not command.strip():
        found.append('command: must not be empty')
    if token is not None and not token.strip():
        found.append('token: must not be empty')
    if params.get('cancel') and token is None:
        found.append('cancel: needs token (the token of the call to cancel)')
    if params.get('wait_timeout') is not None and params['wait_timeout'] < 0:
        found.append('wait_timeout: %s is negative' % params['wait_timeout'])
    if command in LOW_LEVEL:
        required = LOW_LEVEL[command][1]
        missing = [name for name in required if (params.get('arguments') or {}).get(name) in (None, '')]
        if missing:
            found.append('arguments: %s needs %s' % (command, ', '.join(missing)))
    try:
        spe_api.encode_arguments(params.get('arguments'))
    except ValueError as exc:
        found.append('arguments: %s' % exc)
    return found


# --- the four ways -----------------------------------------------------------------------------


def invoke(ctx):
    params = ctx.params
    command = params['command']
    read = spe_api.is_read_command(command)
    if ctx.check_mode and not read:
        return dict(changed=True, msg='check mode: %s not sent' % command)
    progress = Progress()
    try:
        response = ctx.client.invoke(
            command,
            params.get('arguments') or {},
            wait=params['wait'],
            wait_timeout=params['wait_timeout'],
            cancel_on_timeout=params['cancel_on_timeout'],
            on_progress=progress,
        )
    except SpeApiError as exc:
        raise failure(command, exc, progress, read) from exc
    result = dict(changed=not read, **response_fields(response))
    result['log_output'] = response.log_output or progress.log_output
    if not params['wait']:
        result['token'] = response.token
    return result


def failure(command, exc, progress, read):
    """The SpeModuleError for a failed call: what is known about what the server did."""
    token = exc.token or progress.token
    reason = exc.describe(with_command=False)
    # Accepted and not ended by the server: the call runs (or ran) there; only the wait for it failed.
    still_running = token is not None and exc.kind not in ('failed', 'cancelled')
    unknown = not read and (exc.uncertain or still_running)
    extra = dict(error=exc.to_dict(), changed=unknown, **progress.fields())
    if unknown:
        extra['commands_uncertain'] = [command]
    if token is not None:
        extra['token'] = token
    if still_running:
        msg = (
            '%s was accepted by the server (token %s), but waiting for its end failed: %s; it may still run '
            'or have completed: follow it with token: %s' % (command, token, reason, token)
        )
    elif unknown:
        msg = '%s was sent but its outcome is unknown: %s; read the state back before repeating it' % (command, reason)
    else:
        msg = '%s failed: %s' % (command, reason)
    return SpeModuleError(msg, **extra)


def follow(ctx):
    """Wait for a call accepted earlier; changes nothing by itself, so it runs in check mode too."""
    params = ctx.params
    token = params['token']
    progress = Progress(token)
    try:
        response = ctx.client.wait_for(
            token,
            wait_timeout=params['wait_timeout'],
            cancel_on_timeout=params['cancel_on_timeout'] and not ctx.check_mode,
            on_progress=progress,
        )
    except SpeApiError as exc:
        extra = dict(error=exc.to_dict(), token=token, **progress.fields())
        raise SpeModuleError('the call with token %s: %s' % (token, exc.describe(with_command=False)), **extra) from exc
    result = dict(changed=False, token=token, **response_fields(response))
    result['log_output'] = response.log_output or progress.log_output
    return result


def cancel(ctx):
    token = ctx.params['token']
    if ctx.check_mode:
        return dict(changed=True, token=token, msg='check mode: cancel-async not sent for token %s' % token)
    try:
        ctx.client.cancel(token)
    except SpeApiError as exc:
        raise failure(spe_api.CANCEL_ASYNC, exc, Progress(), read=False) from exc
    return dict(
        changed=True,
        token=token,
        msg='cancel-async sent for token %s; the server decides if and when the call stops' % token,
    )


def low_level(ctx):
    """get-status, cancel-async, get-metadata as the reference describes them, with their own arguments."""
    params = ctx.params
    command = params['command']
    read = spe_api.is_read_command(command)
    if ctx.check_mode and not read:
        return dict(changed=True, msg='check mode: %s not sent' % command)
    call = LOW_LEVEL[command][0]
    try:
        result = call(ctx.client, params.get('arguments') or {})
    except SpeApiError as exc:
        raise failure(command, exc, Progress(), read) from exc
    return dict(result, changed=not read)


def _get_status(client, arguments):
    response = client.get_status(
        arguments[spe_api.FIELD_TOKEN],
        arguments.get(spe_api.FIELD_LAST_VERSION) or 0,
        arguments.get(spe_api.FIELD_MS_TIMEOUT) or 0,
    )
    # The status of the call the token names, as it is: a failed call is data here, not a failed task.
    return dict(response_fields(response), token=response.token, status_version=response.status_version)


def _cancel_async(client, arguments):
    response = client.cancel(arguments[spe_api.FIELD_TOKEN])
    return dict(status=response.status_code if response else None)


def _get_metadata(client, arguments):
    return dict(result=client.get_metadata(), status=spe_api.STATUS_SUCCEEDED)


# command -> (handler, required arguments)
LOW_LEVEL = {
    spe_api.GET_STATUS: (_get_status, (spe_api.FIELD_TOKEN,)),
    spe_api.CANCEL_ASYNC: (_cancel_async, (spe_api.FIELD_TOKEN,)),
    spe_api.GET_METADATA: (_get_metadata, ()),
}


def response_fields(response):
    return dict(
        result=response.result,
        log_output=response.log_output,
        status=response.status_code,
        percent_progress=response.percent_progress,
        status_text=response.status_text,
    )


def run(ctx):
    found = problems(ctx.params)
    if found:
        raise SpeModuleError('; '.join(found) + '; nothing was sent')
    params = ctx.params
    if params.get('token') is not None:
        return cancel(ctx) if params['cancel'] else follow(ctx)
    if params['command'] in LOW_LEVEL:
        return low_level(ctx)
    return invoke(ctx)


SPE_COMMAND = ModuleSpec(ARGUMENT_SPEC, run, mutually_exclusive=MUTUALLY_EXCLUSIVE, required_one_of=REQUIRED_ONE_OF)
