/**
 * Go's float formatting (strconv.FormatFloat / fmt's %e %f %g %v), because
 * docker's sizes are `fmt.Sprintf("%.*g", 3, size)` and JavaScript's
 * toPrecision differs from Go in two ways: it never drops trailing zeros,
 * and it rounds exact ties up where Go rounds them to even (1.125 → "1.12").
 */

/** Decimal digits of |x| (no leading/trailing zeros) and the decimal point position. */
interface Digits {
  digits: string;
  /** Value = 0.<digits> × 10^dp. */
  dp: number;
}

/** Exact-enough decimal expansion of a finite, non-negative double (101 significant digits). */
function exactDigits(x: number): Digits {
  if (x === 0) return { digits: '', dp: 0 };
  const [mantissa, exp] = x.toExponential(100).split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exp) + 1 };
}

/** Shortest digits that read back as x (what Go's precision -1 produces). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { digits: '', dp: 0 };
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  return { digits: mantissa.replace('.', '').replace(/0+$/, ''), dp: Number(exp) + 1 };
}

/** Round to `nd` significant digits, halves to even as Go's decimal.Round does; trims zeros. */
function roundDigits(d: Digits, nd: number): Digits {
  if (nd < 0 || d.digits.length <= nd) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next !== 5) up = next > 5;
  else if (d.digits.length > nd + 1) up = true; // more than half
  else up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1; // exact half: to even
  let kept = d.digits.slice(0, nd);
  let dp = d.dp;
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    if (i < 0) {
      kept = '1';
      dp++;
    } else {
      kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
    }
  }
  return { digits: kept.replace(/0+$/, ''), dp };
}

function digitAt(d: Digits, i: number): string {
  return i < d.digits.length ? d.digits[i]! : '0';
}

/** %e body: d.ddde±XX with `prec` fraction digits. */
function fmtE(d: Digits, prec: number, upper = false): string {
  let s = d.digits.length === 0 ? '0' : d.digits[0]!;
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

/** %f body with `prec` fraction digits. */
function fmtF(d: Digits, prec: number): string {
  let s = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      s += j < 0 ? '0' : digitAt(d, j);
    }
  }
  return s;
}

export type FloatVerb = 'e' | 'E' | 'f' | 'g' | 'G';

/**
 * strconv.FormatFloat(x, verb, prec, 64). `prec` -1 means the shortest
 * representation that reads back exactly.
 */
export function formatFloat(x: number, verb: FloatVerb, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? '-' : '';
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let d: Digits;
  if (shortest) {
    d = shortestDigits(abs);
  } else {
    const exact = exactDigits(abs);
    if (verb === 'e' || verb === 'E') d = roundDigits(exact, prec + 1);
    else if (verb === 'f') d = roundDigits(exact, exact.dp + prec);
    else d = roundDigits(exact, prec === 0 ? 1 : prec);
  }
  if (verb === 'e' || verb === 'E') return sign + fmtE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, verb === 'E');
  if (verb === 'f') return sign + fmtF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
  // %g: %e when the exponent is < -4 or >= the precision, else %f; no trailing zeros.
  let p = shortest ? d.digits.length : prec === 0 ? 1 : prec;
  let eprec = p;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (d.digits.length > 0 && (exp < -4 || exp >= eprec)) {
    if (p > d.digits.length) p = d.digits.length;
    return sign + fmtE(d, Math.max(p - 1, 0), verb === 'G');
  }
  if (p > d.dp) p = d.digits.length;
  return sign + fmtF(d, Math.max(p - d.dp, 0));
}
