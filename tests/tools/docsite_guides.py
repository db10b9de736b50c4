# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the guides in docs/*.md as reStructuredText under docs/docsite/rst/, where
antsibull-docs takes a collection's extra documentation from (it reads RST only).

The Markdown files stay the source; run this after editing one (`make docs` does), and
`--check` to fail when a committed RST file is stale (tests/release/test_docs.py does).
Links between guides become :ref: links, links to other files of the repository point to
it on GitHub, and each guide gets the label docs/docsite/extra-docs.yml refers to.
"""

import argparse
import ast
import json
import os
import posixpath
import sys

import pypandoc
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(REPO, 'docs')
RST_DIR = os.path.join(DOCS, 'docsite', 'rst')
LABEL_PREFIX = 'ansible_collections.mailstore.spe.docsite.'
HEADER = '..\n  Generated from docs/%s by tests/tools/docsite_guides.py: edit the Markdown file.\n\n'


def repository_url():
    with open(os.path.join(REPO, 'galaxy.yml')) as f:
        return yaml.safe_load(f)['repository'].rstrip('/')


def label(stem):
    return LABEL_PREFIX + stem.replace('-', '_')


def plain_text(inlines):
    parts = []
    for node in inlines:
        kind, content = node['t'], node.get('c')
        if kind in ('Str', 'Code'):
            parts.append(content if kind == 'Str' else content[1])
        elif kind in ('Space', 'SoftBreak'):
            parts.append(' ')
        elif isinstance(content, list):
            parts.append(plain_text([c for c in content if isinstance(c, dict)]))
    return ''.join(parts)


def parses(code):
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def rewrite_target(target, base):
    """Where a link of a guide goes in the site: a label (another guide, a module's or a role's
    reference page) or a URL (outside links as they are, other files of the repository on GitHub)."""
    if '://' in target or target.startswith(('#', 'mailto:')):
        return None, target
    path = posixpath.normpath(posixpath.join('docs', target.partition('#')[0]))
    parts = path.split('/')
    if len(parts) == 2 and parts[0] == 'docs' and path.endswith('.md') and os.path.exists(os.path.join(REPO, path)):
        return label(parts[1][:-3]), None
    if len(parts) == 3 and parts[:2] == ['plugins', 'modules'] and path.endswith('.py'):
        return 'ansible_collections.mailstore.spe.%s_module' % parts[2][:-3], None
    if len(parts) >= 2 and parts[0] == 'roles' and (len(parts) == 2 or parts[2] == 'README.md'):
        return 'ansible_collections.mailstore.spe.%s_role' % parts[1], None
    return None, '%s/blob/main/%s' % (base, path)


def walk(node, base):
    """Rewrite Link and Image nodes in place, anywhere in the pandoc AST."""
    if isinstance(node, list):
        for index, child in enumerate(node):
            replacement = rewrite(child, base)
            if replacement is not None:
                node[index] = replacement
            else:
                walk(child, base)
    elif isinstance(node, dict):
        for value in node.values():
            walk(value, base)


def rewrite(node, base):
    kind = node.get('t') if isinstance(node, dict) else None
    if kind == 'Header':  # no explicit labels: the site's labels must carry the collection's prefix
        node['c'][1][0] = ''
        return None
    if kind == 'CodeBlock':
        # Untagged blocks and excerpts that are not whole Python are text: the site highlights
        # untagged blocks as YAML, and rstcheck parses python blocks.
        (identifier, classes, pairs), code = node['c']
        if not classes or (classes == ['python'] and not parses(code)):
            return {'t': 'CodeBlock', 'c': [[identifier, ['text'], pairs], code]}
        return None
    if kind not in ('Link', 'Image'):
        return None
    attr, inlines, (target, title) = node['c']
    ref, url = rewrite_target(target, base)
    if ref is not None:
        return {'t': 'RawInline', 'c': ['rst', ':ref:`%s <%s>`' % (plain_text(inlines), ref)]}
    if node['t'] == 'Image' and url != target:
        url += '?raw=true'
    # RST has no markup inside a link's text: `code` becomes plain text there.
    text = [{'t': 'Str', 'c': n['c'][1]} if n['t'] == 'Code' else n for n in inlines]
    return {'t': node['t'], 'c': [attr, text, [url, title]]}


def convert(name, base):
    ast = json.loads(pypandoc.convert_file(os.path.join(DOCS, name), 'json', format='gfm'))
    walk(ast['blocks'], base)
    rst = pypandoc.convert_text(json.dumps(ast), 'rst', format='json', extra_args=['--wrap=none'])
    return HEADER % name + '.. _%s:\n\n' % label(name[:-3]) + rst


def listed_guides():
    with open(os.path.join(DOCS, 'docsite', 'extra-docs.yml')) as f:
        sections = yaml.safe_load(f)['sections']
    return {entry for section in sections for entry in section['toctree']}


def guides():
    return sorted(name for name in os.listdir(DOCS) if name.endswith('.md'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='fail when a generated file is missing or stale')
    args = parser.parse_args()
    base = repository_url()
    wanted = {name[:-3] + '.rst': convert(name, base) for name in guides()}
    os.makedirs(RST_DIR, exist_ok=True)
    present = set(os.listdir(RST_DIR))
    stale = sorted(n for n in wanted if n not in present or open(os.path.join(RST_DIR, n)).read() != wanted[n])
    extra = sorted(present - set(wanted))
    if args.check:
        if stale or extra:
            sys.exit(
                'docs/docsite/rst is not current (run tests/tools/docsite_guides.py): %s' % ', '.join(stale + extra)
            )
        unlisted = sorted({name[:-3] for name in guides()} - listed_guides())
        if unlisted:
            sys.exit('docs/docsite/extra-docs.yml does not list: %s' % ', '.join(unlisted))
        return
    for name in stale:
        with open(os.path.join(RST_DIR, name), 'w') as f:
            f.write(wanted[name])
    for name in extra:
        os.remove(os.path.join(RST_DIR, name))


if __name__ == '__main__':
    main()
