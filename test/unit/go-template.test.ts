import { describe, expect, it } from 'vitest';
import {
  GO_TYPE,
  parseGoTemplate,
  renderGoTemplate,
  TemplateExecError,
  TemplateParseError,
} from '../../src/cli/format/go-template.ts';

const data = {
  Name: 'web',
  N: 2,
  F: 3.5,
  Ports: [80, 443],
  Words: ['a', 'b', 'c'],
  L: [1, 2, 3, 4, 5],
  Empty: [] as unknown[],
  Labels: { 'com.example.b': '2', 'com.example.a': '1' },
  Config: { Env: ['A=1', 'B=2'], Cmd: null, Nested: { Deep: 'down' } },
  Items: [{ Name: 'x' }, { Name: 'y' }],
  Grid: [
    [1, 2],
    [3, 4],
  ],
  T: true,
  Zero: 0,
  Blank: '',
};

// A docker-style typed context: a struct with a method taking an argument.
const container = {
  [GO_TYPE]: '*formatter.ContainerContext',
  ID: 'abc123',
  Names: 'web-1',
  Label(this: { labels: Record<string, string> }, key: string) {
    return this.labels[key] ?? '';
  },
  labels: { 'com.docker.compose.project': 'demo' },
};

const render = (tpl: string, d: unknown = data) => renderGoTemplate(tpl, d);

describe('go template: fields, maps and printing', () => {
  it.each([
    ['{{.Name}}', 'web'],
    ['{{.Config.Nested.Deep}}', 'down'],
    ['{{.Ports}}', '[80 443]'],
    ['{{.Labels}}', 'map[com.example.a:1 com.example.b:2]'],
    ['{{.F}}', '3.5'],
    ['{{.T}}', 'true'],
    ['{{.Missing}}', '<no value>'],
    ['{{.Missing.Deeper}}', '<no value>'],
    ['{{.Config.Cmd}}', '<nil>'],
    ['{{index .Labels "com.example.a"}}', '1'],
    ['{{index .Labels "nope"}}', '<nil>'],
    ['{{index .Grid 1 0}}', '3'],
    ['{{(index .Items 1).Name}}', 'y'],
    ['{{$.Name}}', 'web'],
    ['{{1.5}} {{0x10}} {{1e3}} {{-7}} {{\'a\'}}', '1.5 16 1000 -7 97'],
    ['{{"tab\\there \\u00e9"}}', 'tab\there é'],
    ['{{`raw\\n`}}', 'raw\\n'],
    ['{{true}} {{false}}', 'true false'],
  ])('%s → %j', (tpl, expected) => {
    expect(render(tpl)).toBe(expected);
  });

  it('nil data prints <no value>', () => {
    expect(renderGoTemplate('{{.}}', undefined)).toBe('<no value>');
  });

  it('struct fields and methods with arguments', () => {
    expect(render('{{.ID}} {{.Names}} {{.Label "com.docker.compose.project"}}', container)).toBe('abc123 web-1 demo');
    expect(render('{{"com.docker.compose.project" | .Label}}', container)).toBe('demo');
  });
});

describe('go template: pipelines, variables and control flow', () => {
  it.each([
    ['{{"output" | printf "%q"}}', '"output"'],
    ['{{"put" | printf "%s%s" "out" | printf "%q"}}', '"output"'],
    ['{{with $x := "output"}}{{$x | printf "%q"}}{{end}}', '"output"'],
    ['{{$x := .Name}}{{$x}}-{{$x = "db"}}{{$x}}', 'web-db'],
    ['{{range .Words}}{{.}},{{end}}', 'a,b,c,'],
    ['{{range $i, $w := .Words}}{{$i}}:{{$w}} {{end}}', '0:a 1:b 2:c '],
    ['{{range $w := .Words}}{{$w}}{{end}}', 'abc'],
    ['{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}', 'com.example.a=1;com.example.b=2;'],
    ['{{range .Words}}{{$.Name}}{{end}}', 'webwebweb'],
    ['{{range .Empty}}x{{else}}none{{end}}', 'none'],
    ['{{range .Missing}}x{{else}}none{{end}}', 'none'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range .L}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', '13'],
    ['{{if .T}}yes{{end}}', 'yes'],
    ['{{if .Zero}}yes{{else}}no{{end}}', 'no'],
    ['{{if eq .N 1}}one{{else if eq .N 2}}two{{else}}many{{end}}', 'two'],
    ['{{if eq .N 5}}one{{else if eq .N 3}}two{{else}}many{{end}}', 'many'],
    ['{{with .Config}}{{.Env}}{{end}}', '[A=1 B=2]'],
    ['{{with .Blank}}x{{else}}empty{{end}}', 'empty'],
    ['{{with .Blank}}x{{else with .Name}}{{.}}{{end}}', 'web'],
    ['{{if $x := .Name}}{{$x}}{{end}}', 'web'],
    ['{{define "T"}}<{{.}}>{{end}}{{template "T" .Name}}', '<web>'],
    ['{{block "B" .N}}[{{.}}]{{end}}', '[2]'],
  ])('%s → %j', (tpl, expected) => {
    expect(render(tpl)).toBe(expected);
  });
});

describe('go template: whitespace trimming and comments', () => {
  it.each([
    ['{{23 -}} < {{- 45}}', '23<45'],
    ['a  \n\t{{- .Name -}}\n  b', 'awebb'],
    ['a {{.Name}} b', 'a web b'],
    ['x {{- /* gone */ -}} y', 'xy'],
    ['x {{/* kept spaces */}} y', 'x  y'],
    ['{{range .Words -}}\n  {{.}}\n{{- end}}', 'abc'],
    ['{{-3}}', '-3'],
  ])('%j → %j', (tpl, expected) => {
    expect(render(tpl)).toBe(expected);
  });
});

describe('go template: functions', () => {
  it.each([
    ['{{and 1 0 2}} {{and 1 2}} {{or 0 "" "z"}} {{or 0 ""}} {{not 0}} {{not .Name}}', '0 2 z  true false'],
    ['{{and .Missing .Boom.Whatever}}', '<no value>'],
    ['{{eq 1 2 3 1}} {{eq "a" "b"}} {{ne "a" "b"}} {{eq .Missing nil}}', 'true false true true'],
    ['{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}} {{lt 1.5 2.5}}', 'true true true false true'],
    ['{{len .Name}} {{len .Words}} {{len .Labels}} {{len "héllo"}}', '3 3 2 6'],
    ['{{slice "abcdef" 1 3}} {{slice .Words 1}} {{slice .Words 0 1}}', 'bc [b c] [a]'],
    ['{{print 1 2 "a" 3 "b" "c"}}', '1 2a3bc'],
    ['{{println 1 "a" 2}}', '1 a 2\n'],
    ['{{json .Labels}}', '{"com.example.b":"2","com.example.a":"1"}'],
    ['{{json .Config.Env}} {{json .Name}} {{json .Missing}} {{json "a<b&c"}}', '["A=1","B=2"] "web" null "a<b&c"'],
    ['{{join .Words ", "}}', 'a, b, c'],
    ['{{split "a:b:c" ":"}} {{len (split "héj" "")}}', '[a b c] 3'],
    ['{{upper .Name}} {{lower "MiXeD"}} {{.Name | upper | lower}}', 'WEB mixed web'],
    ['{{title "hello wORLD-foo don\'t"}}', 'Hello WORLD-Foo Don\'t'],
    ['[{{pad .Name 2 1}}] [{{pad "" 2 1}}]', '[  web ] []'],
    ['{{truncate "abcdef" 3}} {{truncate "ab" 3}} {{truncate "abc" 3}}', 'abc ab abc'],
    ['{{html "<a href=\'x\'>&</a>"}}', '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['{{urlquery "a b&c=d"}}', 'a+b%26c%3Dd'],
  ])('%s → %j', (tpl, expected) => {
    expect(render(tpl)).toBe(expected);
  });
});

describe('go template: printf', () => {
  it.each([
    ['{{printf "%-6s|%6s|" "ab" "cd"}}', 'ab    |    cd|'],
    ['{{printf "%5.1f|%-5d|%05d|%+d|% d" 3.14159 42 42 5 5}}', '  3.1|42   |00042|+5| 5'],
    ['{{printf "%x|%X|%#x|%o|%b|%c|%U" 255 255 255 8 5 65 65}}', 'ff|FF|0xff|10|101|A|U+0041'],
    ['{{printf "%t|%T|%T|%T|%T|%%" true 1 1.5 "s" .Words}}', 'true|int|float64|string|[]interface {}|%'],
    ['{{printf "%v %v %v %v" true nil .Ports .Labels}}', 'true <nil> [80 443] map[com.example.a:1 com.example.b:2]'],
    ['{{printf "%e|%g|%g|%.3g|%f" 1234.5678 1234.5678 1e21 1234.5678 2.5}}', '1.234568e+03|1234.5678|1e+21|1.23e+03|2.500000'],
    ['{{printf "%q|%q|%q" "a\\"b" \'x\' .Words}}', '"a\\"b"|\'x\'|["a" "b" "c"]'],
    ['{{printf "%s" .Words}}', '[a b c]'],
    ['{{printf "%x" "hi"}}', '6869'],
    ['{{printf "%.2s|%5.1s|" "hello" "world"}}', 'he|    w|'],
    ['{{printf "%*d|%-*d|" 4 7 3 8}}', '   7|8  |'],
    ['{{printf "%d" "x"}} {{printf "%d" 1.5}} {{printf "%s" 3}} {{printf "%t" nil}}', '%!d(string=x) %!d(float64=1.5) %!s(int=3) %!t(<nil>)'],
    ['{{printf "%s %s" "a"}}', 'a %!s(MISSING)'],
    ['{{printf "%s" "a" "b" 3}}', 'a%!(EXTRA string=b, int=3)'],
    ['{{printf "%z" 1}}', '%!z(int=1)'],
    ['{{printf "100%"}}', '100%!(NOVERB)'],
    ['{{printf "%08.3f|%-8.2f|" -3.14159 2.5}}', '-003.142|2.50    |'],
  ])('%s → %j', (tpl, expected) => {
    expect(render(tpl)).toBe(expected);
  });
});

function parseError(tpl: string): string {
  try {
    parseGoTemplate(tpl);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${tpl} to fail to parse`);
}

function execError(tpl: string, d: unknown = data): string {
  const t = parseGoTemplate(tpl);
  try {
    t.execute(d);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateExecError);
    return (e as Error).message;
  }
  throw new Error(`expected ${tpl} to fail`);
}

describe('go template: parse errors (Go wording)', () => {
  it.each([
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{.Name | nope}}', 'template: :1: function "nope" not defined'],
    ['line one\n\n{{foo .X}}', 'template: :3: function "foo" not defined'],
    ['{{.Name', 'template: :1: unclosed action'],
    ['{{if .Name}}x', 'template: :1: unexpected EOF'],
    ['{{range .L}}', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['x{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{if .T}}{{$y := 1}}{{end}}{{$y}}', 'template: :1: undefined variable "$y"'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{continue}}', 'template: :1: {{continue}} outside {{range}}'],
    ['{{nil}}', 'template: :1: nil is not a command'],
    ['{{.A @}}', "template: :1: bad character U+0040 '@'"],
    ['{{.A\n  @}}', "template: :2: bad character U+0040 '@'"],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ['{{/* open }}', 'template: :1: unclosed comment'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{.A | "x"}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{(.A}}', 'template: :1: unclosed left paren'],
    ['{{.A)}}', 'template: :1: unexpected right paren'],
    ['{{3x}}', 'template: :1: bad number syntax: "3x"'],
  ])('%j', (tpl, message) => {
    expect(parseError(tpl)).toBe(message);
  });

  it('names the template in messages', () => {
    expect(() => parseGoTemplate('{{foo}}', { name: 'fmt' })).toThrow('template: fmt:1: function "foo" not defined');
  });

  it('accepts caller-supplied functions', () => {
    const t = parseGoTemplate('{{shout .Name}}', { funcs: { shout: { params: ['string'], call: (s) => `${s as string}!` } } });
    expect(t.execute(data)).toBe('web!');
  });
});

describe('go template: execution errors (Go wording)', () => {
  it.each([
    ['{{.Nope}}', container, 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext'],
    ['{{.Config.Cmd.X}}', data, 'template: :1:2: executing "" at <.Config.Cmd.X>: nil pointer evaluating interface {}.X'],
    ['{{.Name.X}}', data, 'template: :1:2: executing "" at <.Name.X>: can\'t evaluate field X in type string'],
    ['ab\ncd {{.Name.X}}', data, 'template: :2:5: executing "" at <.Name.X>: can\'t evaluate field X in type string'],
    ['{{upper .Ports}}', data, 'template: :1:8: executing "" at <.Ports>: wrong type for value; expected string; got []interface {}'],
    ['{{join .Ports ","}}', data, 'template: :1:7: executing "" at <.Ports>: wrong type for value; expected []string; got []interface {}'],
    ['{{upper}}', data, 'template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 0'],
    ['{{printf}}', data, 'template: :1:2: executing "" at <printf>: wrong number of args for printf: want at least 1 got 0'],
    ['{{index .Ports 5}}', data, 'template: :1:2: executing "" at <index .Ports 5>: error calling index: index out of range: 5'],
    ['{{index .Ports "x"}}', data, 'template: :1:2: executing "" at <index .Ports "x">: error calling index: cannot index slice/array with type string'],
    ['{{lt 1 "a"}}', data, 'template: :1:2: executing "" at <lt 1 "a">: error calling lt: incompatible types for comparison'],
    ['{{lt 1 1.5}}', data, 'template: :1:2: executing "" at <lt 1 1.5>: error calling lt: incompatible types for comparison'],
    ['{{lt 1 true}}', data, 'template: :1:2: executing "" at <lt 1 true>: error calling lt: incompatible types for comparison'],
    ['{{eq .Words .Words}}', data, 'template: :1:2: executing "" at <eq .Words .Words>: error calling eq: non-comparable type [a b c]: []interface {}'],
    ['{{lt true false}}', data, 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{"a" "b"}}', data, 'template: :1:2: executing "" at <"a">: can\'t give argument to non-function "a"'],
    ['{{.Name 1}}', data, 'template: :1:2: executing "" at <.Name>: Name is not a method but has arguments'],
    ['{{.ID 1}}', container, 'template: :1:2: executing "" at <.ID>: ID has arguments but cannot be invoked as function'],
    ['{{range .Name}}{{end}}', data, 'template: :1:8: executing "" at <.Name>: range can\'t iterate over web'],
    ['{{template "nope"}}', data, 'template: :1:2: executing "" at <{{template "nope"}}>: template "nope" not defined'],
    ['{{len 3}}', data, 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
  ] as [string, unknown, string][])('%j', (tpl, d, message) => {
    expect(execError(tpl, d)).toBe(message);
  });

  it('truncates long node contexts to 20 characters', () => {
    expect(execError('{{.Config.Nested.Deep.Deeper.X}}')).toBe(
      'template: :1:2: executing "" at <.Config.Nested.Deep....>: can\'t evaluate field Deeper in type string',
    );
  });
});
