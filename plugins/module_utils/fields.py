# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fields: how one option of a module maps to the API, compares, and is validated.

A resource declaration is mostly a table of ``Field`` objects; the engine derives the
argument spec, the comparison, the diff and the redaction from it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeModuleError

# The reference's rule for an instanceID (CreateInstance): 3 to 32 characters, a-z, 0-9 and '-',
# starting with a letter. Matched whole (fullmatch): a trailing newline is not allowed.
INSTANCE_ID_RE = re.compile(r'[a-z][a-z0-9-]{2,31}')
INSTANCE_ID_RULE = "3 to 32 characters, lower-case letters, digits and '-', starting with a letter"
MAX_TEXT = 1024  # [assumed] no name, path or text option of SPE is longer; absurd lengths are refused early

EMPTY = {'str': '', 'list': [], 'bool': False, 'dict': {}}


def camel(option):
    """``debug_log_enabled`` -> ``debugLogEnabled``: the API spells fields in camelCase."""
    head, _sep, tail = option.partition('_')
    return head + ''.join(part[:1].upper() + part[1:] for part in tail.split('_') if part)


def snake(name):
    """``statisticsSize`` -> ``statistics_size``."""
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()


def as_set(values):
    """Lists whose order has no meaning compare as sets."""
    return sorted(set(values or []), key=str)


def windows_path(path):
    """SPE runs on Windows: paths compare case-insensitively, without trailing separators (M12)."""
    return path.replace('/', '\\').rstrip('\\').lower() if path else ''


def case_insensitive(text):
    """Names SPE compares without case (M13: user names)."""
    return text.lower() if text else ''


def check_instance_id(value, option='instance_id'):
    if not isinstance(value, str) or not INSTANCE_ID_RE.fullmatch(value):
        raise SpeModuleError('%s %r is not valid: %s.' % (option, value, INSTANCE_ID_RULE), commands=[])


class Field:
    """One managed option and its API counterpart.

    ``api``: the key in the API's objects (default: the option in camelCase).
    ``values``: option value -> API value, where the two spell enumerations differently
    (``write_protected`` -> ``writeProtected``); its keys are the option's choices.
    ``compare``: a function that puts a value into canonical form before comparing
    (``as_set`` for lists whose order has no meaning); ``None`` on the server side and the
    empty value of the type are the same thing.
    ``secret``: no_log, never read back, masked in diffs.
    ``setter``: the API command that sets this field alone (its argument is ``api``).
    ``minimum``/``maximum``: the range of an int; ``nonempty``: a str or list that must not be
    empty when given (identities always are); ``pattern``: a regular expression a str must match whole.
    """

    def __init__(
        self,
        option,
        type='str',
        api=None,
        values=None,
        choices=None,
        elements=None,
        options=None,
        compare=None,
        secret=False,
        setter=None,
        required=False,
        minimum=None,
        maximum=None,
        nonempty=False,
        pattern=None,
    ):
        self.option = option
        self.required = required
        self.setter = setter
        self.type = type
        self.api = api or camel(option)
        self.values = values
        self.choices = list(values) if values else choices
        self.elements = elements
        self.options = options
        self.compare = compare
        self.secret = secret
        self.minimum = minimum
        self.maximum = maximum
        self.nonempty = nonempty
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern

    def argument_spec(self):
        spec = dict(type=self.type)
        for key in ('choices', 'elements', 'options'):
            if getattr(self, key) is not None:
                spec[key] = getattr(self, key)
        if self.secret:
            spec['no_log'] = True
        if self.required:
            spec['required'] = True
        return spec

    def to_api(self, value):
        if self.values and value is not None:
            if isinstance(value, list):
                return [self.values.get(v, v) for v in value]
            return self.values.get(value, value)
        return value

    def from_api(self, value):
        if self.values and value is not None:
            reverse = {api: option for option, api in self.values.items()}
            if isinstance(value, list):
                return [reverse.get(v, v) for v in value]
            return reverse.get(value, value)
        return value

    def canonical(self, value):
        if value is None:
            value = EMPTY.get(self.type)
        if self.compare is not None and value is not None:
            value = self.compare(value)
        return value

    def problems(self, value, identity=False):
        """What is wrong with a given value, before any API call (the argument spec checked its type)."""
        if value is None:
            return []
        name = self.option
        if self.type == 'int':
            low, high = self.minimum, self.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                return ['%s must be between %s and %s, not %s' % (name, low, high, value)]
        if self.type == 'str':
            if (identity or self.nonempty) and not value.strip():
                return ['%s must not be empty' % name]
            if len(value) > MAX_TEXT:
                return ['%s is %d characters long; at most %d are accepted' % (name, len(value), MAX_TEXT)]
            if any(c in value for c in '\r\n\x00'):
                return ['%s must be a single line (it contains a line break or NUL)' % name]
            if self.pattern is not None and value and not self.pattern.fullmatch(value):
                return ['%s %r does not have the required form (%s)' % (name, value, self.pattern.pattern)]
        if self.type == 'list' and self.elements == 'str':
            if self.nonempty and not value:
                return ['%s must not be empty' % name]
            bad = [item for item in value if not item.strip() or ',' in item or len(item) > MAX_TEXT]
            if bad:
                # [known] lists travel as one comma-separated string: an item cannot hold a comma.
                return ['%s: items must be non-empty and contain no comma: %r' % (name, bad[0])]
        return []


SPELLING_NOISE = re.compile(r'[_\-\s]')


def choice_key(text):
    """How two spellings of one enumeration value are recognised as the same: without case, '_' or '-'."""
    return SPELLING_NOISE.sub('', text).lower()


def canonical_choices(argument_spec, params):
    """``params`` with every enumerated value in its documented spelling.

    The reference spells enumerations its own way (``Sunday``, ``writeProtected``,
    ``changePassword``); the modules document ``sunday``, ``write_protected``,
    ``change_password``. Both are accepted, in any case, and compared canonically (issue 9.13).
    Runs before argument validation, in the module process and in-process alike.
    """
    if not isinstance(params, dict):
        return params
    normalized = dict(params)
    # The options given, not every option of the spec: a user sets a few of its many.
    for option, value in params.items():
        spec = argument_spec.get(option)
        if value is None or spec is None:
            continue
        choices = spec.get('choices')
        if choices:
            normalized[option] = _canonical(value, choices)
        suboptions = spec.get('options')
        if suboptions:
            if isinstance(value, dict):
                normalized[option] = canonical_choices(suboptions, value)
            elif isinstance(value, list):
                normalized[option] = [canonical_choices(suboptions, item) for item in value]
    return normalized


_CHOICE_KEYS = {}  # tuple(choices) -> {choice_key: choice}: a tenant's definition asks for the same ones hundreds of times


def _choice_keys(choices):
    frozen = tuple(choices)
    if frozen not in _CHOICE_KEYS:
        _CHOICE_KEYS[frozen] = {choice_key(str(choice)): choice for choice in choices if isinstance(choice, str)}
    return _CHOICE_KEYS[frozen]


def _canonical(value, choices):
    if isinstance(value, list):
        return [_canonical(item, choices) for item in value]
    if isinstance(value, str):
        return _choice_keys(choices).get(choice_key(value), value)
    return value
