/* Erfaringsbanken's editing form: the site-specific parts around Decap CMS.
 *
 * Loaded before Decap's bundle (so Decap waits for CMS.init), it
 *  - reads and writes case files as the project writes them (format "erfaringsbanken-yml"):
 *    strings quoted where YAML 1.1 or the strict loader would misread them, long texts as block
 *    literals, and, when a case is edited, every top-level field the editor did not change is
 *    copied from the original file byte for byte (comments included), so the diff stays small;
 *  - gives a new case its id from municipality and title by the rule of `python -m builder new-case`
 *    (builder/new_case.py: slugify(f"{municipality} {title}")[:60]).
 * No network access besides the site's own files and the repository backend Decap talks to.
 */
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;

  var FORMAT = "erfaringsbanken-yml";
  var HEADER = "# yaml-language-server: $schema=../schema/case.schema.json";
  var TRANSLIT = { "æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a" };

  function slugify(text) {
    var lower = String(text || "").toLowerCase().replace(/[æøåéüöä]/g, function (c) { return TRANSLIT[c]; });
    var slug = lower.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug.slice(0, 80).replace(/^-+|-+$/g, "");
  }

  function caseId(municipality, title) {
    return slugify(String(municipality || "") + " " + String(title || "")).slice(0, 60).replace(/^-+|-+$/g, "");
  }

  /* --- the form's field tree (from the generated config), for key order and widgets ---------- */

  var fieldInfo = { order: {}, widget: {} };  // by path "kilder.*.linjer" (lists as "*")

  function learnFields(fields, path) {
    fieldInfo.order[path] = fields.map(function (f) { return f.name; });
    fields.forEach(function (f) {
      var here = path ? path + "." + f.name : f.name;
      fieldInfo.widget[here] = f.widget;
      if (f.fields) learnFields(f.fields, f.widget === "list" ? here + ".*" : here);
    });
  }

  /* --- writing YAML ------------------------------------------------------------------------- */

  /* Every value the form writes must load back, through the strict loader (builder/yaml_loader.py,
   * PyYAML 1.1) and through js-yaml in fromFile, as exactly the same value: strings as strings
   * (character for character), numbers as numbers. tests/test_form_writer.py checks this with
   * generated hostile strings in every kind of field. */

  var YAML11_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
  // A plain (unquoted) string must start with a letter or one of a few harmless signs: digits, signs
  // and dots start numbers, dates and times in YAML 1.1, and the other signs are YAML's indicators.
  var PLAIN_START = /^[\p{L}«(\/§]/u;
  // Characters never written raw: C0 and C1 controls (NEL among them), DEL, the line and paragraph
  // separators, the byte-order mark, U+FFFE/U+FFFF and surrogates that are not part of a pair. YAML
  // reads some of them as line breaks, PyYAML refuses others; as escapes they load exactly.
  var NEVER_RAW = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff";
  var LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?:^|[^\\ud800-\\udbff])[\\udc00-\\udfff]";
  var UNSAFE_IN_BLOCK = new RegExp("[" + NEVER_RAW + "\\r]|" + LONE_SURROGATE);
  var UNSAFE_PLAIN = new RegExp("[" + NEVER_RAW + "\\t\\n\\r]|" + LONE_SURROGATE);

  function plainSafe(s) {
    return s.length > 0 && PLAIN_START.test(s) && !/[^\S ]| $/.test(s) && !UNSAFE_PLAIN.test(s) &&
      !YAML11_WORDS.test(s) && s.indexOf(": ") < 0 && s.indexOf(" #") < 0 && !/:$/.test(s);
  }

  var SHORT_ESCAPES = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  // A YAML double-quoted scalar on one line. Not JSON.stringify: JSON leaves NEL, U+2028/U+2029, the
  // byte-order mark and C1 controls raw, and escapes a surrogate pair as two \u codes, which PyYAML
  // reads as two lone surrogates. Here a pair stays raw and everything in NEVER_RAW becomes \uXXXX.
  function quoted(s) {
    var out = '"';
    for (var i = 0; i < s.length; i++) {
      var ch = s.charAt(i), code = s.charCodeAt(i), next = s.charCodeAt(i + 1);
      if (SHORT_ESCAPES[ch]) {
        out += SHORT_ESCAPES[ch];
      } else if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s.charAt(i + 1);
        i++;
      } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
                 code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) {
        out += "\\u" + ("000" + code.toString(16)).slice(-4);
      } else {
        out += ch;
      }
    }
    return out + '"';
  }

  // A number as YAML 1.1 and the strict loader read a number: digits, a decimal point for fractions,
  // never JavaScript's exponent form (PyYAML reads "1e-7" and "1e+21" as text).
  function numberText(n) {
    if (isNaN(n)) return ".nan";
    if (!isFinite(n)) return n > 0 ? ".inf" : "-.inf";
    if (n === 0) return 1 / n < 0 ? "-0.0" : "0";
    var s = String(n), exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!exp) return s;
    var digits = exp[2] + (exp[3] || ""), point = 1 + Number(exp[4]);
    if (point >= digits.length) return exp[1] + digits + "0".repeat(point - digits.length);
    if (point <= 0) return exp[1] + "0." + "0".repeat(-point) + digits;
    return exp[1] + digits.slice(0, point) + "." + digits.slice(point);
  }

  function scalar(value, flow) {
    if (typeof value === "number") return numberText(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value === null) return "null";
    var s = String(value);
    if (flow) return quoted(s);
    return plainSafe(s) ? s : quoted(s);
  }

  function keyText(key) {
    return /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(key) && !YAML11_WORDS.test(key) ? key : quoted(key);
  }

  function isBlockText(value, path) {
    return typeof value === "string" && (fieldInfo.widget[path] === "markdown" || value.indexOf("\n") >= 0);
  }

  // A literal block (`|`) holding exactly `value`, or null when a block cannot: a character in
  // NEVER_RAW or a carriage return (YAML turns \r and \r\n into \n), a tab in a line's indentation
  // (the strict loader refuses it), or a last line that is empty or only spaces (more than one
  // trailing line break would need `|+`, whose trailing blank lines the comment-keeping merge in
  // withOriginal cannot tell from the blank lines between fields). The indentation indicator is
  // relative to the parent's indentation, which is always 2 here; it is needed only when the first
  // line with text starts with a space. Chomping: `|` keeps one final line break, `|-` none.
  function blockLiteral(value, indent) {
    var ends = /\n$/.test(value);
    var lines = (ends ? value.slice(0, -1) : value).split("\n");
    if (UNSAFE_IN_BLOCK.test(value) || /(^|\n) *\t/.test(value) || !/[^ ]/.test(lines[lines.length - 1])) {
      return null;
    }
    var pad = " ".repeat(indent);
    var first = lines.filter(function (line) { return line.length > 0; })[0];
    var head = "|" + (/^ /.test(first) ? "2" : "") + (ends ? "" : "-");
    return [head].concat(lines.map(function (line) { return line ? pad + line : ""; }));
  }

  function textLines(value, indent) {
    return blockLiteral(value, indent) || [quoted(value)];
  }

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  function orderedKeys(obj, path) {
    var order = fieldInfo.order[path] || [];
    var keys = Object.keys(obj);
    return keys.slice().sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      if (ia < 0) ia = order.length + keys.indexOf(a);
      if (ib < 0) ib = order.length + keys.indexOf(b);
      return ia - ib;
    });
  }

  function dumpValue(key, value, indent, path, listDepth) {
    var pad = " ".repeat(indent);
    key = keyText(key);
    if (Array.isArray(value)) {
      var lines = [pad + key + ":"];
      value.forEach(function (item) { lines = lines.concat(dumpItem(item, indent + 2, path + ".*", listDepth + 1)); });
      return lines;
    }
    if (isObject(value)) {
      return [pad + key + ":"].concat(dumpMapping(value, indent + 2, path, listDepth));
    }
    if (isBlockText(value, path)) {
      var block = textLines(value, indent + 2);
      return [pad + key + ": " + block[0]].concat(block.slice(1));
    }
    return [pad + key + ": " + scalar(value)];
  }

  function dumpMapping(obj, indent, path, listDepth) {
    var lines = [];
    orderedKeys(obj, path).forEach(function (key) {
      lines = lines.concat(dumpValue(key, obj[key], indent, path ? path + "." + key : key, listDepth));
    });
    return lines;
  }

  function dumpItem(item, indent, path, listDepth) {
    var pad = " ".repeat(indent);
    if (isObject(item)) {
      var keys = orderedKeys(item, path);
      var flat = keys.every(function (k) { return !isObject(item[k]) && !Array.isArray(item[k]); });
      if (listDepth >= 2 && flat) {  // value series: - {periode: "2008", verdi: 8.5}
        return [pad + "- {" + keys.map(function (k) { return keyText(k) + ": " + scalar(item[k], true); }).join(", ") + "}"];
      }
      var lines = dumpMapping(item, indent + 2, path, listDepth);
      lines[0] = pad + "- " + lines[0].slice(indent + 2);
      return lines;
    }
    if (isBlockText(item, path)) {
      var block = textLines(item, indent + 2);
      return [pad + "- " + block[0]].concat(block.slice(1));
    }
    return [pad + "- " + scalar(item)];
  }

  /* Drop what the form leaves empty: "", null, [] and {} (the schema has no field that needs them). */
  function prune(value) {
    if (Array.isArray(value)) {
      var items = value.map(prune).filter(function (v) { return v !== undefined; });
      return items.length ? items : undefined;
    }
    if (isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = prune(value[k]);
        if (v !== undefined) out[k] = v;
      });
      return Object.keys(out).length ? out : undefined;
    }
    if (value === null || value === undefined) return undefined;
    if (typeof value === "string" && value.trim() === "") return undefined;
    if (typeof value === "number" && !isFinite(value)) return undefined;
    return value;
  }

  /* --- keeping what the editor did not touch ------------------------------------------------ */

  var originals = {};  // case id -> the file's text as read

  // Split a file into its top-level fields: {key: [lines]} with comments above a key kept with it.
  function topLevelChunks(text) {
    var lines = text.replace(/\n$/, "").split("\n");
    var chunks = {}, order = [], pending = [], current = null;
    lines.forEach(function (line) {
      var key = /^([^\s#:][^:]*):(\s|$)/.exec(line);
      if (key) {
        current = key[1];
        chunks[current] = pending.concat([line]);
        order.push(current);
        pending = [];
      } else if (/^(#|\s*$)/.test(line) || current === null) {
        pending.push(line);
      } else {
        chunks[current] = chunks[current].concat(pending, [line]);
        pending = [];
      }
    });
    return { chunks: chunks, order: order, trailer: pending };
  }

  function leadingComments(lines) {
    var out = [];
    for (var i = 0; i < lines.length && /^(#|\s*$)/.test(lines[i]); i++) out.push(lines[i]);
    return out;
  }

  // Exact: a field whose value differs in any character (trailing spaces and line breaks included)
  // is written anew, or the file would not hold what the editor sees.
  function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function withOriginal(data, text) {
    var before = prune(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA })) || {};
    var parts = topLevelChunks(text);
    var schemaOrder = fieldInfo.order[""] || [];
    var keys = parts.order.filter(function (k) { return k in data; });
    orderedKeys(data, "").forEach(function (k) {
      if (keys.indexOf(k) >= 0) return;
      var at = 0, mine = schemaOrder.indexOf(k);
      keys.forEach(function (existing, i) { if (schemaOrder.indexOf(existing) < mine) at = i + 1; });
      keys.splice(at, 0, k);
    });
    var lines = [];
    keys.forEach(function (k) {
      if (k in before && parts.chunks[k] && sameValue(before[k], data[k])) {
        lines = lines.concat(parts.chunks[k]);
      } else {
        lines = lines.concat(parts.chunks[k] ? leadingComments(parts.chunks[k]) : [],
                             dumpValue(k, data[k], 0, k, 0));
      }
    });
    return lines.concat(parts.trailer).join("\n").replace(/\n*$/, "\n");
  }

  var caseFormat = {
    fromFile: function (content) {
      var data = jsyaml.load(content, { schema: jsyaml.CORE_SCHEMA }) || {};
      if (data && typeof data.id === "string") originals[data.id] = content;
      return data;
    },
    toFile: function (data) {
      var clean = prune(data) || {};
      var original = typeof clean.id === "string" ? originals[clean.id] : undefined;
      if (original) return withOriginal(clean, original);
      return [HEADER].concat(dumpMapping(clean, 0, "", 0)).join("\n") + "\n";
    },
  };

  /* --- Norwegian words Decap's nb_no locale lacks (decap-cms-locales 3.x) -------------------- */

  var NB_EXTRA = {
    collection: {
      sidebar: { allCollections: "Alle samlinger", searchIn: "Søk i" },
      collectionTop: {
        viewAsList: "Vis som liste", viewAsGrid: "Vis som rutenett",
        searchResults: "Søkeresultater for «%{searchTerm}»",
        searchResultsInCollection: "Søkeresultater for «%{searchTerm}» i %{collection}",
        filterBy: "Filtrer etter", groupBy: "Grupper etter",
      },
      entries: { unpublishedHeader: "Upubliserte endringer" },
      groups: { other: "Andre", negateLabel: "Ikke %{label}" },
    },
    editor: {
      editorControl: { field: { widgetLabel: "%{widgetLabel}-felt" } },
      editorInterface: { togglePreview: "Vis eller skjul forhåndsvisning", toggleScrollSync: "Synkron rulling",
                         toggleNotes: "Vis eller skjul notater" },
      editorToolbar: {
        statusInfoTooltipDraft: "Endringen er et utkast. Sett status til «Til godkjenning» når den er klar.",
        statusInfoTooltipInReview: "Endringen er til gjennomgang hos redaksjonen. Du kan fortsatt rette den.",
      },
      editorWidgets: {
        markdown: {
          bold: "Fet", italic: "Kursiv", strikethrough: "Gjennomstreking", code: "Kode", link: "Lenke",
          linkPrompt: "Skriv adressen lenken skal gå til", headings: "Overskrifter", quote: "Sitat",
          bulletedList: "Punktliste", numberedList: "Nummerert liste", addComponent: "Legg til komponent",
          toggleMode: { rich: "Bytt til visuell redigering", markdown: "Bytt til Markdown" },
        },
        datetime: { setToNow: "Sett %{fieldLabel} til i dag" },
        list: { add: "Legg til %{item}", addType: "Legg til %{item}" },
        object: { expand: "Vis", collapse: "Skjul" },
      },
    },
    mediaLibrary: { mediaLibraryModal: { close: "Lukk" } },
    ui: {
      settingsDropdown: { account: "Konto" },
      toast: {
        onLoggedOut: "Du er logget ut. Ta vare på det du har skrevet, og logg inn igjen.",
        onBackendDown: "Tjenesten for lagring har driftsproblemer. Se %{details}.",
      },
    },
  };

  function mergeInto(target, extra) {
    Object.keys(extra).forEach(function (k) {
      if (isObject(extra[k])) {
        if (!isObject(target[k])) target[k] = {};
        mergeInto(target[k], extra[k]);
      } else if (!(k in target)) {
        target[k] = extra[k];
      }
    });
    return target;
  }

  /* --- accessible names Decap 3 leaves out (checked by axe in tests/test_editor_form.py) -------- */

  function nameControls(root) {
    // Markdown editors are contenteditable boxes: name them by their field's label.
    root.querySelectorAll("[role='textbox'][contenteditable]:not([aria-labelledby])").forEach(function (box) {
      var container = box.closest("[class*='ControlContainer']");
      var label = container && container.querySelector("label[for]");
      if (!label) return;
      if (!label.id) label.id = label.htmlFor + "-label";
      box.setAttribute("aria-labelledby", label.id);
    });
    // A list item's bar: [collapse] [drag handle] [remove].
    root.querySelectorAll("[class*='StyledListItemTopBar']").forEach(function (bar) {
      var buttons = bar.querySelectorAll(":scope > button");
      if (buttons.length === 2) {
        if (!buttons[0].hasAttribute("aria-label")) buttons[0].setAttribute("aria-label", "Vis eller skjul");
        if (!buttons[1].hasAttribute("aria-label")) buttons[1].setAttribute("aria-label", "Fjern");
      }
    });
    root.querySelectorAll("[aria-describedby^='DndDescribedBy']:not([aria-label])").forEach(function (handle) {
      handle.setAttribute("aria-label", "Flytt");
    });
  }

  function watchForControls() {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameControls(document); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  /* --- the checks of `validate`, before saving (rediger/sjekk.js, generated by the builder) ----- */

  var formChecks = null;  // the module, once loaded

  function loadFormChecks() {
    return import("./sjekk.js").then(function (module) { formChecks = module; return module; });
  }

  function plainData(data) {
    return data && typeof data.toJS === "function" ? data.toJS() : data;
  }

  function clearProblems() {
    document.querySelectorAll(".eb-sjekk-felt, #eb-sjekk").forEach(function (el) { el.remove(); });
  }

  function fieldLabelElement(problem) {
    // The label of the top-level field the problem is in (Decap labels each control <label for=…>).
    var top = problem.etikett.split(" → ")[0].replace(/ \d+$/, "");
    var labels = Array.prototype.slice.call(document.querySelectorAll("label[for]"));
    return labels.filter(function (l) { return l.textContent.trim().replace(/\s*\*$/, "") === top; })[0] ||
      labels.filter(function (l) { return l.textContent.trim().indexOf(top) === 0; })[0] || null;
  }

  function showProblems(problems) {
    clearProblems();
    if (!problems.length) return;
    var box = document.createElement("div");
    box.id = "eb-sjekk";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.textContent = problems.length === 1 ? "Rett dette før du lagrer:" : "Rett disse " + problems.length + " tingene før du lagrer:";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem.etikett + ": " + problem.melding;
      list.appendChild(item);
      var label = fieldLabelElement(problem);
      if (label) {
        var note = document.createElement("p");
        note.className = "eb-sjekk-felt";
        note.setAttribute("data-felt", problem.felt);
        note.textContent = problem.etikett + ": " + problem.melding;
        label.insertAdjacentElement("afterend", note);
      }
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }

  /* preSave: Decap awaits each handler (decap-cms-core backend.persistEntry -> invokePreSaveEvent),
   * and an exception rejects persistEntry before anything is written, with an error notice. So a
   * case with problems is never saved; the problems are shown on their fields and in a list. */
  function checkBeforeSave(event) {
    var run = formChecks ? Promise.resolve(formChecks) : loadFormChecks();
    return run.then(function (module) {
      var problems = module.sjekkEksempel(plainData(event.entry.get("data")));
      showProblems(problems);
      if (problems.length) {
        throw new Error("Eksemplet er ikke lagret: " + problems.length + (problems.length === 1 ? " ting" : " ting") +
                        " må rettes først (se listen øverst og meldingene ved feltene).");
      }
      return undefined;
    });
  }

  /* Decap rejects its save promise after a preSave handler throws, and nothing handles that
   * rejection: when the rejection is the refused save of a case with problems (shown above), it is
   * expected, not an error of the page. */
  function quietRefusedSaves() {
    window.addEventListener("unhandledrejection", function (event) {
      var reason = event.reason;
      if (reason && /ENTRY_PERSIST_FAILURE$/.test(String(reason.type)) && document.getElementById("eb-sjekk")) event.preventDefault();
    });
  }

  /* As the editor types: after a pause, run the checks again on the values the last save attempt
   * saw corrected in the form (the messages go away as fields are fixed). */
  function watchChecks() {
    var timer = null;
    document.addEventListener("input", function () {
      if (!document.getElementById("eb-sjekk")) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        document.querySelectorAll(".eb-sjekk-felt").forEach(function (note) { note.classList.add("eb-sjekk-gammel"); });
      }, 400);
    }, true);
  }

  /* --- start -------------------------------------------------------------------------------- */

  function start() {
    var CMS = window.CMS;
    if (!CMS || !window.jsyaml) return;
    fetch("config.yml").then(function (r) { return r.text(); }).then(function (text) {
      var config = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      config.collections.forEach(function (c) { if (c.format === FORMAT) learnFields(c.fields, ""); });
      var nb = CMS.getLocale("nb_no");
      if (nb) CMS.registerLocale("nb_no", mergeInto(JSON.parse(JSON.stringify(nb)), NB_EXTRA));
      CMS.registerCustomFormat(FORMAT, "yml", caseFormat);
      CMS.registerEventListener({
        name: "preSave",
        handler: function (event) {
          var data = event.entry.get("data");
          if (data.get("id")) return data;
          var first = data.get("kommuner") && data.get("kommuner").first();
          return data.set("id", caseId(first && first.get("navn"), data.get("tittel")));
        },
      });
      CMS.registerEventListener({ name: "preSave", handler: checkBeforeSave });
      loadFormChecks().catch(function () { /* checked again on save */ });
      watchChecks();
      quietRefusedSaves();
      watchForControls();
      CMS.init();
    });
  }

  window.erfaringsbanken = { nameControls: nameControls, showProblems: showProblems, slugify: slugify, caseId: caseId, format: caseFormat, fieldInfo: fieldInfo,
                             // for tests/test_form_writer.py, which runs this file in Node without a browser
                             writer: { learnFields: learnFields, prune: prune, plainSafe: plainSafe, quoted: quoted,
                                       scalar: scalar, blockLiteral: blockLiteral, dumpMapping: dumpMapping } };
  document.addEventListener("DOMContentLoaded", start);
})();
