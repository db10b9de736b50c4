# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The command table. Every Management API command is one handler registered with @command;
# /api/get-metadata, argument validation and the scope checks are all driven from here.

import json
import re

SYSTEM = 'system'
INSTANCE = 'instance'
TYPES = ('string', 'number', 'bool', 'json')

COMMANDS = {}

_NUMBER = re.compile(r'^-?[0-9]+(\.[0-9]+)?$')


class ApiError(Exception):
    def __init__(self, message, details=None, http_status=200):
        super().__init__(message)
        self.message = message
        self.details = details
        self.http_status = http_status


class Arg:
    def __init__(self, name, type_='string', mandatory=True):
        if type_ not in TYPES:
            raise ValueError('unknown argument type %s' % type_)
        self.name = name
        self.type = type_
        self.mandatory = mandatory
        # Handlers receive arguments as keyword parameters; `id` would shadow the builtin,
        # so it arrives as `id_`.
        self.pyname = name + '_' if name == 'id' else name


def arg(name, type='string'):  # pylint: disable=redefined-builtin
    return Arg(name, type, True)


def opt(name, type='string'):  # pylint: disable=redefined-builtin
    return Arg(name, type, False)


class Command:
    def __init__(
        self, name, handler, scope, args, read, needs_running, needs_sp_access, long_running, reports_changes=False
    ):
        self.name = name
        self.handler = handler
        self.scope = scope
        self.args = list(args)
        self.read = read
        self.needs_running = needs_running
        self.needs_sp_access = needs_sp_access
        self.long_running = long_running
        # S44: a SYSTEM command with reports_changes calls ctx.touch(instance_id) before it creates,
        # changes or deletes an instance, so its commit compares only those; any other SYSTEM
        # command's commit compares all instances.
        self.reports_changes = reports_changes


def command(
    name,
    scope=SYSTEM,
    args=(),
    read=None,
    needs_running=None,
    needs_sp_access=None,
    long_running=False,
    reports_changes=False,
):
    def register(func):
        if name in COMMANDS:
            raise ValueError('command %s registered twice' % name)
        is_read = read if read is not None else (name.startswith('Get') or name == 'Ping')
        instance = scope == INSTANCE
        if instance and (not args or args[0].name != 'instanceID'):
            raise ValueError('%s: INSTANCE commands take instanceID first' % name)
        COMMANDS[name] = Command(
            name,
            func,
            scope,
            args,
            is_read,
            instance if needs_running is None else needs_running,
            instance if needs_sp_access is None else needs_sp_access,
            long_running,
            reports_changes,
        )
        return func

    return register


def metadata():
    return [
        {'name': c.name, 'args': [{'name': a.name, 'type': a.type, 'nullable': not a.mandatory} for a in c.args]}
        for c in sorted(COMMANDS.values(), key=lambda c: c.name)
    ]


def _convert(a, raw):
    if a.type == 'string':
        return raw
    if a.type == 'bool':
        # S7: only the JSON spellings are accepted.
        if raw == 'true':
            return True
        if raw == 'false':
            return False
        raise ApiError("Argument %s must be 'true' or 'false', got '%s'." % (a.name, raw))
    if a.type == 'number':
        if not _NUMBER.match(raw):
            raise ApiError("Argument %s must be a number, got '%s'." % (a.name, raw))
        value = float(raw)
        return int(value) if value.is_integer() else value
    try:
        return json.loads(raw)
    except ValueError as e:
        raise ApiError('Argument %s is not valid JSON: %s' % (a.name, e)) from None


def convert_args(cmd, pairs):
    """pairs: list of (name, value) from the form body. Returns {name: converted value}."""
    known = {a.name: a for a in cmd.args}
    seen = {}
    for key, value in pairs:
        if key not in known:
            allowed = ', '.join(a.name for a in cmd.args) or 'none'
            raise ApiError('Unknown API argument %s for command %s (allowed: %s).' % (key, cmd.name, allowed))
        if key in seen:
            # S7: a repeated argument is refused rather than silently picking one value.
            raise ApiError('API argument %s was given more than once.' % key)
        seen[key] = value
    out = {}
    for a in cmd.args:
        if a.name not in seen:
            if a.mandatory:
                raise ApiError('Missing API argument %s.' % a.name)
            continue
        out[a.name] = _convert(a, seen[a.name])
    return out
