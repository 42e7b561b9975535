/** awk syntax tree. */
export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target: Expr | null; file: Expr | null; cmd: Expr | null }
  | { k: 'group'; e: Expr };

export type Redirect = { op: '>' | '>>' | '|'; target: Expr } | null;

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; redir: Redirect }
  | { k: 'printf'; args: Expr[]; redir: Redirect }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Stmt | null; c: Expr | null; step: Stmt | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'nextfile' }
  | { k: 'exit'; e: Expr | null }
  | { k: 'return'; e: Expr | null }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs: Expr[] | null }
  | { k: 'getline'; e: Expr };

export interface Rule {
  pattern: { k: 'begin' } | { k: 'end' } | { k: 'expr'; e: Expr } | { k: 'range'; a: Expr; b: Expr; active: boolean } | null;
  body: Stmt[] | null;
}

export interface Func {
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, Func>;
}
