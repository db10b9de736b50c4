# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The whole simulated world lives in one JSON document, persisted atomically after every
# successful write command (S44). One process-wide lock guards validate + mutate + persist.

import glob
import hashlib
import json
import os
import threading

from .passwords import hash_password, verify_password

STATE_VERSION = 1
DEFAULT_HOST_BASE_DIRECTORY = "C:\\MailStore SPE\\Instances"
# S12: ports of the seeded instance host and client access server, and their thumbprints.
DEFAULT_INSTANCE_HOST_PORT = 8473
DEFAULT_CAS_NAME = "spe-cas01"
DEFAULT_CAS_PORT = 8472


class StateError(Exception):
    pass


def _thumbprint(seed):
    return hashlib.sha1(seed.encode("utf-8")).hexdigest().upper()


def fresh_state(instance_host):
    return {
        "version": STATE_VERSION,
        "instance_hosts": [{
            "serverName": instance_host,
            "port": DEFAULT_INSTANCE_HOST_PORT,
            "serverCertificate": {"thumbprint": _thumbprint("host:" + instance_host)},
            "baseDirectory": DEFAULT_HOST_BASE_DIRECTORY,
            "directories": ["C:\\", "C:\\MailStore SPE", DEFAULT_HOST_BASE_DIRECTORY],
        }],
        "client_access_servers": [{
            "serverName": DEFAULT_CAS_NAME,
            "port": DEFAULT_CAS_PORT,
            "serverCertificate": {"thumbprint": _thumbprint("cas:" + DEFAULT_CAS_NAME)},
        }],
        "system_administrators": [],
        "system_smtp": None,
        "instances": {},
        "retained_directories": [],
        "next_job_id": 1,
        "next_process_id": 4100,
        "branding_reloads": 0,
    }


def new_admin(user, password, full_name=None, email=None):
    return {
        "userName": user,
        "fullName": full_name,
        "emailAddress": email,
        "passwordHash": hash_password(password),
        "mfaStatus": "disabled",
        "apiPasswordHash": None,
    }


class StateStore:
    def __init__(self, path, instance_host, admin_user, admin_password):
        self.path = os.path.abspath(path)
        self.lock = threading.RLock()
        self._last = None
        directory = os.path.dirname(self.path)
        os.makedirs(directory, exist_ok=True)
        # S44: temp files left by a kill -9 mid-write are incomplete by definition.
        for stale in glob.glob(os.path.join(directory, "." + os.path.basename(self.path) + ".tmp*")):
            try:
                os.unlink(stale)
            except OSError:
                pass
        if os.path.exists(self.path):
            try:
                with open(self.path, encoding="utf-8") as f:
                    text = f.read()
                self.data = json.loads(text)
            except (OSError, ValueError) as e:
                raise StateError("cannot load state file %s: %s" % (self.path, e)) from None
            if not isinstance(self.data, dict) or self.data.get("version") != STATE_VERSION:
                raise StateError("state file %s has an unknown format" % self.path)
        else:
            self.data = fresh_state(instance_host)
        self._ensure_admin(admin_user, admin_password)
        self.commit(force=True)

    def _ensure_admin(self, user, password):
        # S9: the CLI administrator always exists and always has the CLI password.
        for admin in self.data["system_administrators"]:
            if admin["userName"].lower() == user.lower():
                if not verify_password(password, admin["passwordHash"]):
                    admin["passwordHash"] = hash_password(password)
                return
        self.data["system_administrators"].append(new_admin(user, password))

    def commit(self, force=False):
        text = json.dumps(self.data, ensure_ascii=False, sort_keys=True, indent=1)
        if text == self._last and not force:
            return
        directory = os.path.dirname(self.path)
        tmp = os.path.join(directory, ".%s.tmp%d.%d" % (os.path.basename(self.path), os.getpid(), threading.get_ident()))
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        self._last = text

    def rollback(self):
        # S11: a failed write leaves no trace, even if the handler had started to change things.
        self.data = json.loads(self._last)
