# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every exception of the collection, in one place.

``SpeApiError``: talking to the API failed (raised by the client, never holds a password).
``SpeModuleError``: the task fails with this message; the engine adds what was applied.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

KINDS = ('failed', 'http', 'transport', 'timeout', 'cancelled', 'auth', 'config')


class SpeApiError(Exception):
    """Any failure talking to the API: a failed envelope, an HTTP error, a transport error,
    a wait that timed out, a cancelled call, refused credentials.

    ``kind`` is one of ``failed``, ``http``, ``transport``, ``timeout``, ``cancelled``, ``auth``,
    ``config`` (the connection options are unusable, for example a server that is not
    ``https://``; nothing was sent).

    ``uncertain`` says whether the server may have acted on a write although the call failed:

    - ``True``: a write (not ``spe_api.is_read_command``) was sent and its answer never came
      (no answer within the timeout, or the connection closed after sending), or a
      long-running write was accepted (``token`` set) and waiting for its end failed or timed
      out. The server may have applied it, or may still apply it. The client never re-sends it;
      a caller reports the command as neither applied nor failed, says ``changed``, and lets a
      re-run read the truth.
    - ``False``: the server did not act on it, or said how it ended: the request never left
      (cannot connect, TLS error, bad options), the server answered (HTTP error, failed or
      cancelled envelope), or the command only reads.

    ``token``: set once a long-running call was accepted; it can be followed (``wait_for``)
    or cancelled later. Never holds a password: the client scrubs texts before building one.
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
        return 'SpeApiError(kind=%r, command=%r, message=%r, details=%r, http_status=%r, uncertain=%r)' % (
            self.kind,
            self.command,
            self.message,
            self.details,
            self.http_status,
            self.uncertain,
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
        if self.uncertain:
            data['uncertain'] = True
        return data


class SpeModuleError(Exception):
    """Fail the task with ``msg``; keyword arguments are added to the failure result."""

    def __init__(self, msg, **result):
        super().__init__(msg)
        self.msg = msg
        self.result = result
