# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Test hooks under /_simulator/: call statistics and injected faults (S41, S42).

import threading

from .registry import ApiError

FAULT_KINDS = ('http_500', 'http_401', 'drop', 'delay', 'failed')
# S42: `before` replaces the command; `after` lets it run (and commit) and then replaces its answer.
FAULT_PHASES = ('before', 'after')


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self._calls = {}
            self._reads = 0
            self._writes = 0

    def count(self, name, read):
        with self._lock:
            self._calls[name] = self._calls.get(name, 0) + 1
            if read:
                self._reads += 1
            else:
                self._writes += 1

    def snapshot(self):
        with self._lock:
            return {'calls': dict(sorted(self._calls.items())), 'reads': self._reads, 'writes': self._writes}


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._queue = []

    def add(self, spec):
        if not isinstance(spec, dict):
            raise ApiError('The fault must be a JSON object.')
        allowed = ('command', 'times', 'skip', 'kind', 'phase', 'delay_ms', 'message')
        unknown = sorted(k for k in spec if k not in allowed)
        if unknown:
            raise ApiError('Unknown fault key(s): %s (allowed: %s).' % (', '.join(unknown), ', '.join(allowed)))
        command = spec.get('command')
        if not isinstance(command, str) or not command:
            raise ApiError("A fault needs 'command' (a command name, get-status, cancel-async, get-metadata or *).")
        kind = spec.get('kind')
        if kind not in FAULT_KINDS:
            raise ApiError("Fault 'kind' must be one of %s." % ', '.join(FAULT_KINDS))
        phase = spec.get('phase', 'before')
        if phase not in FAULT_PHASES:
            raise ApiError("Fault 'phase' must be one of %s." % ', '.join(FAULT_PHASES))
        times = spec.get('times', 1)
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ApiError("Fault 'times' must be a positive integer.")
        skip = spec.get('skip', 0)
        if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
            raise ApiError("Fault 'skip' must be a non-negative integer.")
        delay_ms = spec.get('delay_ms', 0)
        if isinstance(delay_ms, bool) or not isinstance(delay_ms, (int, float)) or delay_ms < 0:
            raise ApiError("Fault 'delay_ms' must be a non-negative number.")
        message = spec.get('message') or 'Simulated failure injected by the test.'
        fault = {
            'command': command,
            'kind': kind,
            'phase': phase,
            'times': times,
            'skip': skip,
            'delay_ms': delay_ms,
            'message': str(message),
        }
        with self._lock:
            self._queue.append(fault)
        return dict(fault)

    def clear(self):
        with self._lock:
            self._queue = []

    def list(self):
        with self._lock:
            return [dict(f) for f in self._queue]

    def take(self, command):
        """The first pending fault for this command (or '*'), consumed once; a fault with ``skip``
        lets that many matching calls through first (to hit the second read of a command)."""
        with self._lock:
            for fault in self._queue:
                if fault['command'] in (command, '*'):
                    if fault['skip'] > 0:
                        fault['skip'] -= 1
                        return None
                    fault['times'] -= 1
                    if fault['times'] <= 0:
                        self._queue.remove(fault)
                    return dict(fault)
        return None
