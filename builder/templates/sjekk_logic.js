// --- the checks (builder/templates/sjekk_logic.js; RULES above is exported from Python) --------
//
// sjekkEksempel(data, {today}) -> [{felt, melding}]: every problem `python -m builder validate`
// finds in one case, for a case as the form holds it (the YAML read into JavaScript values).
// `felt` is the field path as validate writes it («kilder[1].linjer», list positions from 1);
// `etikett` the form's label for it («Kilder → Linjer»).
// Checked on the Python side only (validate, and the check on a pull request): whether a quote stands
// verbatim in the text version of its source (not on the site; that the quote is there is checked here), and link texts that show another address than
// the link goes to (that check runs the Markdown renderer).

const AJV = globalThis.ajv2020;
const ajv = new (AJV.default || AJV)({ allErrors: true, strict: false, unicodeRegExp: true });
function realDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const when = new Date(Date.UTC(y, mo - 1, d));
  return when.getUTCFullYear() === y && when.getUTCMonth() === mo - 1 && when.getUTCDate() === d;
}
ajv.addFormat("date", realDate);
const validateSchema = ajv.compile(RULES.schema);

function rx(spec, extra = "") { return new RegExp(spec.source, spec.flags + extra); }
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}
function message(kind, values, hintKind, hintValues) {
  const text = fill(RULES.messages[kind], values || {});
  const hint = hintKind && RULES.hints[hintKind] ? fill(RULES.hints[hintKind], hintValues || values || {}) : "";
  return hint ? `${text}. ${hint}.` : `${text}.`;
}

export function feltNavn(path) {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part + 1}]` : (out ? "." : "") + part;
  return out;
}

/** The form's label for a field path: ["kilder", 0, "linjer"] -> «Kilder 1 → Linjer». */
export function etikett(path) {
  const names = [];
  let key = "";
  for (const part of path) {
    if (typeof part === "number") {
      key += ".*";
      if (names.length) names[names.length - 1] += ` ${part + 1}`;
      continue;
    }
    key = key ? `${key}.${part}` : part;
    const label = RULES.labels[key];
    names.push(label ? label.split(" → ").pop() : part);
  }
  return names.join(" → ") || "Eksemplet";
}

function describeType(value) {
  if (value === null || value === undefined) return "tom";
  if (typeof value === "boolean") return "sann/usann";
  if (typeof value === "number") return "et tall";
  if (typeof value === "string") return "tekst";
  if (Array.isArray(value)) return "en liste";
  return "en gruppe med felt";
}

function pathOf(instancePath) {
  if (!instancePath) return [];
  return instancePath.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
function valueAt(data, path) {
  let v = data;
  for (const p of path) v = v == null ? undefined : v[p];
  return v;
}

function explain(data, e, all) {
  const path = pathOf(e.instancePath);
  const value = valueAt(data, path);
  const problem = (p, melding) => [{ path: p, melding }];
  switch (e.keyword) {
    case "required": {
      const name = e.params.missingProperty;
      const file = name === "sitat" && value && typeof value === "object" ? RULES.textVersions[value.dokument] : null;
      if (file) return problem(path.concat([name]), message("quote_required", {}, "quote_required", { file }));
      return problem(path.concat([name]), message("required", { name }));
    }
    case "additionalProperties": {
      const name = e.params.additionalProperty;
      return problem(path.concat([name]), message("additionalProperties", { name }));
    }
    case "type": {
      const types = [].concat(e.params.type.split ? e.params.type.split(",") : e.params.type);
      const expected = types.map((t) => RULES.typeNames[t] || t).join(" eller ");
      return problem(path, message("type", { expected, actual: describeType(value) }));
    }
    case "enum":
      return problem(path, message("enum", { value }));
    case "pattern": {
      const last = path[path.length - 1];
      const hint = last === "id" ? RULES.hints.pattern_id
        : e.parentSchema && e.parentSchema["x-format-hint"] ? `Skriv ${e.parentSchema["x-format-hint"]}` : "";
      return problem(path, fill(RULES.messages.pattern, { value }) + (hint ? `. ${hint}.` : "."));
    }
    case "format":
      return problem(path, message("format", { value }, "format"));
    case "minItems":
      return problem(path, message("minItems", { n: e.params.limit, elements: e.params.limit === 1 ? "element" : "elementer" }, "minItems"));
    case "maxItems":
      return problem(path, message("maxItems", { n: e.params.limit, count: value.length }));
    case "minLength":
      return problem(path, message("minLength", { n: e.params.limit }, "minLength"));
    case "maxLength":
      return problem(path, message("maxLength", { n: e.params.limit, count: [...value].length }, "maxLength"));
    case "uniqueItems":
      return duplicates(path, value);
    case "anyOf":
    case "oneOf": {
      if (path.includes("kilder")) return problem(path, message("source", {}, "source"));
      return alternatives(data, path, e, all);
    }
    case "if":
      return [];  // the failing «then»/«else» part is reported by its own errors, as validate does
    case "not": {
      if (path.includes("kilder") && value && typeof value === "object") {
        const known = Boolean(value.dokument);
        const fields = known ? ["tittel", "utgiver", "år", "adresse"] : ["linjer", "sitat"];
        const kind = known ? "known_source_extra" : "other_source_extra";
        return fields.filter((f) => f in value).map((name) => ({ path: path.concat([name]), melding: message(kind, { name }, kind) }));
      }
      return problem(path, message("other", {}));
    }
    default:
      return problem(path, message("other", {}));
  }
}

function duplicates(path, list) {
  const out = [], first = new Map();
  (Array.isArray(list) ? list : []).forEach((item, index) => {
    const key = JSON.stringify(item);
    if (first.has(key)) {
      out.push({ path: path.concat([index]), melding: message("uniqueItems", {
        value: typeof item === "string" ? item : "samme verdi", first: first.get(key) + 1, second: index + 1 }) });
    } else first.set(key, index);
  });
  return out;
}

function within(e, parent) {
  return e !== parent && e.schemaPath.startsWith(parent.schemaPath + "/")
    && (e.instancePath === parent.instancePath || e.instancePath.startsWith(parent.instancePath + "/"));
}

function alternatives(data, path, parent, all) {
  const context = all.filter((e) => within(e, parent));
  const wrongType = context.filter((e) => e.keyword === "type" && e.instancePath === parent.instancePath);
  const sameType = context.filter((e) => !wrongType.includes(e));
  if (sameType.length) {
    const branchOf = (e) => e.schemaPath.slice(parent.schemaPath.length + 1).split("/")[0];
    const branches = [...new Set(sameType.map(branchOf))].sort();
    const count = (b) => sameType.filter((e) => branchOf(e) === b).length;
    const branch = branches.reduce((best, b) => (count(b) < count(best) ? b : best));
    return sameType.filter((e) => branchOf(e) === branch && !nested(e, sameType))
      .flatMap((e) => explain(data, e, all));
  }
  if (wrongType.length) {
    const names = [];
    for (const e of wrongType) for (const t of [].concat(e.params.type.split ? e.params.type.split(",") : e.params.type)) {
      const name = RULES.typeNames[t] || t;
      if (!names.includes(name)) names.push(name);
    }
    return [{ path, melding: message("type", { expected: names.join(" eller "), actual: describeType(valueAt(data, path)) }) }];
  }
  return [{ path, melding: message("alternatives", {}) }];
}

function nested(e, errors) {
  return errors.some((p) => (p.keyword === "anyOf" || p.keyword === "oneOf") && within(e, p));
}

function schemaProblems(data) {
  if (validateSchema(data)) return [];
  const all = validateSchema.errors || [];
  const top = all.filter((e) => !nested(e, all));
  return top.flatMap((e) => explain(data, e, all));
}

// --- privacy (builder/sources/privacy.py) ---------------------------------------------------------------

const P = RULES.privacy;
const NUMBER = rx(P.number, "g"), GROUP = rx(P.group, "g"), RANGE = rx(P.range), RANGE_G = rx(P.range, "g");
const DECIMALS_BEFORE = rx(P.decimalsBefore), SWITCHBOARD = rx(P.switchboard);
const SWITCHBOARD_AFTER = rx(P.switchboardAfter, "y"), UNIT_AFTER = rx(P.unitAfter, "y");
const UNIT_BEFORE = rx(P.unitBefore), SPACE = rx(P.space), EMAIL = rx(P.email, "g");
const DOT_WRITTEN = rx(P.dotWritten, "g"), PERSON_NAME = rx(P.personNameMailbox);
const ZEROS = P.digitZeros;

function matchAt(re, text, pos) { re.lastIndex = pos; return re.exec(text); }
function groups(text) { return text.match(GROUP) || []; }

function asRead(text) {
  // One UTF-16 unit for one where Python has one code point for one: digits of other scripts are in
  // the BMP, so positions of what is found stay the same for the message.
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (ch === "\t" || (cp > 127 && /\p{Cf}/u.test(ch))) out += " ".repeat(ch.length);
    else if (cp > 127 && /\p{Nd}/u.test(ch)) {
      let zero = 0;
      for (const z of ZEROS) if (z <= cp) zero = z;
      out += String(cp - zero) + (ch.length > 1 ? " " : "");
    } else out += ch;
  }
  return out;
}

function isYear(g) { return g.length === 4 && (g.startsWith("19") || g.startsWith("20")); }
function isDate(gs) {
  const shape = gs.map((g) => g.length).join(",");
  let y, mo, d;
  if (shape === "4,2,2") [y, mo, d] = gs;
  else if (shape === "2,2,4") [d, mo, y] = gs;
  else return false;
  return isYear(y) && Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31;
}

function reading(text) {
  const digits = text.replace(/\D/g, "");
  if (text.replace(/^\(+/, "").startsWith("+")) {
    if (digits.startsWith("47") && digits.length === 10) return [digits.slice(2), true];
    return [digits.length >= 8 && digits.length <= 15 && !digits.startsWith("47") ? "" : null, true];
  }
  if (digits.startsWith("0047") && digits.length === 12) return [digits.slice(4), true];
  const first = (text.match(/\d+/) || [""])[0];
  if (digits.startsWith("47") && digits.length === 10 && (first === "47" || first === digits)) return [digits.slice(2), true];
  if (digits.length === 8) return [digits, false];
  return [null, false];
}

function phoneNumber(value, text, start, labelEnd) {
  const [national, prefixed] = reading(text);
  if (national === null) return null;
  if (national === "") return { text, start };
  if (!"23456789".includes(national[0])) return null;
  const mobile = "49".includes(national[0]);
  const before = value.slice(Math.max(0, start - 60), start);
  if (!prefixed) {
    const gs = groups(text);
    if (gs.every(isYear) || isDate(gs)) return null;
    if (text.includes(".") && SPACE.test(text)) return null;
    const thousands = gs[0].length >= 1 && gs[0].length <= 3 && gs.length > 1 && gs.slice(1).every((g) => g.length === 3)
      && !RANGE.test(text);
    if (thousands && (!mobile || matchAt(UNIT_AFTER, value, start + text.length) || UNIT_BEFORE.test(before))) return null;
  }
  if (!mobile && (SWITCHBOARD.test(value.slice(Math.max(0, labelEnd - 60), labelEnd))
                  || matchAt(SWITCHBOARD_AFTER, value, start + text.length))) return null;
  return { text, start };
}

function numbersInside(value, text, start, labelEnd) {
  const gs = [...text.matchAll(GROUP)].map((m) => [m.index, m.index + m[0].length]);
  const lengths = gs.map(([b, e]) => e - b);
  if (gs.length < 2 || (lengths[0] <= 3 && lengths.slice(1).every((n) => n === 3)) || lengths.every((n) => n === 4)) return [];
  const found = [];
  let i = 0;
  while (i < gs.length) {
    if (lengths[i] === 4 && isYear(text.slice(gs[i][0], gs[i][1]))) { i += 1; continue; }
    let total = 0, j = i;
    while (j < gs.length && total < 8 && lengths[j] >= 2) { total += lengths[j]; j += 1; }
    if (total === 8) {
      const number = phoneNumber(value, text.slice(gs[i][0], gs[j - 1][1]), start + gs[i][0], labelEnd);
      if (number) { found.push(number); i = j; continue; }
    }
    i += 1;
  }
  return found;
}

export function telefonnummer(written) {
  const value = asRead(written);
  const found = [];
  for (const match of value.matchAll(NUMBER)) {
    const whole = match[0], at = match.index;
    if (DECIMALS_BEFORE.test(value.slice(Math.max(0, at - 8), at))) continue;
    let parts = [[whole, at]];
    const dash = RANGE.exec(whole);
    if (dash && whole.split(RANGE_G).length === 2 && !reading(whole)[1]) {
      parts = [[whole.slice(0, dash.index), at], [whole.slice(dash.index + dash[0].length), at + dash.index + dash[0].length]];
    }
    for (const [text, start] of parts) {
      const number = phoneNumber(value, text, start, at);
      if (number) found.push(number);
      else if (reading(text)[0] === null) found.push(...numbersInside(value, text, start, at));
    }
  }
  return found.map((n) => written.slice(n.start, n.start + n.text.length));
}

function registrableDomain(domain) {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  const width = P.twoLabelSuffixes.includes(labels.slice(-2).join(".")) ? 2 : 1;
  return [labels.slice(-width - 1).join("."), labels.slice(-width).join(".")];
}

export function privatEpost(address) {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf("@");
  const local = lower.slice(0, at), domain = lower.slice(at + 1);
  const [registrable, suffix] = registrableDomain(domain);
  if (P.privateSuffixes.includes(suffix) || P.privateMail.includes(registrable.split(".")[0])) return true;
  if (local.split(/[._-]/).some((part) => P.roleMailboxes.includes(part))) return false;
  return new RegExp(`^(?:${PERSON_NAME.source})$`, "u").test(local);
}

function strings(data, path, out) {
  if (Array.isArray(data)) data.forEach((v, i) => strings(v, path.concat([i]), out));
  else if (data && typeof data === "object") Object.keys(data).forEach((k) => strings(data[k], path.concat([k]), out));
  else if (typeof data === "string") out.push([path, data]);
  return out;
}

function privacyProblems(data) {
  const out = [];
  for (const [path, value] of strings(data, [], [])) {
    if (path.length && P.notText.includes(path[path.length - 1])) continue;
    for (const number of telefonnummer(value)) out.push({ path, melding: message("phone", { value: number }, "phone") });
    for (const m of value.matchAll(EMAIL)) {
      const address = `${m.groups.local}@${m.groups.domain.replace(DOT_WRITTEN, ".")}`;
      if (privatEpost(address)) out.push({ path, melding: message("email", { value: m[0] }, "email") });
    }
  }
  return out;
}

// --- links in long texts (builder/sources/markdown_text.py, link_target_problem) ------------------------

const L = RULES.links;
const SCHEME = rx(L.scheme, "y"), INVISIBLE = rx(L.invisible), WEB = rx(L.plainWebAddress);
const ENTITY = /&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)/;

export function lenkeProblem(target) {
  const shown = [...target].length <= 80 ? target : [...target].slice(0, 77).join("") + "…";
  if (ENTITY.test(target)) return `lenken «${shown}» inneholder tegnreferanser (&…;) som nettleseren gjør om til andre tegn. ${L.plainLinkHint}.`;
  if (INVISIBLE.test(target)) return `lenken «${shown}» inneholder mellomrom, kontrolltegn eller usynlige tegn. Fjern tegnene, eller skriv mellomrom i en adresse som %20.`;
  if (target.includes("\\")) return `lenken «${shown}» inneholder en omvendt skråstrek (\\), som nettleseren leser som /. Bruk vanlig skråstrek (/), og skriv eksterne lenker som https://adresse.`;
  const scheme = matchAt(SCHEME, target, 0);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (!L.safeSchemes.includes(name)) return `lenken «${shown}» bruker «${scheme[1]}:», som ikke er tillatt. Bare https://, http://, mailto: og relative lenker er tillatt.`;
    const web = new RegExp(`^(?:${WEB.source})$`, WEB.flags);
    if (name !== "mailto" && !web.test(target)) return `lenken «${shown}» er ikke en vanlig nettadresse. Skriv eksterne lenker som https://vertsnavn/sti (små bokstaver i https, ingen brukernavn@).`;
    return null;
  }
  let decoded = target;
  try { decoded = decodeURIComponent(target); } catch (_) { /* as written */ }
  if (decoded.replace(/\\/g, "/").startsWith("//")) return `lenken «${shown}» går til et annet nettsted, men ser ut som en lenke på dette nettstedet. Skriv eksterne lenker som https://adresse, så leseren ser hvor lenken går.`;
  return null;
}

// Link targets as Markdown reads them: [text](target "title"), [id]: target, <scheme:address>.
function linkTargets(text) {
  const out = [];
  for (const m of text.matchAll(/\]\(\s*(<[^>]*>|(?:[^()\s]|\((?:[^()\s])*\))*)(?:\s+["'(][^]*?["')])?\s*\)/g)) {
    out.push(m[1].replace(/^<|>$/g, ""));
  }
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(\S+)/gm)) out.push(m[1].replace(/^<|>$/g, ""));
  for (const m of text.matchAll(/<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g)) out.push(m[1]);
  return out;
}

function at(data, pattern, path, out) {
  if (!pattern.length) { out.push([path, data]); return out; }
  const [head, ...rest] = pattern;
  if (head === null && Array.isArray(data)) data.forEach((item, i) => at(item, rest, path.concat([i]), out));
  else if (data && typeof data === "object" && !Array.isArray(data) && head in data) at(data[head], rest, path.concat([head]), out);
  return out;
}

function linkProblems(data) {
  const out = [];
  for (const pattern of RULES.markdownFields) {
    for (const [path, value] of at(data, pattern, [], [])) {
      if (typeof value !== "string" || (!value.includes("]") && !value.includes("<"))) continue;
      for (const target of linkTargets(value)) {
        const problem = lenkeProblem(target);
        if (problem) out.push({ path, melding: problem });
      }
    }
  }
  return out;
}

// --- placeholders, dates, municipalities -------------------------------------------------------

function placeholderProblems(data) {
  const out = [];
  const escaped = RULES.placeholder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const [path, value] of strings(data, [], [])) {
    if (!value.includes(RULES.placeholder)) continue;
    const m = new RegExp(`${escaped}:?[ \\t]*([^\\n]*)`).exec(value);
    const what = m ? m[1].trim().replace(/\.+$/, "") : "";
    const shown = `${RULES.placeholder}: ${[...what].length <= 40 ? what : [...what].slice(0, 37).join("") + "…"}`;
    out.push({ path, melding: `${fill(RULES.messages.placeholder, { shown })}. Skriv inn ${what || "det feltet skal inneholde"}, og fjern «${RULES.placeholder}».` });
  }
  return out;
}

function isoDate(text) {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  return realDate(text) ? text : null;
}
function periodBounds(value) {
  const [year, month] = value.split("-");
  if (!/^\d+$/.test(year) || (month !== undefined && !/^\d+$/.test(month))) return null;
  return [Number(year) * 100 + Number(month || 1), Number(year) * 100 + Number(month || 12)];
}

function consistencyProblems(data, today) {
  const out = [];
  const latest = new Date(Date.parse(today + "T00:00:00Z") + 86400000 * RULES.dateSlackDays).toISOString().slice(0, 10);
  const dated = [[["sist_vurdert"], data.sist_vurdert]];
  (Array.isArray(data.kontakt) ? data.kontakt : []).forEach((c, i) => {
    if (c && typeof c === "object") dated.push([["kontakt", i, "kontrollert"], c.kontrollert]);
  });
  for (const [path, value] of dated) {
    if (isoDate(value) && value > latest) out.push({ path, melding: message("future", { value }, "future", { today }) });
  }
  const year = Number(today.slice(0, 4));
  const sourceLists = [[["kilder"], data.kilder]];
  (Array.isArray(data.kontakt) ? data.kontakt : []).forEach((c, i) => {
    if (c && typeof c === "object") sourceLists.push([["kontakt", i, "kilder"], c.kilder]);
  });
  for (const [prefix, list] of sourceLists) {
    (Array.isArray(list) ? list : []).forEach((k, i) => {
      const y = k && typeof k === "object" ? k["år"] : undefined;
      if (typeof y === "string" && /^\d+$/.test(y) && Number(y) > year) {
        out.push({ path: prefix.concat([i, "år"]), melding: message("future_year", { value: y }, "future_year", { year }) });
      }
    });
  }
  const p = data.periode;
  if (p && typeof p === "object" && typeof p.fra === "string" && typeof p.til === "string") {
    const start = periodBounds(p.fra), end = periodBounds(p.til);
    if (start && end && start[0] > end[1]) out.push({ path: ["periode", "til"], melding: message("period", { fra: p.fra, til: p.til }, "period") });
  }
  return out;
}

function municipalityProblems(data) {
  if (!RULES.municipalities || !Array.isArray(data.kommuner)) return [];
  const entries = RULES.municipalities;
  const out = [];
  data.kommuner.forEach((m, i) => {
    if (!m || typeof m !== "object" || typeof m.navn !== "string") return;
    let found;
    if (typeof m.bydel === "string" && m.bydel) {
      const name = m.bydel.startsWith("Bydel ") ? m.bydel : `Bydel ${m.bydel}`;
      found = entries.some(([navn, fylke]) => navn === name && fylke === m.fylke) || entries.some(([navn]) => navn === name);
    } else if (typeof m.fylke === "string" && m.fylke) {
      found = entries.some(([navn, fylke]) => navn === m.navn && fylke === m.fylke);
    } else {
      found = entries.filter(([navn, , bydelAv]) => navn === m.navn && !bydelAv).length === 1;
    }
    if (!found && !m.bydel && Array.isArray(RULES.municipalityList)) {  // any municipality of the complete list
      found = RULES.municipalityList.filter(([navn, andre, fylker]) =>
        (navn === m.navn || andre.includes(m.navn)) && (!m.fylke || fylker.includes(m.fylke))).length === 1;
    }
    if (!found) {
      const wanted = m.bydel || m.navn;
      out.push({ path: ["kommuner", i, "navn"], melding: message("municipality", { value: wanted, fylke: m.fylke ? ` (fylke: ${m.fylke})` : "" }, "municipality") });
    }
  });
  return out;
}

function todayText() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function covered(felt, fields) {
  return fields.some((f) => felt === f || felt.startsWith(f + ".") || felt.startsWith(f + "["));
}

/** Every problem of one case: [{felt, etikett, melding, sti}], in the order of the form's fields. */
export function sjekkEksempel(data, options = {}) {
  const today = options.today || todayText();
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return [{ felt: "", etikett: "Eksemplet", sti: [], melding: "Eksemplet er tomt." }];
  }
  let problems = [
    ...schemaProblems(data), ...privacyProblems(data), ...linkProblems(data),
    ...consistencyProblems(data, today), ...municipalityProblems(data),
  ];
  const placeholders = placeholderProblems(data);
  const placeholderFields = placeholders.map((p) => feltNavn(p.path));
  problems = problems.filter((p) => !covered(feltNavn(p.path), placeholderFields)).concat(placeholders);
  const seen = new Set();
  const out = [];
  for (const p of problems) {
    const felt = feltNavn(p.path);
    const key = felt + "\n" + p.melding;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ felt, etikett: etikett(p.path), melding: p.melding, sti: p.path });
  }
  return out;
}

export const bareIPython = ["sitater mot kildeteksten", "lenketekster som viser en annen adresse enn lenken"];
