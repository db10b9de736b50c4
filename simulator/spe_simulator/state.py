# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The whole simulated world is one JSON document in memory. On disk it is split into a system
# file and one file per instance, and a successful write command rewrites only the files whose
# content it changed, atomically (S44). One process-wide lock guards validate + mutate + persist.

import bisect
import glob
import hashlib
import json
import os
import re
import threading

from .passwords import hash_password, verify_password

STATE_VERSION = 2  # 1: the former single-file layout, still loaded (S44)
DEFAULT_HOST_BASE_DIRECTORY = 'C:\\MailStore SPE\\Instances'
# S12: ports of the seeded instance host and client access server, and their thumbprints.
DEFAULT_INSTANCE_HOST_PORT = 8473
DEFAULT_CAS_NAME = 'spe-cas01'
DEFAULT_CAS_PORT = 8472


class StateError(Exception):
    pass


def _thumbprint(seed):
    return hashlib.sha1(seed.encode('utf-8')).hexdigest().upper()


def host_names(instance_hosts):
    """One name or a list of names -> a list without duplicates (case-insensitive), in order."""
    names = [instance_hosts] if isinstance(instance_hosts, str) else list(instance_hosts)
    out = []
    for name in names:
        if not name or not name.strip():
            raise StateError('an instance host name must not be empty')
        if all(name.lower() != seen.lower() for seen in out):
            out.append(name)
    if not out:
        raise StateError('at least one instance host is needed')
    return out


def new_host(name, port, thumbprint):
    # S36: every instance host starts with the default base directory and its parents.
    return {
        'serverName': name,
        'port': port,
        'serverCertificate': {'thumbprint': thumbprint},
        'baseDirectory': DEFAULT_HOST_BASE_DIRECTORY,
        'directories': ['C:\\', 'C:\\MailStore SPE', DEFAULT_HOST_BASE_DIRECTORY],
    }


def seeded_host(name):
    # S12: each seeded host has its own thumbprint (derived from its name) and directory tree.
    return new_host(name, DEFAULT_INSTANCE_HOST_PORT, _thumbprint('host:' + name))


def fresh_state(instance_hosts):
    return {
        'version': STATE_VERSION,
        'instance_hosts': [seeded_host(name) for name in host_names(instance_hosts)],
        'client_access_servers': [
            {
                'serverName': DEFAULT_CAS_NAME,
                'port': DEFAULT_CAS_PORT,
                'serverCertificate': {'thumbprint': _thumbprint('cas:' + DEFAULT_CAS_NAME)},
            }
        ],
        'system_administrators': [],
        'system_smtp': None,
        'instances': {},
        'retained_directories': [],
        'next_job_id': 1,
        'next_process_id': 4100,
        'branding_reloads': 0,
    }


def new_admin(user, password, full_name=None, email=None):
    return {
        'userName': user,
        'fullName': full_name,
        'emailAddress': email,
        'passwordHash': hash_password(password),
        'mfaStatus': 'disabled',
        'apiPasswordHash': None,
    }


class _All:
    """Marker: the command may have touched any instance (a SYSTEM-scope command that does not
    say which instances it changes)."""

    def __repr__(self):
        return 'ALL'


ALL = _All()
_SHARD_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')


def _dumps(obj):
    # No indent: only then does json use its C encoder, several times faster on big instances.
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _fsync_dir(directory):
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path, text):
    """temp file in the same directory, flush + fsync, os.replace. The caller fsyncs the directory."""
    directory, name = os.path.split(path)
    tmp = os.path.join(directory, '.%s.tmp%d.%d' % (name, os.getpid(), threading.get_ident()))
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _remove_stale_temps(directory, pattern):
    for stale in glob.glob(os.path.join(glob.escape(directory), pattern)):
        try:
            os.unlink(stale)
        except OSError:
            pass


class StateStore:
    """The state in memory is one dict (`data`); on disk it is split (S44):

    - the state file holds the system part: everything except the instance bodies, plus
      `instance_ids`, the sorted list of instances that exist;
    - `<state file>.d/<instanceID>.json` holds the body of one instance;
    - `<state file>.journal` exists only while a commit that changes more than one file is
      being applied: it holds all the new texts, so a restart can finish the commit.

    A commit writes only the parts whose serialised text changed since the last commit. It only
    serialises the parts the command may have changed, so its cost does not grow with the number
    of instances: the instances it names (`touched`) and the system part if the command may have
    changed it or instances were created or deleted.
    """

    def __init__(self, path, instance_hosts, admin_user, admin_password):
        self.path = os.path.abspath(path)
        self.shard_dir = self.path + '.d'
        self.journal_path = self.path + '.journal'
        self.lock = threading.RLock()
        self.files_written = 0  # for tests: files replaced or removed by commits
        self._last_sys = None
        self._last_inst = {}
        self._ids = []  # sorted(self._last_inst): instance_ids of the last written system part
        # For tests: after a commit that compared only some parts, check that nothing was left
        # unwritten (a command that changed more than it said). Costs what a full compare costs.
        self.check_commits = False
        directory = os.path.dirname(self.path)
        os.makedirs(directory, exist_ok=True)
        os.makedirs(self.shard_dir, exist_ok=True)
        # S44: temp files left by a kill -9 mid-write are incomplete by definition.
        base = glob.escape(os.path.basename(self.path))
        _remove_stale_temps(directory, '.' + base + '.tmp*')
        _remove_stale_temps(directory, '.' + base + '.journal.tmp*')
        _remove_stale_temps(self.shard_dir, '.*.tmp*')
        try:
            self._replay_journal()
            self.data = self._load() if os.path.exists(self.path) else fresh_state(instance_hosts)
        except (OSError, ValueError) as e:
            raise StateError('cannot load state file %s: %s' % (self.path, e)) from None
        self._ensure_admin(admin_user, admin_password)
        self.commit(force=True)

    # -- loading ---------------------------------------------------------------------
    def _shard(self, instance_id):
        if not isinstance(instance_id, str) or not _SHARD_NAME.match(instance_id):
            raise StateError('instance id %r cannot be stored as a file name' % (instance_id,))
        return os.path.join(self.shard_dir, instance_id + '.json')

    def _replay_journal(self):
        # A journal on disk is complete (it is written atomically): finish the commit it describes.
        if not os.path.exists(self.journal_path):
            return
        with open(self.journal_path, encoding='utf-8') as f:
            journal = json.load(f)
        self._apply(journal['system'], journal['write'], journal['delete'])
        os.unlink(self.journal_path)
        _fsync_dir(os.path.dirname(self.path))

    def _load(self):
        with open(self.path, encoding='utf-8') as f:
            text = f.read()
        data = json.loads(text)
        if isinstance(data, dict) and data.get('version') == 1 and isinstance(data.get('instances'), dict):
            # The former single-file format: everything is in memory now; the commit at the
            # end of __init__ writes it out in the split layout (through the journal).
            data['version'] = STATE_VERSION
            return data
        if (
            not isinstance(data, dict)
            or data.get('version') != STATE_VERSION
            or not isinstance(data.get('instance_ids'), list)
        ):
            raise StateError('state file %s has an unknown format' % self.path)
        ids = data.pop('instance_ids')
        listed = set()
        instances = {}
        for instance_id in ids:
            shard = self._shard(instance_id)
            try:
                with open(shard, encoding='utf-8') as f:
                    shard_text = f.read()
            except FileNotFoundError:
                raise StateError(
                    "state file %s lists instance '%s' but %s is missing" % (self.path, instance_id, shard)
                ) from None
            try:
                instances[instance_id] = json.loads(shard_text)
            except ValueError as e:
                raise StateError('cannot load %s: %s' % (shard, e)) from None
            self._last_inst[instance_id] = shard_text
            listed.add(instance_id + '.json')
        # Shards the state file does not list are leftovers of an interrupted create or delete.
        removed = False
        for name in os.listdir(self.shard_dir):
            if name.endswith('.json') and not name.startswith('.') and name not in listed:
                os.unlink(os.path.join(self.shard_dir, name))
                removed = True
        if removed:
            _fsync_dir(self.shard_dir)
        data['instances'] = instances
        self._last_sys = text
        self._ids = sorted(self._last_inst)
        return data

    def _ensure_admin(self, user, password):
        # S9: the CLI administrator always exists and always has the CLI password.
        for admin in self.data['system_administrators']:
            if admin['userName'].lower() == user.lower():
                if not verify_password(password, admin['passwordHash']):
                    admin['passwordHash'] = hash_password(password)
                return
        self.data['system_administrators'].append(new_admin(user, password))

    # -- persistence -----------------------------------------------------------------
    def _system_text(self, ids=None):
        """The system part as the state file holds it; ids: its instance_ids if already known
        (sorted), else they are taken from the instances in memory."""
        system = {k: v for k, v in self.data.items() if k != 'instances'}
        system['instance_ids'] = sorted(self.data['instances']) if ids is None else ids
        return _dumps(system)

    def _candidates(self, touched):
        """The instance ids to compare. touched: ALL, one instance id, or a collection of ids."""
        instances = self.data['instances']
        if touched is not ALL:
            ids = set() if touched is None else {touched} if isinstance(touched, str) else set(touched)
            # An instance created or deleted outside `ids` would show in the count: O(len(ids)), not O(N).
            last = self._last_inst
            if len(instances) == len(last) + sum((i in instances) - (i in last) for i in ids):
                return ids
        # Any instance may have changed, or instances were created or deleted unannounced: compare all.
        return set(instances) | set(self._last_inst)

    def commit(self, touched=ALL, force=False, system=True):
        """Persist the changes of one command.

        touched: what the command may have created, changed or deleted among the instances: the
        instance id an INSTANCE-scope command works on, a collection of ids (a SYSTEM-scope command
        that says which instances it changes), or ALL (all instances are compared). Only these are
        serialised. system: False if the command cannot have changed the system part; it is then
        serialised only if instances were created or deleted (instance_ids changes)."""
        instances = self.data['instances']
        writes, deletes, created = {}, [], []
        for instance_id in sorted(self._candidates(touched)):
            if instance_id in instances:
                text = _dumps(instances[instance_id])
                if text != self._last_inst.get(instance_id):
                    self._shard(instance_id)
                    writes[instance_id] = text
                    if instance_id not in self._last_inst:
                        created.append(instance_id)
            elif instance_id in self._last_inst:
                deletes.append(instance_id)
        ids = self._ids
        if created or deletes:
            ids = list(ids)
            for instance_id in created:
                bisect.insort(ids, instance_id)
            for instance_id in deletes:
                del ids[bisect.bisect_left(ids, instance_id)]
        system_text = None
        if force or system or ids is not self._ids:
            system_text = self._system_text(ids)
            if not force and system_text == self._last_sys:
                system_text = None
        parts = len(writes) + len(deletes) + (system_text is not None)
        if parts:
            self._write(system_text, writes, deletes)
            self._ids = ids
        if self.check_commits and (touched is not ALL or not system):
            self._check_committed()

    def _write(self, system, writes, deletes):
        parts = len(writes) + len(deletes) + (system is not None)
        if parts > 1:
            # Several files change: make the whole change durable in one file first.
            _write_atomic(
                self.journal_path,
                json.dumps({'system': system, 'write': writes, 'delete': deletes}, ensure_ascii=False),
            )
            _fsync_dir(os.path.dirname(self.path))
        self._apply(system, writes, deletes)
        if parts > 1:
            os.unlink(self.journal_path)
            _fsync_dir(os.path.dirname(self.path))
        self.files_written += parts
        if system is not None:
            self._last_sys = system
        self._last_inst.update(writes)
        for instance_id in deletes:
            del self._last_inst[instance_id]

    def _check_committed(self):
        instances = self.data['instances']
        missed = sorted(
            i
            for i in set(instances) | set(self._last_inst)
            if i not in instances or _dumps(instances[i]) != self._last_inst.get(i)
        )
        if self._system_text() != self._last_sys:
            missed.append('the system part')
        if missed:
            raise StateError('a commit left changes unwritten: %s' % ', '.join(missed))

    def _apply(self, system, writes, deletes):
        # Order matters without a journal too: a new shard exists before the state file lists
        # it, and the state file stops listing a shard before it is removed.
        for instance_id, text in sorted(writes.items()):
            _write_atomic(self._shard(instance_id), text)
        if writes:
            _fsync_dir(self.shard_dir)
        if system is not None:
            _write_atomic(self.path, system)
            _fsync_dir(os.path.dirname(self.path))
        for instance_id in deletes:
            try:
                os.unlink(self._shard(instance_id))
            except FileNotFoundError:
                pass
        if deletes:
            _fsync_dir(self.shard_dir)

    def rollback(self, touched=ALL, system=True):
        """S11: a failed write leaves no trace, even if the handler had started to change things.
        Only the parts the command may have touched (as for commit) are restored from their last
        written text: the instances in `touched`, and the system part unless system is False."""
        candidates = self._candidates(touched)
        instances = self.data['instances']
        for instance_id in candidates:
            last = self._last_inst.get(instance_id)
            if last is None:
                instances.pop(instance_id, None)
            elif touched is not ALL or instance_id not in instances or _dumps(instances[instance_id]) != last:
                instances[instance_id] = json.loads(last)
        if list(instances) != sorted(instances):
            instances = {k: instances[k] for k in sorted(instances)}
        if system:
            data = json.loads(self._last_sys)
            del data['instance_ids']
        else:
            data = self.data
        data['instances'] = instances
        self.data = data

    def read_disk(self):
        """The state as a restart would load it (for tests and tools): the system part with
        the instance bodies put back under "instances"."""
        with open(self.path, encoding='utf-8') as f:
            data = json.load(f)
        data['instances'] = {}
        for instance_id in data.pop('instance_ids'):
            with open(self._shard(instance_id), encoding='utf-8') as f:
                data['instances'][instance_id] = json.load(f)
        return data
