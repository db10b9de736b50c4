# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Salted password hashes. Plain passwords are never stored or returned.

import hashlib
import hmac
import secrets

# Work factors. System administrators' passwords are the ones the simulator checks (S8), so
# they get the slow hash. Every other secret (users' passwords, SMTP, profile and directory
# service secrets) is kept, never checked: its hash only keeps the plain text out of the state
# files. At 20,000 rounds that cost 11 ms of CPU per secret, which made hashing half of a
# new tenant's cost to the simulator (20 users' initial passwords).
ITERATIONS = 20000
KEPT_SECRET_ITERATIONS = 1000


def hash_password(password, iterations=ITERATIONS):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt, iterations)
    return 'pbkdf2_sha256$%d$%s$%s' % (iterations, salt.hex(), digest.hex())


def hash_secret(secret):
    """The stored form of a secret the simulator keeps but never checks (see the work factors)."""
    return hash_password(secret, KEPT_SECRET_ITERATIONS)


def verify_password(password, stored):
    if not stored:
        return False
    try:
        scheme, iterations, salt, digest = stored.split('$')
        if scheme != 'pbkdf2_sha256':
            return False
        got = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


class VerificationCache:
    """Remembers successful verifications so that a request costs microseconds, not a PBKDF2 run.

    The key covers the stored hash, so a password change invalidates old entries by itself.
    """

    MAX = 4096

    def __init__(self):
        self._ok = set()

    @staticmethod
    def _key(user, password, stored):
        return hashlib.sha256(('%s\0%s\0%s' % (user, password, stored)).encode('utf-8')).digest()

    def verify(self, user, password, stored):
        if not stored:
            return False
        key = self._key(user, password, stored)
        if key in self._ok:
            return True
        if verify_password(password, stored):
            if len(self._ok) >= self.MAX:
                self._ok.clear()
            self._ok.add(key)
            return True
        return False
