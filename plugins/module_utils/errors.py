# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every exception of the collection, in one place.

``SpeApiError``: talking to the API failed (raised by the client, never holds a password).
``SpeModuleError``: the task fails with this message; the engine adds what was applied.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

KINDS = ('failed', 'http', 'transport', 'timeout', 'cancelled', 'auth')


class SpeApiError(Exception):
    """Any failure talking to the API: a failed envelope, an HTTP error, a transport error,
    a wait that timed out, a cancelled call, refused credentials.

    ``kind`` is one of ``failed``, ``http``, ``transport``, ``timeout``, ``cancelled``, ``auth``.
    ``uncertain``: the request was sent and no answer came, so the server may have acted on it.
    Never holds a password: the client scrubs texts before building one.
    """

    def __init__(
        self, message, command=None, details=None, http_status=None, kind='failed', token=None, uncertain=False
    ):
        super().__init__(message)
        self.uncertain = uncertain
        self.message = message
        self.command = command
        self.details = details
        self.http_status = http_status
        self.kind = kind
        self.token = token

    def __str__(self):
        return self.describe()

    def describe(self, with_command=True):
        """The message, with the command (unless ``with_command`` is false), HTTP status and details."""
        text = '%s: %s' % (self.command, self.message) if self.command and with_command else self.message
        if self.http_status is not None and self.kind in ('http', 'auth'):
            text += ' (HTTP %s)' % self.http_status
        if self.details:
            text += ' [%s]' % self.details
        return text

    def __repr__(self):
        return 'SpeApiError(kind=%r, command=%r, message=%r, details=%r, http_status=%r)' % (
            self.kind,
            self.command,
            self.message,
            self.details,
            self.http_status,
        )

    def to_dict(self):
        """The error for a module result."""
        data = dict(
            kind=self.kind,
            command=self.command,
            message=self.message,
            details=self.details,
            http_status=self.http_status,
        )
        if self.token is not None:
            data['token'] = self.token
        return data


class SpeModuleError(Exception):
    """Fail the task with ``msg``; keyword arguments are added to the failure result."""

    def __init__(self, msg, **result):
        super().__init__(msg)
        self.msg = msg
        self.result = result
