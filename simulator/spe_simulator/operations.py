# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Long-running operations: a token, a status that advances in a few steps over the configured
# duration, long polling through get-status and cancellation through cancel-async (S3, S4, S5, S46).

import secrets
import threading
import time

from .registry import ApiError

STEPS = 4


class LongRunning:
    """Returned by a handler whose command runs asynchronously.

    finish(ctx, inst) runs under the state lock when the last step is reached; its changes are
    persisted and its return value becomes the result. inst is looked up again by instance_id
    at that moment (None for system commands). on_cancel(ctx, inst) runs instead when the
    operation was cancelled.
    """

    def __init__(self, title, finish=None, instance_id=None, log=None, on_cancel=None, tag=None):
        self.title = title
        self.tag = tag
        self.finish = finish
        self.on_cancel = on_cancel
        self.instance_id = instance_id
        self.log = list(log or [])


class Outcome:
    """A finish step's result together with log lines that only the finish step knows."""

    def __init__(self, result, log=()):
        self.result = result
        self.log = list(log)


class Operation:
    def __init__(self, token, command, spec):
        self.token = token
        self.command = command
        self.spec = spec
        self.version = 1
        self.code = 'running'
        self.percent = 0
        self.text = spec.title
        self.result = None
        self.error = None
        self.log = []
        self.finished_at = None
        self.cancel_requested = threading.Event()

    def envelope(self):
        return {
            'error': self.error,
            'token': self.token,
            'statusVersion': self.version,
            'statusCode': self.code,
            'percentProgress': self.percent,
            'statusText': self.text,
            'result': self.result,
            'logOutput': '\n'.join(self.log) if self.log else None,
        }


class Operations:
    def __init__(self, duration, retention=600.0):
        self.duration = duration
        self.retention = retention
        self._ops = {}
        self._cond = threading.Condition()

    def _expire(self):
        now = time.monotonic()
        for token in [
            t for t, op in self._ops.items() if op.finished_at is not None and now - op.finished_at > self.retention
        ]:
            del self._ops[token]

    def start(self, command, spec, complete):
        """complete(op) -> (result, error) runs the finish step; called from the worker thread."""
        op = Operation(secrets.token_hex(16), command, spec)
        with self._cond:
            self._expire()
            self._ops[op.token] = op
            snapshot = op.envelope()
        threading.Thread(target=self._run, args=(op, complete), name='op-' + command, daemon=True).start()
        return snapshot

    def _update(self, op, **changes):
        with self._cond:
            for key, value in changes.items():
                setattr(op, key, value)
            op.version += 1
            if op.code != 'running':
                op.finished_at = time.monotonic()
            self._cond.notify_all()

    def _run(self, op, complete):
        pause = self.duration / STEPS
        for step in range(1, STEPS):
            if op.cancel_requested.wait(pause):
                break
            with self._cond:
                op.log.append('%s: step %d of %d done.' % (op.command, step, STEPS))
                if step == 1:
                    op.log.extend(op.spec.log)
            self._update(
                op, percent=int(100 * step / STEPS), text='%s (%d%%)' % (op.spec.title, int(100 * step / STEPS))
            )
        if not op.cancel_requested.is_set():
            op.cancel_requested.wait(pause)
        if op.cancel_requested.is_set():
            with self._cond:
                op.log.append('%s: cancelled.' % op.command)
            complete(op, cancelled=True)
            self._update(op, code='cancelled', text='Cancelled.', result=None)
            return
        try:
            result = complete(op, cancelled=False)
            if isinstance(result, Outcome):
                with self._cond:
                    op.log.extend(result.log)
                result = result.result
        except ApiError as e:
            with self._cond:
                op.log.append('%s: failed: %s' % (op.command, e.message))
            self._update(op, code='failed', text='Failed.', error={'message': e.message, 'details': e.details})
            return
        with self._cond:
            op.log.append('%s: completed.' % op.command)
        self._update(op, code='succeeded', percent=100, text='Completed.', result=result)

    def get_status(self, token, last_version, timeout_ms):
        deadline = time.monotonic() + max(0.0, timeout_ms) / 1000.0
        with self._cond:
            self._expire()
            op = self._ops.get(token)
            if op is None:
                return None
            while op.version <= last_version and op.code == 'running':
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return op.envelope()

    def cancel(self, token):
        with self._cond:
            self._expire()
            op = self._ops.get(token)
            if op is None:
                return False
        op.cancel_requested.set()
        return True

    def running_for(self, predicate):
        with self._cond:
            return [op for op in self._ops.values() if op.code == 'running' and predicate(op)]
