#!/usr/bin/env python3
"""protogen: generates Partita's Kafka message structs and codecs from our schema files.

Usage: protogen.py SCHEMA.msg OUT_DIR INCLUDE_PREFIX
  Reads one schema file (format: docs/ARCHITECTURE.md, "Message schemas") and writes OUT_DIR/<name>.h,
  OUT_DIR/<name>.cc and, for tests only, OUT_DIR/<name>_samples.h, where <name> is the schema file's base
  name. INCLUDE_PREFIX is the include path of
  OUT_DIR as the C++ code spells it (engine/protocol/messages).
  --all OUT_DIR INCLUDE_PREFIX SCHEMA...   writes all_messages.h (ForEachApi over every API) and
                     all_samples.h (tests) into OUT_DIR.

The generated decoders follow the bounded-reader rules of the hand-written ones they replace: every array
count is checked by the Reader against the element's minimum wire size before anything is allocated, errors
are sticky (a failed Reader reads nothing more), and nothing is read past the frame. Unknown tagged fields are
skipped, as Kafka's generated readers skip tags they do not know; known ones are decoded from exactly their
declared size.
Only Python 3's standard library is used.
"""
import os
import re
import sys

INT_TYPES = {
    'int8': ('int8_t', 1, 'Int8'),
    'int16': ('int16_t', 2, 'Int16'),
    'int32': ('int32_t', 4, 'Int32'),
    'int64': ('int64_t', 8, 'Int64'),
    'uint16': ('uint16_t', 2, 'Uint16'),
    'varint': ('int32_t', 1, 'Varint'),
    'float64': ('double', 8, 'Float64'),
    'bool': ('bool', 1, 'Bool'),
    'uuid': ('Uuid', 16, 'Uuid'),
}
VAR_TYPES = ('string', 'bytes', 'records')
NO_VERSION = 0x7fff


class SchemaError(Exception):
    pass


class Versions:
    """A closed version range [lo, hi]; empty when lo > hi."""

    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    @staticmethod
    def parse(text, where):
        if text == 'none':
            return Versions(1, 0)
        m = re.fullmatch(r'(\d+)(\+|-(\d+))?', text)
        if not m:
            raise SchemaError(f'{where}: bad version range "{text}" (use 3, 3+, 0-3 or none)')
        lo = int(m.group(1))
        if m.group(2) == '+':
            return Versions(lo, NO_VERSION)
        return Versions(lo, int(m.group(3)) if m.group(3) else lo)

    def empty(self):
        return self.lo > self.hi

    def contains(self, v):
        return self.lo <= v <= self.hi

    def intersect(self, other):
        return Versions(max(self.lo, other.lo), min(self.hi, other.hi))

    def covers(self, other):
        return other.empty() or (self.lo <= other.lo and other.hi <= self.hi)

    def condition(self, api_range):
        """A C++ condition on `version` that is true in this range, given that version lies in api_range."""
        r = self.intersect(api_range)
        if r.empty():
            return 'false'
        need_lo, need_hi = r.lo > api_range.lo, r.hi < api_range.hi
        if need_lo and need_hi:
            return f'version == {r.lo}' if r.lo == r.hi else f'version >= {r.lo} && version <= {r.hi}'
        if need_lo:
            return f'version >= {r.lo}'
        if need_hi:
            return f'version == {r.hi}' if r.hi == api_range.lo else f'version <= {r.hi}'
        return 'true'

    def describe(self):
        if self.empty():
            return 'none'
        if self.hi == NO_VERSION:
            return f'v{self.lo}+'
        if self.lo == self.hi:
            return f'v{self.lo} only'
        return f'v{self.lo}-{self.hi}'


class Field:
    def __init__(self, name, type_text, opts, comment, where):
        self.name = name
        self.where = where
        self.comment = comment
        self.is_array = type_text.startswith('[]')
        self.elem = type_text[2:] if self.is_array else type_text
        self.struct = None  # a Struct when the element is a nested struct
        self.versions = Versions.parse(opts.pop('v', '0+'), where)
        self.nullable = Versions.parse(opts.pop('null', 'none'), where)
        self.default = opts.pop('default', None)
        self.tag = int(opts.pop('tag')) if 'tag' in opts else None
        self.cpp = opts.pop('cpp', None)
        self.empty_is_null = Versions.parse(opts.pop('empty_is_null', 'none'), where)
        self.optional = opts.pop('optional', None) == 'yes'  # C++ optional although never null on the wire
        if opts:
            raise SchemaError(f'{where}: unknown option(s) {", ".join(sorted(opts))}')
        if not self.is_array and self.elem not in INT_TYPES and self.elem not in VAR_TYPES \
                and not self.elem[:1].isupper():
            raise SchemaError(f'{where}: unknown type "{self.elem}"')
        if not self.nullable.empty() and not self.is_array and self.elem in INT_TYPES:
            raise SchemaError(f'{where}: {self.elem} cannot be nullable')

    def is_struct(self):
        return self.struct is not None

    def cpp_optional(self):
        return (not self.nullable.empty() or self.optional) and self.elem != 'records'


class Struct:
    def __init__(self, name, where):
        self.name = name
        self.where = where
        self.fields = []
        self.nested = []  # nested structs, in definition order (children before parents)
        self.constants = []
        self.comments = []


class Api:
    def __init__(self, name, key, versions, flexible, where):
        self.name, self.key, self.versions, self.flexible = name, key, versions, flexible
        self.where = where
        self.request = None
        self.response = None


def parse_options(tokens, where):
    opts = {}
    for t in tokens:
        if '=' not in t:
            raise SchemaError(f'{where}: expected key=value, got "{t}"')
        k, v = t.split('=', 1)
        opts[k] = v
    return opts


def parse(path):
    """Returns (file_comment_lines, [Api])."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    file_comment = []
    apis = []
    api = None
    # Stack of (indent, Struct, top-level Struct) for field nesting.
    stack = []
    pending_comments = []
    seen_code = False
    for no, raw in enumerate(lines, 1):
        where = f'{path}:{no}'
        if not raw.strip():
            if not seen_code and file_comment:
                file_comment.append('')
            continue
        indent = len(raw) - len(raw.lstrip(' '))
        text = raw.strip()
        if text.startswith('#'):
            c = text[1:].strip() if text[1:2] == ' ' or len(text) == 1 else text[1:]
            if not seen_code:
                file_comment.append(c)
            else:
                pending_comments.append(c)
            continue
        seen_code = True
        comment = ''
        if ' #' in text:
            text, comment = text.split(' #', 1)
            text, comment = text.rstrip(), comment.strip()
        tokens = text.split()
        if indent == 0:
            stack = []
            if tokens[0] == 'api':
                if len(tokens) < 2:
                    raise SchemaError(f'{where}: api needs a name')
                opts = parse_options(tokens[2:], where)
                vr = Versions.parse(opts.pop('versions'), where)
                flex = opts.pop('flexible', 'none')
                flex_v = NO_VERSION if flex == 'none' else int(flex)
                api = Api(tokens[1], int(opts.pop('key')), vr, flex_v, where)
                if opts:
                    raise SchemaError(f'{where}: unknown api option(s) {", ".join(opts)}')
                apis.append(api)
            elif tokens[0] in ('request', 'response'):
                if api is None or len(tokens) != 2:
                    raise SchemaError(f'{where}: "{tokens[0]} Name" must follow an api line')
                s = Struct(tokens[1], where)
                s.comments = pending_comments
                pending_comments = []
                setattr(api, tokens[0], s)
                stack = [(0, s, s)]
            else:
                raise SchemaError(f'{where}: expected api, request or response')
            continue
        if not stack:
            raise SchemaError(f'{where}: field outside a request/response')
        while stack and indent <= stack[-1][0] and len(stack) > 1:
            stack.pop()
        parent_indent, parent, top = stack[-1]
        if indent <= parent_indent:
            raise SchemaError(f'{where}: bad indentation')
        if tokens[0] == 'const':
            # const kName = value
            m = re.fullmatch(r'const\s+(\w+)\s*=\s*(\S+)', text)
            if not m or parent is not top:
                raise SchemaError(f'{where}: "const kName = value" belongs to a request or response')
            top.constants.append((m.group(1), m.group(2), comment))
            continue
        if len(tokens) < 2:
            raise SchemaError(f'{where}: a field is "name type [options]"')
        field = Field(tokens[0], tokens[1], parse_options(tokens[2:], where), comment, where)
        field.pre_comments = pending_comments
        pending_comments = []
        parent.fields.append(field)
        if field.elem[:1].isupper():
            existing = next((n for n in top.nested if n.name == field.elem), None)
            # Children follow on more-indented lines: a new struct. Otherwise: a reference to one defined earlier.
            nxt = next_code_line(lines, no)
            if nxt is not None and nxt[0] > indent and not nxt[1].startswith('const'):
                if existing is not None:
                    raise SchemaError(f'{where}: struct {field.elem} is defined twice in {top.name}')
                s = Struct(field.elem, where)
                field.struct = s
                stack.append((indent, s, top))
                top.nested.append(s)
            else:
                if existing is None:
                    raise SchemaError(f'{where}: struct {field.elem} is not defined above in {top.name}')
                field.struct = existing
    for a in apis:
        if a.request is None or a.response is None:
            raise SchemaError(f'{a.where}: api {a.name} needs a request and a response')
        for s in (a.request, a.response):
            order_nested(s)
    return file_comment, apis


def next_code_line(lines, no):
    for raw in lines[no:]:
        t = raw.strip()
        if not t or t.startswith('#'):
            continue
        return (len(raw) - len(raw.lstrip(' ')), t)
    return None


def order_nested(top):
    """Orders nested structs so that each comes after the structs its fields use."""
    done, out = set(), []

    def visit(s):
        if s.name in done:
            return
        done.add(s.name)
        for f in s.fields:
            if f.struct is not None:
                visit(f.struct)
        if s is not top:
            out.append(s)

    visit(top)
    top.nested = out


# ---------------------------------------------------------------- code generation

def cpp_elem_type(f):
    if f.struct is not None:
        return f.struct.name
    if f.cpp:
        return f.cpp
    if f.elem in INT_TYPES:
        return INT_TYPES[f.elem][0]
    return {'string': 'std::string', 'bytes': 'std::vector<uint8_t>', 'records': 'RecordsField'}[f.elem]


def cpp_type(f):
    t = cpp_elem_type(f)
    if f.is_array:
        t = f'std::vector<{t}>'
    if f.cpp_optional():
        t = f'std::optional<{t}>'
    return t


def default_init(f):
    if f.is_array or f.cpp_optional() or f.struct is not None:
        return ''
    if f.elem in ('string', 'bytes', 'records'):
        return f' = {f.default}' if f.default is not None else ''
    if f.elem == 'uuid':
        return '{}'
    d = f.default if f.default is not None else ('false' if f.elem == 'bool' else '0')
    if f.cpp:
        return f'{{{d}}}'
    return f' = {d}'


def default_value(f):
    """A C++ expression for the field's default (used to decide whether a tagged field is written)."""
    t = cpp_type(f)
    init = default_init(f)
    if init.startswith(' = '):
        return init[3:]
    return f'{t}{{{init[1:-1] if init.startswith("{") else ""}}}'


def min_size(f, version, flex):
    """Minimum wire size of field f in a version (0 when absent or tagged)."""
    if not f.versions.contains(version) or (f.tag is not None and flex):
        return 0
    if f.tag is not None and not flex:
        return 0
    if f.is_array or f.elem in ('bytes', 'records'):
        return 1 if flex else 4
    if f.elem == 'string':
        return 1 if flex else 2
    if f.struct is not None:
        return struct_min(f.struct, version, flex)
    return INT_TYPES[f.elem][1]


def struct_min(s, version, flex):
    return sum(min_size(f, version, flex) for f in s.fields) + (1 if flex else 0)


def elem_min(f, version, flex):
    if f.struct is not None:
        return struct_min(f.struct, version, flex)
    if f.elem == 'string':
        return 1 if flex else 2
    if f.elem in ('bytes', 'records'):
        return 1 if flex else 4
    return INT_TYPES[f.elem][1]


def min_expr(f, api):
    """A C++ expression for an element's minimum size, as a function of `version`."""
    lo, hi = api.versions.lo, api.versions.hi
    values = [(v, elem_min(f, v, v >= api.flexible)) for v in range(lo, hi + 1)]
    # Collapse runs of equal values, then test from the highest run down.
    runs = []
    for v, m in values:
        if runs and runs[-1][1] == m:
            continue
        runs.append([v, m])
    expr = str(runs[0][1])
    for r_lo, m in runs[1:]:
        expr = f'version >= {r_lo} ? {m} : {expr}' if len(expr) < 4 else f'version >= {r_lo} ? {m} : ({expr})'
    return expr if len(runs) == 1 else f'static_cast<size_t>({expr})'


def each(ind, head, body):
    """A call taking a per-element lambda: `head` ends with the lambda's opening brace."""
    return [f'{ind}{head}'] + [ind + '  ' + x.strip() for x in body] + [f'{ind}}});']


class Gen:
    def __init__(self, api, top):
        self.api = api
        self.top = top
        self.is_request = top is api.request
        self.rd = 'r'  # the Reader the read_* lines use (a tagged field's own sub-reader)
        self.wr = 'w'

    def present(self, f):
        """The versions f is on the wire in (inside its guard, `version` lies in this range)."""
        return f.versions.intersect(self.api.versions)

    def flex_const(self):
        return 'kFirstFlexibleVersion' if self.is_request else f'{self.api.request.name}::kFirstFlexibleVersion'

    def fn_name(self, s, op):
        return f'{op}{self.top.name}' if s is self.top else f'{op}{self.top.name}_{s.name}'

    def qualified(self, s):
        return self.top.name if s is self.top else f'{self.top.name}::{s.name}'

    # ----- decoding
    def read_scalar(self, f, target, ind, nullable_now):
        """Lines that read one non-array value of f into `target`."""
        e = f.elem
        if f.struct is not None:
            return [f'{ind}{self.fn_name(f.struct, "Read")}({self.rd}, version, flex, {target});']
        if e in INT_TYPES:
            expr = f'{self.rd}.Read{INT_TYPES[e][2]}()'
            if f.cpp:
                expr = f'{f.cpp}({expr})'
            return [f'{ind}{target} = {expr};']
        if e == 'string':
            fn = 'ReadNullableString' if nullable_now else 'ReadString'
            return [f'{ind}{target} = {self.rd}.{fn}(flex);']
        if e == 'bytes':
            fn = 'ReadOwnedNullableBytes' if nullable_now else 'ReadOwnedBytes'
            return [f'{ind}{target} = {fn}({self.rd}, flex);']
        if e == 'records':
            return [f'{ind}{target}.Decode({self.rd}, flex);']
        raise SchemaError(f'{f.where}: cannot read {e}')

    def read_field(self, f, obj, ind):
        """Lines decoding f (present in this version) into obj.f."""
        target = f'{obj}.{f.name}' if obj else f.name
        lines = []
        if not f.is_array:
            if f.nullable.empty() or f.elem == 'records' or f.elem not in ('string', 'bytes'):
                lines += self.read_scalar(f, target, ind, False)
            else:
                cond = f.nullable.condition(self.present(f))
                if cond == 'true':
                    lines += self.read_scalar(f, target, ind, True)
                elif cond == 'false':
                    lines += self.read_scalar(f, target, ind, False)
                else:
                    lines.append(f'{ind}if ({cond}) {{')
                    lines += self.read_scalar(f, target, ind + '  ', True)
                    lines.append(f'{ind}}} else {{')
                    lines += self.read_scalar(f, target, ind + '  ', False)
                    lines.append(f'{ind}}}')
            return lines
        elem_t = self.qualified(f.struct) if f.struct is not None else cpp_elem_type(f)
        mn = min_expr(f, self.api)
        el = self.read_scalar(f, 'e', ind + '  ', False)
        if f.cpp_optional():
            cond = f.nullable.condition(self.present(f))
            body = []
            if cond != 'false':
                body.append(('nullable', cond))
            if cond != 'true':
                body.append(('present', cond))
            for kind, c in body:
                pre = ind
                if len(body) == 2:
                    lines.append(f'{ind}{"if (" + c + ") {" if kind == "nullable" else "} else {"}')
                    pre = ind + '  '
                fn = 'ReadNullableArray' if kind == 'nullable' else 'ReadArray'
                out_t = target if kind == 'nullable' else f'{target}.emplace()'
                lines += each(pre, f'{fn}({self.rd}, flex, {mn}, {out_t}, [&]({elem_t}& e) {{', el)
            if len(body) == 2:
                lines.append(f'{ind}}}')
            if not f.empty_is_null.empty():
                c = f.empty_is_null.condition(self.present(f))
                lines.append(f'{ind}if (({c}) && {target} && {target}->empty()) {target}.reset();')
        else:
            lines += each(ind, f'ReadArray({self.rd}, flex, {mn}, {target}, [&]({elem_t}& e) {{', el)
        return lines

    def decode_body(self, s, obj, ind):
        lines = []
        rng = self.api.versions
        for f, c in self.wire_fields(s):
            lines += self.guarded(c, ind, lambda i, f=f: self.read_field(f, obj, i))
        tagged = [f for f in s.fields if f.tag is not None]
        if not tagged:
            lines.append(f'{ind}if (flex) r.SkipTaggedFields();')
        else:
            lines.append(f'{ind}if (flex) {{')
            lines.append(f'{ind}  ReadTaggedFields(r, [&](uint32_t tag, Reader& tr) {{')
            lines.append(f'{ind}    switch (tag) {{')
            for f in sorted(tagged, key=lambda x: x.tag):
                c = f.versions.condition(rng)
                lines.append(f'{ind}      case {f.tag}:')
                lines.append(f'{ind}        if (!({c})) return false;')
                self.rd = 'tr'
                lines += self.read_field(f, obj, ind + '        ')
                self.rd = 'r'
                lines.append(f'{ind}        return true;')
            lines.append(f'{ind}      default:')
            lines.append(f'{ind}        return false;')
            lines.append(f'{ind}    }}')
            lines.append(f'{ind}  }});')
            lines.append(f'{ind}}}')
        return lines

    def wire_fields(self, s):
        """(field, condition) for the untagged fields of s that some served version has."""
        for f in s.fields:
            if f.tag is not None:
                continue  # tagged fields live in the tagged-field section (flexible versions only)
            c = f.versions.condition(self.api.versions)
            if c != 'false':
                yield f, c

    def guarded(self, cond, ind, make):
        if cond == 'true':
            return make(ind)
        inner = make(ind + '  ')
        if len(inner) == 1:
            return [f'{ind}if ({cond}) {inner[0].strip()}']
        return [f'{ind}if ({cond}) {{'] + inner + [f'{ind}}}']

    # ----- encoding
    def write_scalar(self, f, value, ind, nullable_now, element=False):
        """Lines writing one non-array value (or, with element, one array element) of f."""
        e = f.elem
        optional = f.cpp_optional() and not element
        if f.struct is not None:
            return [f'{ind}{self.fn_name(f.struct, "Write")}({self.wr}, version, flex, {value});']
        if e in INT_TYPES:
            v = f'{value}.value' if f.cpp else value
            return [f'{ind}{self.wr}.Write{INT_TYPES[e][2]}({v});']
        if e == 'string':
            if optional:
                if nullable_now:
                    return [f'{ind}{self.wr}.WriteNullableString({value}, flex);']
                return [f'{ind}{self.wr}.WriteString({value} ? std::string_view(*{value}) : std::string_view(), flex);']
            return [f'{ind}{self.wr}.WriteString({value}, flex);']
        if e == 'bytes':
            if optional:
                if nullable_now:
                    return [f'{ind}WriteOwnedNullableBytes({self.wr}, {value}, flex);']
                return [f'{ind}WriteOwnedBytes({self.wr}, {value} ? *{value} : std::vector<uint8_t>(), flex);']
            return [f'{ind}WriteOwnedBytes({self.wr}, {value}, flex);']
        if e == 'records':
            return [f'{ind}{value}.Encode({self.wr}, flex);']
        raise SchemaError(f'{f.where}: cannot write {e}')

    def write_field(self, f, obj, ind):
        value = f'{obj}.{f.name}' if obj else f.name
        rng = self.api.versions
        if not f.is_array:
            if f.cpp_optional() and f.elem in ('string', 'bytes'):
                cond = f.nullable.condition(self.present(f))
                if cond in ('true', 'false'):
                    return self.write_scalar(f, value, ind, cond == 'true')
                return ([f'{ind}if ({cond}) {{'] + self.write_scalar(f, value, ind + '  ', True) +
                        [f'{ind}}} else {{'] + self.write_scalar(f, value, ind + '  ', False) + [f'{ind}}}'])
            return self.write_scalar(f, value, ind, False)
        elem_t = self.qualified(f.struct) if f.struct is not None else cpp_elem_type(f)
        el = self.write_scalar(f, 'e', ind + '  ', False, element=True)
        lines = []
        if f.cpp_optional():
            cond = f.nullable.condition(self.present(f))
            # Null where the version has no null: written as an empty array (as the hand-written codecs did).
            if cond == 'true':
                lines.append(f'{ind}WriteNullableArray({self.wr}, flex, {value}, [&](const {elem_t}& e) {{')
            else:
                nc = 'true' if cond == 'false' else f'!({cond})'
                lines.append(f'{ind}if (!{value} && {nc}) {{')
                lines.append(f'{ind}  WriteCount({self.wr}, 0, flex);')
                lines.append(f'{ind}}} else {{')
                lines += each(ind + '  ', f'WriteNullableArray({self.wr}, flex, {value}, [&](const {elem_t}& e) {{', el)
                lines.append(f'{ind}}}')
                return lines
        else:
            lines.append(f'{ind}WriteArray({self.wr}, flex, {value}, [&](const {elem_t}& e) {{')
        lines += [ind + '  ' + x.strip() for x in el]
        lines.append(f'{ind}}});')
        return lines

    def encode_body(self, s, obj, ind):
        lines = []
        rng = self.api.versions
        for f, c in self.wire_fields(s):
            lines += self.guarded(c, ind, lambda i, f=f: self.write_field(f, obj, i))
        tagged = sorted([f for f in s.fields if f.tag is not None], key=lambda x: x.tag)
        if not tagged:
            lines.append(f'{ind}if (flex) w.WriteEmptyTaggedFields();')
            return lines
        lines.append(f'{ind}if (flex) {{')
        lines.append(f'{ind}  // Tagged fields are written only when they differ from their default, as Kafka does.')
        conds = []
        for f in tagged:
            value = f'{obj}.{f.name}' if obj else f.name
            # A struct or array default is spelled through decltype: nested struct names are not in scope in the
            # free Write functions of nested structs.
            default = f'decltype({value}){{}}' if (f.struct is not None or f.is_array) else default_value(f)
            conds.append((f, f'({f.versions.condition(rng)}) && !({value} == {default})'))
        lines.append(f'{ind}  uint32_t tagged = 0;')
        for f, c in conds:
            lines.append(f'{ind}  if ({c}) ++tagged;')
        lines.append(f'{ind}  w.WriteUnsignedVarint(tagged);')
        for f, c in conds:
            lines.append(f'{ind}  if ({c}) {{')
            lines.append(f'{ind}    Writer tw;')
            self.wr = 'tw'
            lines += self.write_field(f, obj, ind + '    ')
            self.wr = 'w'
            lines.append(f'{ind}    WriteTaggedField(w, {f.tag}, tw);')
            lines.append(f'{ind}  }}')
        lines.append(f'{ind}}}')
        return lines

    # ----- functions
    def nested_functions(self):
        out = []
        for s in self.top.nested:
            q = self.qualified(s)
            out.append(f'void {self.fn_name(s, "Read")}(Reader& r, int16_t version, bool flex, {q}& x);')
            out.append(f'void {self.fn_name(s, "Write")}(Writer& w, int16_t version, bool flex, const {q}& x);')
        out.append('')
        for s in self.top.nested:
            q = self.qualified(s)
            out.append(f'void {self.fn_name(s, "Read")}(Reader& r, int16_t version, bool flex, {q}& x) {{')
            out.append('  (void)version;')
            out += self.decode_body(s, 'x', '  ')
            out.append('}')
            out.append('')
            out.append(f'void {self.fn_name(s, "Write")}(Writer& w, int16_t version, bool flex, const {q}& x) {{')
            out.append('  (void)version;')
            out += self.encode_body(s, 'x', '  ')
            out.append('}')
            out.append('')
        return out

    def top_functions(self):
        t = self.top.name
        out = [f'void {t}::Decode(Reader& r, int16_t version) {{',
               f'  const bool flex = version >= {self.flex_const()};',
               f'  *this = {t}{{}};']
        out += self.decode_body(self.top, '', '  ')
        out.append('}')
        out.append('')
        out.append(f'void {t}::Encode(Writer& w, int16_t version) const {{')
        out.append(f'  const bool flex = version >= {self.flex_const()};')
        out += self.encode_body(self.top, '', '  ')
        out.append('}')
        out.append('')
        return out


def has_records(s):
    for f in s.fields:
        if f.elem == 'records':
            return True
        if f.struct is not None and f.struct is not s and has_records(f.struct):
            return True
    return False


def field_comment(f, api):
    parts = []
    if f.versions.lo > api.versions.lo or f.versions.hi < api.versions.hi:
        parts.append(f.versions.describe())
    if not f.nullable.empty() and not f.is_array and f.elem != 'records':
        if not f.nullable.covers(f.versions.intersect(api.versions)):
            parts.append(f'nullable {f.nullable.describe()}')
    elif not f.nullable.empty() and f.is_array:
        parts.append('nullable' if f.nullable.covers(f.versions.intersect(api.versions))
                     else f'nullable {f.nullable.describe()}')
    if f.tag is not None:
        parts.append(f'tagged (tag {f.tag})')
    text = ', '.join(parts)
    if f.comment:
        text = f'{text}: {f.comment}' if text else f.comment
    return f'  // {text}' if text else ''


def emit_struct(s, api, is_request, ind):
    out = []
    for c in s.comments:
        out.append(f'{ind}// {c}'.rstrip())
    out.append(f'{ind}struct {s.name} {{')
    inner = ind + '  '
    if s is api.request:
        out.append(f'{inner}static constexpr ApiKey kApiKey = ApiKey::k{api.name};')
        out.append(f'{inner}static constexpr int16_t kMinVersion = {api.versions.lo};')
        out.append(f'{inner}static constexpr int16_t kMaxVersion = {api.versions.hi};')
        flex = 'INT16_MAX' if api.flexible == NO_VERSION else str(api.flexible)
        note = '  // no version is flexible' if api.flexible == NO_VERSION else ''
        out.append(f'{inner}static constexpr int16_t kFirstFlexibleVersion = {flex};{note}')
        for name, value, comment in s.constants:
            out.append(f'{inner}static constexpr int16_t {name} = {value};' + (f'  // {comment}' if comment else ''))
        out.append('')
    if s is api.response and s.constants:
        for name, value, comment in s.constants:
            out.append(f'{inner}static constexpr int16_t {name} = {value};' + (f'  // {comment}' if comment else ''))
        out.append('')
    if s is api.request or s is api.response:
        for n in s.nested:
            out += emit_struct(n, api, is_request, inner)
        if s.nested:
            out.append('')
    for f in s.fields:
        for c in getattr(f, 'pre_comments', []):
            out.append(f'{inner}// {c}'.rstrip())
        out.append(f'{inner}{cpp_type(f)} {f.name}{default_init(f)};{field_comment(f, api)}')
    if not has_records(s):
        out.append('')
        out.append(f'{inner}bool operator==(const {s.name}&) const = default;')
    if s is api.request or s is api.response:
        out.append(f'{inner}void Decode(Reader& r, int16_t version);')
        out.append(f'{inner}void Encode(Writer& w, int16_t version) const;')
    out.append(f'{ind}}};')
    return out



# ---------------------------------------------------------------- test samples

def sample_lines(f, target, idx, api, ind, nullable_cond):
    """Lines giving field f a distinctive non-default value (seed-dependent) in the current version."""
    lines = []
    if f.is_array:
        elem_t = f'T::{f.struct.name}' if f.struct is not None else cpp_elem_type(f)
        v = f'{target}' if not f.cpp_optional() else f'{target}.emplace()'
        if f.cpp_optional() and nullable_cond != 'false':
            lines.append(f'{ind}if (({nullable_cond}) && seed % 2 == 1) {{')
            lines.append(f'{ind}  {target}.reset();')
            lines.append(f'{ind}}} else {{')
            ind2 = ind + '  '
        else:
            ind2 = ind
        lines.append(f'{ind2}auto& v = {v};')
        lines.append(f'{ind2}for (int i = 0; i < 2; ++i) {{')
        lines.append(f'{ind2}  {elem_t}& e = v.emplace_back();')
        lines += elem_sample(f, 'e', idx, ind2 + '  ', 'seed + i')
        lines.append(f'{ind2}}}')
        if ind2 != ind:
            lines.append(f'{ind}}}')
        return lines
    if f.cpp_optional() and nullable_cond != 'false':
        lines.append(f'{ind}if (({nullable_cond}) && seed % 2 == 1) {{')
        lines.append(f'{ind}  {target}.reset();')
        lines.append(f'{ind}}} else {{')
        lines += elem_sample(f, target, idx, ind + '  ', 'seed')
        lines.append(f'{ind}}}')
        return lines
    return elem_sample(f, target, idx, ind, 'seed')


def elem_sample(f, target, idx, ind, seed):
    e = f.elem
    if f.struct is not None:
        return [f'{ind}Sample({target}, version, {seed});']
    if e == 'bool':
        return [f'{ind}{target} = !{target};']
    if e == 'uuid':
        return [f'{ind}for (size_t b = 0; b < {target}.size(); ++b) {target}[b] = static_cast<uint8_t>({seed} + b + {idx});']
    if e in INT_TYPES:
        t = INT_TYPES[e][0]
        v = f'static_cast<{t}>(({seed}) * 7 + {idx + 1})'
        return [f'{ind}{target} = {f.cpp}({v});' if f.cpp else f'{ind}{target} = {v};']
    if e == 'string':
        return [f'{ind}{target} = "{f.name}-" + std::to_string({seed});']
    if e == 'bytes':
        return [f'{ind}{target} = std::vector<uint8_t>{{1, 2, static_cast<uint8_t>({seed}), {idx % 256}}};']
    if e == 'records':
        return [f'{ind}if (({seed}) % 2 == 1) {{',
                f'{ind}  {target}.is_null = true;',
                f'{ind}}} else {{',
                f'{ind}  {target}.SetOwned(std::vector<uint8_t>{{9, 8, 7, static_cast<uint8_t>({seed})}});',
                f'{ind}}}']
    raise SchemaError(f'{f.where}: no sample for {e}')


def emit_samples(apis, base, include_prefix):
    """A header for tests: Sample(x, version, seed) fills every field a version has with a non-default value."""
    out = [f'// Generated by tools/protogen/protogen.py from {base}.msg; do not edit. Test support only.',
           '#pragma once', '', '#include <string>', '#include <vector>', '',
           f'#include "{include_prefix}/{base}.h"', '',
           'namespace partita::protocol::testing {', '']
    for a in apis:
        for top in (a.request, a.response):
            out.append(f'inline void Sample({top.name}& x, int16_t version, int seed);')
            for n in top.nested:
                out.append(f'inline void Sample({top.name}::{n.name}& x, int16_t version, int seed);')
    out.append('')
    for a in apis:
        for top in (a.request, a.response):
            for s in top.nested + [top]:
                q = top.name if s is top else f'{top.name}::{s.name}'
                out.append(f'inline void Sample({q}& x, int16_t version, int seed) {{')
                out.append(f'  using T = {top.name};')
                out.append('  (void)version;')
                for idx, f in enumerate(s.fields):
                    present = f.versions.intersect(a.versions)
                    if present.empty():
                        continue
                    if f.tag is not None:
                        present = present.intersect(Versions(a.flexible, NO_VERSION))
                    c = present.condition(a.versions)
                    if c == 'false':
                        continue
                    nc = f.nullable.condition(present)
                    body = sample_lines(f, f'x.{f.name}', idx, a, '    ', nc)
                    out.append(f'  if ({c}) {{')
                    out += body
                    out.append('  }')
                out.append('  (void)sizeof(T);')
                out.append('}')
                out.append('')
    out += ['}  // namespace partita::protocol::testing', '']
    return '\n'.join(out)


def generate(schema_path, out_dir, include_prefix):
    file_comment, apis = parse(schema_path)
    base = os.path.splitext(os.path.basename(schema_path))[0]
    src_name = os.path.basename(schema_path)
    needs_records = any(has_records(a.request) or has_records(a.response) for a in apis)
    h = [f'// Generated by tools/protogen/protogen.py from {src_name}; do not edit (edit the schema).']
    h += [f'// {c}'.rstrip() for c in file_comment]
    h += ['// Thread safety: plain values.',
          '#pragma once', '',
          '#include <climits>', '#include <cstdint>', '#include <limits>', '#include <optional>',
          '#include <string>', '#include <vector>', '',
          '#include "engine/common/types.h"',
          '#include "engine/protocol/api_key.h"',
          '#include "engine/protocol/reader.h"']
    if needs_records:
        h.append('#include "engine/protocol/records_field.h"')
    h += ['#include "engine/protocol/writer.h"', '', 'namespace partita::protocol {', '']
    for a in apis:
        for s in (a.request, a.response):
            h += emit_struct(s, a, s is a.request, '')
            h.append('')
    h += ['}  // namespace partita::protocol', '']

    cc = [f'// Generated by tools/protogen/protogen.py from {src_name}; do not edit (edit the schema).',
          f'#include "{include_prefix}/{base}.h"', '',
          '#include "engine/protocol/messages/codec_array.h"',
          '#include "engine/protocol/messages/codec_tagged.h"', '',
          'namespace partita::protocol {', '',
          'using namespace codec;', '']
    helpers = []
    for a in apis:
        for s in (a.request, a.response):
            helpers += Gen(a, s).nested_functions()
    if any(x.strip() for x in helpers):
        cc += ['namespace {'] + helpers + ['}  // namespace', '']
    for a in apis:
        for s in (a.request, a.response):
            cc += Gen(a, s).top_functions()
    cc += ['}  // namespace partita::protocol', '']

    os.makedirs(out_dir, exist_ok=True)
    write_if_changed(os.path.join(out_dir, base + '.h'), '\n'.join(h))
    write_if_changed(os.path.join(out_dir, base + '.cc'), '\n'.join(cc))
    write_if_changed(os.path.join(out_dir, base + '_samples.h'), emit_samples(apis, base, include_prefix))


def write_if_changed(path, text):
    try:
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def emit_all(out_dir, include_prefix, schema_paths):
    """all_messages.h: every generated message, for tests and fuzz targets that cover them all."""
    out = ['// Generated by tools/protogen/protogen.py --all; do not edit.',
           '// ForEachApi(fn) calls fn(Request{}, Response{}) for every API declared in engine/protocol/schemas,',
           '// whether or not the broker serves it (requests carry kApiKey, kMinVersion, kMaxVersion).',
           '#pragma once', '']
    apis = []
    for p in sorted(schema_paths):
        base = os.path.splitext(os.path.basename(p))[0]
        out.append(f'#include "{include_prefix}/{base}.h"')
        apis += parse(p)[1]
    out += ['', 'namespace partita::protocol::generated {', '', 'template <typename Fn>',
            'void ForEachApi(Fn&& fn) {']
    for a in sorted(apis, key=lambda a: a.key):
        out.append(f'  fn({a.request.name}{{}}, {a.response.name}{{}});')
    out += ['}', '', '}  // namespace partita::protocol::generated', '']
    os.makedirs(out_dir, exist_ok=True)
    write_if_changed(os.path.join(out_dir, 'all_messages.h'), '\n'.join(out))
    samples = ['// Generated by tools/protogen/protogen.py --all; do not edit. Test support only.', '#pragma once', '']
    for p in sorted(schema_paths):
        base = os.path.splitext(os.path.basename(p))[0]
        samples.append(f'#include "{include_prefix}/{base}_samples.h"')
    samples.append('#include "' + include_prefix + '/all_messages.h"')
    write_if_changed(os.path.join(out_dir, 'all_samples.h'), '\n'.join(samples) + '\n')


def main(argv):
    if len(argv) >= 4 and argv[1] == '--all':
        try:
            emit_all(argv[2], argv[3], argv[4:])
        except SchemaError as e:
            print(f'protogen: {e}', file=sys.stderr)
            return 1
        return 0
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        generate(argv[1], argv[2], argv[3])
    except SchemaError as e:
        print(f'protogen: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
