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

  var YAML11_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
  var INDICATOR = /^[-?:,\[\]{}#&*!|>'"%@`=+.0-9\s]/;

  function plainSafe(s) {
    return s.length > 0 && s === s.trim() && !/[\u0000-\u001f\u007f\u2028\u2029\ufeff]/.test(s) &&
      !INDICATOR.test(s) && !YAML11_WORDS.test(s) && s.indexOf(": ") < 0 && s.indexOf(" #") < 0 &&
      !/:$/.test(s);
  }

  function quoted(s) { return JSON.stringify(s); }  // a JSON string is a YAML double-quoted scalar

  function scalar(value, flow) {
    if (typeof value === "number") return String(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    var s = String(value);
    if (flow) return quoted(s);
    return plainSafe(s) ? s : quoted(s);
  }

  function isBlockText(value, path) {
    return typeof value === "string" && (fieldInfo.widget[path] === "markdown" || value.indexOf("\n") >= 0);
  }

  function blockLiteral(value, indent) {
    var text = value.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    var pad = " ".repeat(indent);
    var head = /^[ \t]/.test(text) ? "|" + indent : "|";
    var body = text.split("\n").map(function (line) {
      line = line.replace(/[ \t]+$/, "");
      return line ? pad + line : "";
    });
    return [head].concat(body);
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
    if (Array.isArray(value)) {
      var lines = [pad + key + ":"];
      value.forEach(function (item) { lines = lines.concat(dumpItem(item, indent + 2, path + ".*", listDepth + 1)); });
      return lines;
    }
    if (isObject(value)) {
      return [pad + key + ":"].concat(dumpMapping(value, indent + 2, path, listDepth));
    }
    if (isBlockText(value, path)) {
      var block = blockLiteral(value, indent + 2);
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
        return [pad + "- {" + keys.map(function (k) { return k + ": " + scalar(item[k], true); }).join(", ") + "}"];
      }
      var lines = dumpMapping(item, indent + 2, path, listDepth);
      lines[0] = pad + "- " + lines[0].slice(indent + 2);
      return lines;
    }
    if (isBlockText(item, path)) {
      var block = blockLiteral(item, indent + 2);
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

  function sameValue(a, b, path) {
    if (typeof a === "string" && typeof b === "string" && isBlockText(a, path)) {
      return a.replace(/\s+$/, "") === b.replace(/\s+$/, "");
    }
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
      if (k in before && parts.chunks[k] && sameValue(before[k], data[k], k)) {
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
      watchForControls();
      CMS.init();
    });
  }

  window.erfaringsbanken = { nameControls: nameControls, slugify: slugify, caseId: caseId, format: caseFormat, fieldInfo: fieldInfo };
  document.addEventListener("DOMContentLoaded", start);
})();
