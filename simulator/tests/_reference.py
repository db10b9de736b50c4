# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Parses the vendor function reference text into {command: [[arg, type, mandatory], ...]}.
# Used only to (re)generate reference_commands.json and to check that the committed fixture
# still matches the reference when ../shared/reference exists next to the repository.
# Regenerate: python simulator/tests/_reference.py PATH/TO/management-api-function-reference.txt

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, 'reference_commands.json')
REPO_ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
REFERENCE = os.path.join(os.path.dirname(REPO_ROOT), 'shared', 'reference', 'management-api-function-reference.txt')

_NAME = re.compile(r'^[A-Z][A-Za-z0-9]+$')
_ARG = re.compile(r'^([A-Za-z][A-Za-z0-9]*) (string|number|bool|json)( \(optional\))?(?: |$)')


def parse(text):
    lines = [line.rstrip() for line in text.splitlines()]
    commands = {}
    current = None
    i = 0
    while i < len(lines):
        line = lines[i]
        prev_blank = i == 0 or lines[i - 1] == ''
        next_blank = i + 1 < len(lines) and lines[i + 1] == ''
        if (
            line == 'Arguments'
            and current is not None
            and i + 2 < len(lines)
            and lines[i + 2] == 'Name Type Description'
        ):
            i += 3
            while i < len(lines) and lines[i] != '':
                m = _ARG.match(lines[i])
                if not m:
                    raise ValueError('cannot parse argument line %r' % lines[i])
                commands[current].append([m.group(1), m.group(2), m.group(3) is None])
                i += 1
            continue
        if _NAME.match(line) and prev_blank and next_blank and line != 'Arguments' and i > 2:
            current = line
            if current in commands:
                raise ValueError('duplicate command %s' % current)
            commands[current] = []
        i += 1
    return commands


def load_fixture():
    with open(FIXTURE, encoding='utf-8') as f:
        return json.load(f)


if __name__ == '__main__':
    src = sys.argv[1] if len(sys.argv) > 1 else REFERENCE
    with open(src, encoding='utf-8') as f:
        data = parse(f.read())
    with open(FIXTURE, 'w', encoding='utf-8') as f:
        json.dump(dict(sorted(data.items())), f, indent=1)
        f.write('\n')
    sys.stdout.write('%d commands\n' % len(data))
