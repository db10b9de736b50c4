# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Small helpers shared by the command modules: validation with readable messages, lookups,
# time zones and time stamps.

import datetime
import re

from .registry import ApiError

INSTANCE_ID = re.compile(r'^[a-z][a-z0-9-]{2,31}$')
THUMBPRINT = re.compile(r'^[0-9A-Fa-f]{40}$')
TIMESTAMP = '%Y-%m-%dT%H:%M:%S'

# S28: the time zones offered by GetTimeZones, with fixed offsets (no daylight saving).
# "$Local" is the simulated server's own zone and is taken to be UTC.
TIME_ZONES = [
    ('$Local', '(UTC) Local time of the server', 0),
    ('UTC', '(UTC) Coordinated Universal Time', 0),
    ('GMT Standard Time', '(UTC+00:00) Dublin, Edinburgh, Lisbon, London', 0),
    ('W. Europe Standard Time', '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 60),
    ('Central European Standard Time', '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb', 60),
    ('E. Europe Standard Time', '(UTC+02:00) Chisinau', 120),
    ('India Standard Time', '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi', 330),
    ('Tokyo Standard Time', '(UTC+09:00) Osaka, Sapporo, Tokyo', 540),
    ('AUS Eastern Standard Time', '(UTC+10:00) Canberra, Melbourne, Sydney', 600),
    ('Eastern Standard Time', '(UTC-05:00) Eastern Time (US & Canada)', -300),
    ('Central Standard Time', '(UTC-06:00) Central Time (US & Canada)', -360),
    ('Pacific Standard Time', '(UTC-08:00) Pacific Time (US & Canada)', -480),
]
_TZ_OFFSETS = {tz_id: minutes for tz_id, _name, minutes in TIME_ZONES}


def fail(message, details=None):
    raise ApiError(message, details)


def require_object(value, what):
    if not isinstance(value, dict):
        fail('%s must be a JSON object.' % what)
    return value


def check_keys(obj, allowed, what):
    unknown = sorted(k for k in obj if k not in allowed)
    if unknown:
        fail('Unknown key(s) in %s: %s (allowed: %s).' % (what, ', '.join(unknown), ', '.join(allowed)))


def require_str(value, what, allow_empty=False, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        fail('%s must be a string.' % what)
    if not allow_empty and not value.strip():
        fail('%s must not be empty.' % what)
    return value


def require_bool(value, what, nullable=False):
    if value is None and nullable:
        return None
    if not isinstance(value, bool):
        fail('%s must be true or false.' % what)
    return value


def require_int(value, what, minimum=None, maximum=None, nullable=False):
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        fail('%s must be an integer.' % what)
    value = int(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        fail('%s must be between %s and %s, got %d.' % (what, minimum, maximum, value))
    return value


def require_choice(value, allowed, what):
    if value not in allowed:
        fail("Invalid %s '%s'; allowed values: %s." % (what, value, ', '.join(allowed)))
    return value


def split_list(text):
    # Lists arrive comma-separated; blanks around items are ignored, empty items dropped.
    if text is None:
        return []
    return [item.strip() for item in text.split(',') if item.strip()]


def same_path(a, b):
    # Windows paths: case-insensitive, trailing separators ignored.
    return a.rstrip('\\/').lower() == b.rstrip('\\/').lower()


def require_time_zone(tz_id, what='timeZoneId'):
    if tz_id not in _TZ_OFFSETS:
        fail("Unknown time zone '%s' in %s; use GetTimeZones for the list." % (tz_id, what))
    return tz_id


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)


def fmt(dt):
    return dt.strftime(TIMESTAMP)


def parse_timestamp(text, what):
    try:
        return datetime.datetime.strptime(text, TIMESTAMP)
    except (TypeError, ValueError):
        fail("%s must be a date and time as YYYY-MM-DDThh:mm:ss, got '%s'." % (what, text))
    return None


def to_zone(utc_text, tz_id):
    if utc_text is None:
        return None
    dt = datetime.datetime.strptime(utc_text, TIMESTAMP) + datetime.timedelta(minutes=_TZ_OFFSETS[tz_id])
    return fmt(dt)


def from_zone(local_dt, tz_id):
    return local_dt - datetime.timedelta(minutes=_TZ_OFFSETS[tz_id])


def time_range(fromIncluding, toExcluding, tz):
    """[start, end) in UTC from two local time stamps in zone tz (Get*Results filters)."""
    start = from_zone(parse_timestamp(fromIncluding, 'fromIncluding'), tz)
    end = from_zone(parse_timestamp(toExcluding, 'toExcluding'), tz)
    return start, end


def in_range(utc_text, start, end):
    return start <= datetime.datetime.strptime(utc_text, TIMESTAMP) < end


def get_instance(state, instance_id):
    inst = state['instances'].get(instance_id) if isinstance(instance_id, str) else None
    if inst is None:
        fail("Instance '%s' does not exist." % instance_id)
    return inst


def next_process_id(state):
    pid = state['next_process_id']
    state['next_process_id'] = pid + 4
    return pid


def find_host(state, name):
    for host in state['instance_hosts']:
        if host['serverName'].lower() == str(name).lower():
            return host
    return None
