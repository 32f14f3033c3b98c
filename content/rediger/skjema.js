/* Erfaringsbanken's editing form: the site-specific parts around Decap CMS.
 *
 * Loaded before Decap's bundle (so Decap waits for CMS.init), it
 *  - reads and writes case files as the project writes them (format "erfaringsbanken-yml"):
 *    strings quoted where YAML 1.1 or the strict loader would misread them, long texts as block
 *    literals, and, when a case is edited, every top-level field the editor did not change is
 *    copied from the original file byte for byte (comments included), so the diff stays small;
 *  - gives a new case its id from municipality and title by the rule of `python -m builder new-case`
 *    (builder/editing/new_case.py: slugify(f"{municipality} {title}")[:60]).
 *  - draws the preview pane: the case with its page's labels, chart and table (rediger/forhandsvisning.json);
 *  - turns a list pasted from Word into Markdown lists in the long texts (pasteAsMarkdown).
 * No network access besides the site's own files and the repository backend Decap talks to.
 */
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;

  var FORMAT = "erfaringsbanken-yml";
  var NUMBER_WIDGET = "tall";  // builder/editing/cms_config.py NUMBER_WIDGET
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

  /* Every value the form writes must load back, through the strict loader (builder/sources/yaml_loader.py,
   * PyYAML 1.1) and through js-yaml in fromFile, as exactly the same value: strings as strings
   * (character for character), numbers as numbers. tests/editing/test_form_writer.py checks this with
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

  /* --- numbers as people write them (widget "tall"; builder/editing/cms_config.py uses it for every
   * number field) -------------------------------------------------------------------------------
   * «12,5», «12.5», «1 234» (a space, no-break space or thin space between groups of three digits)
   * and «−3» (Unicode minus) are the number; anything else («12,5,3», «ca. 12», «12 %») is refused
   * with a message on the field, and the box keeps exactly what was typed. */

  var GROUPED = "\\d{1,3}(?:[ \\u00a0\\u2009\\u202f]\\d{3})+";
  var NUMBER_FORM = new RegExp("^([-+\\u2212]?)(" + GROUPED + "|\\d+)(?:[.,](\\d+))?$");
  var NUMBER_HELP = "Skriv bare tallet, med komma eller punktum før desimalene, for eksempel 12,5 eller 1 234.";

  // {value}, {empty: true} or {error: message}
  function readNumber(text, integer) {
    var typed = String(text === undefined || text === null ? "" : text).trim();
    if (!typed) return { empty: true };
    var parts = NUMBER_FORM.exec(typed);
    if (!parts) return { error: "«" + typed + "» er ikke et tall. " + NUMBER_HELP };
    if (integer && parts[3] !== undefined) {
      return { error: "«" + typed + "» har desimaler. Skriv et helt tall, for eksempel 12." };
    }
    var sign = parts[1] === "-" || parts[1] === "\u2212" ? "-" : "";
    var value = Number(sign + parts[2].replace(/\D/g, "") + (parts[3] !== undefined ? "." + parts[3] : ""));
    if (!isFinite(value)) return { error: "«" + typed + "» er for stort. " + NUMBER_HELP };
    return { value: value };
  }

  // A stored number as the box shows it: a decimal comma, digits as JavaScript writes them
  // (numberText keeps exponents away).
  function shownNumber(value) {
    if (typeof value === "number") return numberText(value).replace(".", ",");
    return value === undefined || value === null ? "" : String(value);
  }

  function numberWidget() {
    var h = window.h;
    var Control = window.createClass({
      integer: function () { return this.props.field.get("value_type") === "int"; },
      getInitialState: function () { return { text: shownNumber(this.props.value) }; },
      componentDidUpdate: function (before) {
        // A value set from outside (an entry loaded, a list item moved): show it.
        var value = this.props.value;
        if (before.value === value) return;
        var read = readNumber(this.state.text, this.integer());
        var same = read.value !== undefined ? read.value === value : read.empty ? value === "" || value == null
                                                                                 : value === this.state.text;
        if (!same) this.setState({ text: shownNumber(value) });
      },
      handleChange: function (event) {
        var text = event.target.value;
        var read = readNumber(text, this.integer());
        this.setState({ text: text });
        // A refused text is kept as text, so nothing is stored as a number it is not (and saving waits).
        this.props.onChange(read.empty ? "" : read.error ? text : read.value);
      },
      isValid: function () {
        var read = readNumber(this.state.text, this.integer());
        return read.error ? { error: { type: "CUSTOM", message: read.error } } : true;
      },
      getValidateValue: function () { return this.state.text.trim() ? this.state.text : ""; },
      render: function () {
        var read = readNumber(this.state.text, this.integer());
        return h("input", {
          type: "text", inputMode: "decimal", autoComplete: "off", spellCheck: false,
          id: this.props.forID, className: this.props.classNameWrapper, value: this.state.text,
          "aria-invalid": read.error ? "true" : undefined,
          onChange: this.handleChange, onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        });
      },
    });
    var Preview = window.createClass({
      render: function () { return h("p", null, shownNumber(this.props.value)); },
    });
    return { control: Control, preview: Preview };
  }

  function registerNumberWidget(CMS) {
    var widget = numberWidget();
    CMS.registerWidget(NUMBER_WIDGET, widget.control, widget.preview);
  }

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

  function mergeInto(target, extra, overwrite) {
    Object.keys(extra).forEach(function (k) {
      if (isObject(extra[k])) {
        if (!isObject(target[k])) target[k] = {};
        mergeInto(target[k], extra[k], overwrite);
      } else if (overwrite || !(k in target)) {
        target[k] = extra[k];
      }
    });
    return target;
  }

  /* --- the form in plain Norwegian only --------------------------------------------------------
   * Decap falls back to English for every key its nb_no locale lacks, says «innlegg» for what this
   * site calls an example, ends messages in «..», and writes a few English strings outside its
   * locale («No dokument» is avoided by the list summaries in builder/editing/cms_config.py; the drag
   * instructions are translated in nameControls). tests/editing/test_editor_form.py walks every state an
   * editor reaches and fails on any string of Decap's English locale. */

  var NB_MORE = {  // keys nb_no lacks that an editor of this form can reach, or may in a later Decap
    auth: { loginWithAzure: "Logg inn med Azure", loginWithForgejo: "Logg inn med Forgejo" },
    editor: {
      editorControlPane: {
        widget: { invalidPath: "«%{path}» er ikke en gyldig sti", pathExists: "Stien «%{path}» finnes allerede" },
        i18n: { writingInLocale: "Skriver på %{locale}", copyFromLocale: "Fyll inn fra et annet språk",
                copyFromLocaleConfirm: "Vil du fylle inn fra %{locale}? Alt som står nå, blir overskrevet." },
      },
      editorInterface: { toggleI18n: "Vis eller skjul språk" },
      editorNotesPane: {
        title: "Notater", emptyState: "Ingen notater ennå.", addNote: "Legg til notat",
        addPlaceholder: "Skriv et notat …", editPlaceholder: "Rett notatet …", save: "Lagre", cancel: "Avbryt",
        edit: "Rediger", delete: "Slett", resolve: "Merk som løst", unresolve: "Merk som uløst",
        confirmDelete: "Vil du slette dette notatet?", shortcut: "Tips: Ctrl+Enter legger til notatet.",
      },
      editorWidgets: {
        markdown: { markdown: "Markdown" },
        image: { chooseMultiple: "Velg bilder", chooseUrl: "Sett inn fra adresse", replaceUrl: "Bytt med adresse",
                 promptUrl: "Skriv adressen til bildet", addMore: "Legg til flere bilder", removeAll: "Fjern alle bilder" },
        file: { chooseMultiple: "Velg filer", chooseUrl: "Sett inn fra adresse", replaceUrl: "Bytt med adresse",
                promptUrl: "Skriv adressen til filen", addMore: "Legg til flere filer", removeAll: "Fjern alle filer" },
      },
    },
    mediaLibrary: { mediaLibraryCard: { copy: "Kopier", copyUrl: "Kopier adresse", copyPath: "Kopier sti",
                                        copyName: "Kopier navn", copied: "Kopiert" } },
    ui: {
      toast: {
        noteAdded: "Notatet er lagt til", onFailToAddNote: "Notatet ble ikke lagt til: %{details}",
        noteUpdated: "Notatet er endret", onFailToUpdateNote: "Notatet ble ikke endret: %{details}",
        noteDeleted: "Notatet er slettet", onFailToDeleteNote: "Notatet ble ikke slettet: %{details}",
        noteResolved: "Notatet er merket som løst", noteReopened: "Notatet er åpnet igjen",
        onFailToToggleNote: "Notatet ble ikke endret: %{details}",
      },
    },
  };

  var NB_OVERRIDES = {  // replace nb_no's wording
    auth: { loggingIn: "Logger inn …" },
    app: {
      header: { quickAdd: "Nytt eksempel", media: "Filer" },
      app: { loadingConfig: "Laster skjemaet …", waitingBackend: "Venter på lagringstjenesten …",
             errorHeader: "Skjemaet kunne ikke starte", configErrors: "Feil i oppsettet av skjemaet",
             checkConfigYml: "Si fra til redaksjonen." },
    },
    collection: {
      collectionTop: { newButton: "＋ Nytt %{collectionLabel}", newButtonAriaLabel: "Nytt %{collectionLabel}" },
      entries: { noEntries: "Ingen eksempler ennå" },
    },
    editor: {
      editorControlPane: {
        widget: {
          required: "«%{fieldLabel}» må fylles ut.",
          // the field's own message is a whole sentence («Skriv et årstall, for eksempel 2009.»)
          regexPattern: "%{fieldLabel}: %{pattern}",
        },
      },
    },
    workflow: { workflow: { dateFormat: "D.M.YYYY" } },  // «5.12.2026», not «December 5»
  };

  // One wording for the whole form: an example is «eksempel», not «innlegg»; «…», never «..».
  function plainWords(text) {
    return text
      .replace(/Innleggene/g, "Eksemplene").replace(/innleggene/g, "eksemplene")
      .replace(/Innlegget/g, "Eksempelet").replace(/innlegget/g, "eksempelet")
      .replace(/Innlegg/g, "Eksempel").replace(/innlegg/g, "eksempel")
      .replace(/ ?\.{2,}$/, " …");
  }

  function mapStrings(node, fn) {
    Object.keys(node).forEach(function (k) {
      if (isObject(node[k])) mapStrings(node[k], fn);
      else if (typeof node[k] === "string") node[k] = fn(node[k]);
    });
    return node;
  }

  function norwegianLocale(CMS) {
    var nb = CMS.getLocale("nb_no");
    if (!nb) return;
    var locale = mergeInto(JSON.parse(JSON.stringify(nb)), NB_EXTRA);
    mergeInto(locale, NB_MORE);
    mapStrings(locale, plainWords);
    mergeInto(locale, NB_OVERRIDES, true);
    CMS.registerLocale("nb_no", locale);
  }

  /* --- accessible names Decap 3 leaves out (checked by axe in tests/editing/test_editor_form.py) -------- */

  function nameControls(root) {
    // The preview pane is an iframe (decap-cms-core EditorPreviewPane) without a title.
    root.querySelectorAll("iframe#preview-pane:not([title])").forEach(function (frame) {
      frame.setAttribute("title", "Forhåndsvisning av eksempelet");
    });
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
    // react-toastify names the close button of a notice («Eksempel lagret») in English
    root.querySelectorAll(".Toastify__close-button[aria-label='close']").forEach(function (button) {
      button.setAttribute("aria-label", "Lukk meldingen");
    });
  }

  /* --- English Decap writes outside its locale, and parts this form does not use ---------------- */

  // dnd-kit's screen-reader instructions and announcements for moving list items
  var DRAG_TEXTS = [
    [/^To pick up a draggable item.*$/s, "Trykk mellomrom for å ta tak i elementet. Flytt det med piltastene, " +
      "trykk mellomrom igjen for å slippe det, eller Escape for å avbryte."],
    [/^Picked up draggable item (.*)\.$/s, "Tok tak i $1."],
    [/^Draggable item (.*) was moved over droppable area (.*)\.$/s, "$1 ble flyttet over $2."],
    [/^Draggable item (.*) is no longer over a droppable area\.$/s, "$1 er ikke over et sted det kan slippes."],
    [/^Draggable item (.*) was dropped over droppable area (.*)$/s, "$1 ble sluppet på $2."],
    [/^Draggable item (.*) was dropped\.$/s, "$1 ble sluppet."],
    [/^Dragging was cancelled\. Draggable item (.*) was dropped\.$/s, "Flyttingen ble avbrutt. $1 ble sluppet."],
  ];

  function norwegianDom(root) {
    root.querySelectorAll("[id^='DndDescribedBy'], [id^='DndLiveRegion']").forEach(function (node) {
      var text = node.textContent.trim();
      DRAG_TEXTS.forEach(function (rule) {
        if (rule[0].test(text)) node.textContent = text.replace(rule[0], rule[1]);
      });
    });
    // The login page's logo is the site's name (builder/editing/cms_config.py "logo").
    root.querySelectorAll("img[src$='logo.svg'][alt='Logo']").forEach(function (img) {
      img.setAttribute("alt", "Erfaringsbanken");
    });
    // No media library: cases have no uploads, so the header's «Media» tab is left out.
    root.querySelectorAll("header button, header a").forEach(function (button) {
      if (button.querySelector("[class*='media']") || /^\s*(Media|Filer)\s*$/.test(button.textContent)) {
        button.hidden = true;
        button.style.display = "none";
      }
    });
  }

  function watchForControls() {
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameControls(document); norwegianDom(document); });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  /* --- the checks of `validate`, before saving (rediger/sjekk.js, generated by the builder) ----- */

  var formChecks = null;  // the module, once loaded

  function loadFormChecks() {
    return import("./sjekk.js").then(function (module) { formChecks = module; return module; });
  }

  function plainData(data) {
    return data && typeof data.toJS === "function" ? data.toJS() : data;
  }

  var shownNotes = null;  // what the field notes say now, so a check that finds the same leaves them be

  function clearProblems() {
    document.querySelectorAll(".eb-sjekk-felt, #eb-sjekk").forEach(function (el) { el.remove(); });
    shownNotes = null;
  }

  function problemsText(problems) {
    return problems.map(function (p) { return p.felt + "\t" + p.etikett + ": " + p.melding; }).join("\n");
  }

  function fieldLabelElement(problem) {
    // The label of the top-level field the problem is in (Decap labels each control <label for=…>).
    var top = problem.etikett.split(" → ")[0].replace(/ \d+$/, "");
    var labels = Array.prototype.slice.call(document.querySelectorAll("label[for]"));
    return labels.filter(function (l) { return l.textContent.trim().replace(/\s*\*$/, "") === top; })[0] ||
      labels.filter(function (l) { return l.textContent.trim().indexOf(top) === 0; })[0] || null;
  }

  function showProblems(problems) {
    var current = document.getElementById("eb-sjekk");
    if (current && problems.length && current.getAttribute("data-sjekk") === problemsText(problems)) {
      showFieldNotes(problems);  // the same list: keep it (no new announcement), mend the notes if needed
      return;
    }
    clearProblems();
    if (!problems.length) return;
    var box = document.createElement("div");
    box.id = "eb-sjekk";
    box.setAttribute("data-sjekk", problemsText(problems));
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.textContent = problems.length === 1 ? "Rett dette før du lagrer:" : "Rett disse " + problems.length + " tingene før du lagrer:";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem.etikett + ": " + problem.melding;
      list.appendChild(item);
    });
    showFieldNotes(problems);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  /* Each problem as a note right after the label of its (top-level) field. */
  function showFieldNotes(problems) {
    var notes = document.querySelectorAll(".eb-sjekk-felt");
    var inPlace = Array.prototype.every.call(notes, function (n) {  // Decap may have drawn a label again
      var before = n.previousElementSibling;
      return before && (before.tagName === "LABEL" || before.classList.contains("eb-sjekk-felt"));
    });
    if (inPlace && shownNotes === problemsText(problems)) return;
    shownNotes = problemsText(problems);
    notes.forEach(function (el) { el.remove(); });
    problems.forEach(function (problem) {
      var label = fieldLabelElement(problem);
      if (!label) return;
      var note = document.createElement("p");
      note.className = "eb-sjekk-felt";
      note.setAttribute("data-felt", problem.felt);
      note.textContent = problem.etikett + ": " + problem.melding;
      label.insertAdjacentElement("afterend", note);
    });
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
                        " må rettes først (se listen nederst og meldingene ved feltene).");
      }
      return undefined;
    });
  }

  /* Decap rejects its save promise after a preSave handler throws, and nothing handles that
   * rejection: when the rejection is the refused save of a case with problems (shown above), it is
   * expected, not an error of the page. Decap's own refusal (its ENTRY_PERSIST_FAILURE action) comes
   * with Decap's own notice, also when it comes before the list above is shown (a click on «Lagre»
   * on a slow phone, before the checks have loaded). */
  function quietRefusedSaves() {
    window.addEventListener("unhandledrejection", function (event) {
      var reason = event.reason;
      var decapRefused = reason && /ENTRY_PERSIST_FAILURE$/.test(String(reason.type));
      if (decapRefused || (reason === undefined && document.getElementById("eb-sjekk"))) event.preventDefault();
    });
  }

  /* --- checks while typing ---------------------------------------------------------------------
   * As the editor leaves a field (focus moves on, or a choice changes), after a short pause, the
   * case as the form holds it is checked again and the messages of every field the editor has left
   * stand at those fields. After a refused save the list at the bottom follows too, so messages go
   * away as fields are fixed. Saving stays blocked by checkBeforeSave while any problem remains. */

  var fieldsLeft = {};  // labels of the top-level fields the editor has left

  function labelName(text) {
    return String(text || "").trim().replace(/\s*\*$/, "").replace(/ \(valgfritt\)$/, "");
  }

  function topFieldName(element) {
    // Labels come in document order, so the first whose control box holds the element is the outermost.
    var labels = document.querySelectorAll("label[for]");
    for (var i = 0; i < labels.length; i++) {
      var box = labels[i].closest("[class*='ControlContainer']");  // the label's bar and its control
      if (box && box.contains(element)) return labelName(labels[i].textContent);
    }
    return null;
  }

  function problemFieldName(problem) {
    return problem.etikett.split(" → ")[0].replace(/ \d+$/, "");
  }

  function entryInForm() {
    // The entry as Decap's editor holds it: the `entry` prop of the components around a field's label
    // (read only; Decap has no event for a changed field).
    var label = document.querySelector("label[for]");
    if (!label) return null;
    var key = Object.keys(label).filter(function (k) { return k.indexOf("__reactFiber$") === 0; })[0];
    for (var fiber = key ? label[key] : null; fiber; fiber = fiber.return) {
      var entry = fiber.memoizedProps && fiber.memoizedProps.entry;
      if (entry && typeof entry.get === "function" && entry.get("data")) return entry;
    }
    return null;
  }

  function checkFieldsLeft() {
    var entry = entryInForm();
    if (!formChecks || !entry) return;
    var problems = formChecks.sjekkEksempel(plainData(entry.get("data")));
    if (document.getElementById("eb-sjekk")) {
      showProblems(problems);  // after a refused save: the whole list, until all is fixed
      var box = document.getElementById("eb-sjekk");
      if (box) box.setAttribute("role", "status");  // announced politely, not as a new alert at each change
      return;
    }
    showFieldNotes(problems.filter(function (p) { return fieldsLeft[problemFieldName(p)]; }));
  }

  /* Decap checks its own required fields before the preSave handlers run, and refuses a save that
   * lacks one (a case without municipality) with only its own short message: on the click on
   * «Lagre», the whole list is shown first, so the editor sees every problem at once. */
  function checkOnSaveClick() {
    document.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button") : null;
      var entry = button && formChecks && button.textContent.trim() === "Lagre" ? entryInForm() : null;
      if (!entry) return;
      var data = plainData(entry.get("data"));
      if (data && !data.id) {  // the preSave handler gives a new case its id, as here
        var first = Array.isArray(data.kommuner) && data.kommuner[0];
        data.id = caseId(first && first.navn, data.tittel);
      }
      showProblems(formChecks.sjekkEksempel(data));
    }, true);
  }

  function watchChecks() {
    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(checkFieldsLeft, 300);
    }
    function left(event) {
      var name = event.target instanceof Element ? topFieldName(event.target) : null;
      if (!name) return;
      fieldsLeft[name] = true;
      later();
    }
    document.addEventListener("focusout", left, true);
    document.addEventListener("change", left, true);
    document.addEventListener("input", function () {
      if (document.querySelector("#eb-sjekk, .eb-sjekk-felt")) later();  // a shown message may be fixed now
    }, true);
    window.addEventListener("hashchange", function () { fieldsLeft = {}; clearProblems(); });  // another entry
  }

  /* --- the preview: the case as its page will show it (issue 20, item 5) ----------------------
   * Decap's preview pane (an iframe beside the form; on a phone, in place of it, behind Decap's eye
   * button) draws the case with the case page's own labels, choice-list labels, number and date
   * formats, read from rediger/forhandsvisning.json (builder/editing/form_preview.py, made from
   * builder/core/labels.py, vocabularies/ and builder/core/formatting.py). Everything is built with h(), so
   * every value the editor typed is text: no innerHTML, no link to an address the editor wrote.
   * Markdown fields show their paragraphs and lists; a series with enough values gets a bar chart
   * with the chart's title and unit, and the table of its numbers, as on the page. */

  var preview = { words: null };  // forhandsvisning.json once loaded

  function loadPreviewWords() {
    return fetch("forhandsvisning.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (words) { preview.words = words; return words; });
  }

  // builder/core/formatting.py format_number: as many decimals as the number has (at most 6), groups of
  // three digits, the separators of forhandsvisning.json («−1 234,5»).
  function previewNumber(value, fmt) {
    if (typeof value !== "number" || !isFinite(value)) return String(value === undefined || value === null ? "" : value);
    var parts = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
    var decimals = Number.isInteger(value) || !parts ? 0
      : Math.min(Math.max((parts[2] || "").length - Number(parts[3] || 0), 0), 6);
    var text = Math.abs(value).toFixed(decimals).split(".");
    var whole = text[0].replace(/\B(?=(\d{3})+(?!\d))/g, fmt.tusen);
    return (value < 0 ? fmt.minus : "") + whole + (text[1] ? fmt.desimal + text[1] : "");
  }

  // builder/core/formatting.py format_date: «2026-11-24» -> «24. november 2026»; anything else as typed.
  function previewDate(iso, months) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    if (!m || !months[Number(m[2]) - 1]) return String(iso || "");
    return Number(m[3]) + ". " + months[Number(m[2]) - 1] + " " + m[1];
  }

  function textOf(value) {
    if (value === undefined || value === null) return "";
    return typeof value === "string" ? value : String(value);
  }

  function filled(value) { return textOf(value).trim() !== ""; }

  function labelIn(words, list, id) {
    var labels = words.lister[list] || {};
    return Object.prototype.hasOwnProperty.call(labels, id) ? labels[id] : textOf(id);
  }

  // A Markdown field as the site's renderer reads it (Python-Markdown, sane_lists): paragraphs, and
  // «- »/«* »/«1. » lists after a blank line, nested by four spaces; inline marks stay text.
  var LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;

  function listTree(lines) {
    var root = { children: [] }, path = [root];
    lines.forEach(function (line) {
      var item = LIST_ITEM.exec(line);
      if (!item) {  // a continuation line belongs to the last item
        var last = path[path.length - 1];
        if (last !== root) last.text += " " + line.trim();
        return;
      }
      var level = Math.min(Math.floor(item[1].length / 4), path.length - 1);
      path.length = level + 1;
      var node = { text: item[3], ordered: /\d/.test(item[2]), children: [] };
      path[level].children.push(node);
      path.push(node);
    });
    return root.children;
  }

  function listElement(h, items, key) {
    return h(items[0].ordered ? "ol" : "ul", { key: key }, items.map(function (item, i) {
      return h("li", { key: i }, item.text, item.children.length ? listElement(h, item.children, "under") : null);
    }));
  }

  function previewText(h, value, key) {
    var blocks = textOf(value).replace(/\r\n?/g, "\n").split(/\n\s*\n/);
    var out = [];
    blocks.forEach(function (block, b) {
      var lines = block.split("\n").filter(function (line) { return line.trim() !== ""; });
      if (!lines.length) return;
      var first = LIST_ITEM.exec(lines[0]);
      if (first && first[1].length < 4) {
        out.push(listElement(h, listTree(lines), key + b));
      } else {
        out.push(h("p", { key: key + b }, lines.map(function (l) { return l.trim(); }).join(" ")));
      }
    });
    return h("div", { className: "eb-text", key: key }, out);
  }

  function periodLabel(data) {
    var from = textOf(data.periode && data.periode.fra), to = textOf(data.periode && data.periode.til);
    if (from && to) return from === to ? from : from + "–" + to;
    if (from) return "fra " + from;
    if (to) return "til " + to;
    return "";
  }

  function sourceYear(data, words) {
    var years = (data.kilder || []).map(function (k) {
      if (k && k.dokument) return words.kilder[k.dokument] ? textOf(words.kilder[k.dokument]["år"]) : "";
      return k ? textOf(k["år"]) : "";
    }).filter(Boolean);
    return years.length ? years.sort()[years.length - 1] : "";
  }

  // builder/sources/model.py Municipality.display_name
  function municipalityName(m) {
    return m && filled(m.bydel) ? textOf(m.navn) + " (bydel " + textOf(m.bydel) + ")" : textOf(m && m.navn);
  }

  function municipalityNames(data) {
    var names = (data.kommuner || []).map(municipalityName).filter(Boolean);
    if (filled(data.samarbeidsorgan)) return textOf(data.samarbeidsorgan) + " (" + names.join(", ") + ")";
    return names.join(", ");
  }

  // «linjene 120–130 i tekstversjonen» / «side 4» (builder/templates/sources.html `where`)
  function sourcePlace(k, L) {
    var many = function (s) { return /[–\-,]/.test(s); };
    if (filled(k.linjer)) return (many(k.linjer) ? L.lines : L.line) + " " + textOf(k.linjer) + " " + L.in_text_version;
    if (filled(k.sider)) return (/[–,]/.test(k.sider) ? L.pages : L.page) + " " + textOf(k.sider);
    return "";
  }

  function sourceName(k, words) {
    if (k.dokument) {
      var doc = words.kilder[k.dokument];
      return doc ? doc.navn + " (" + textOf(doc.utgiver) + ", " + textOf(doc["år"]) + ")" : textOf(k.dokument);
    }
    return textOf(k.tittel) + " (" + textOf(k.utgiver) + ", " + textOf(k["år"]) + ")";
  }

  // A bar per value, the value written above it; zero line when a value is negative.
  function previewChart(h, series, fmt, key) {
    var values = series.verdier.map(function (v) { return typeof v.verdi === "number" ? v.verdi : 0; });
    var top = Math.max.apply(null, values.concat([0])), bottom = Math.min.apply(null, values.concat([0]));
    var width = 560, height = 220, pad = 28, span = (top - bottom) || 1;
    var slot = (width - 2 * pad) / values.length;
    var y = function (v) { return pad + (top - v) / span * (height - 2 * pad); };
    var bars = series.verdier.map(function (v, i) {
      var value = values[i], x = pad + i * slot + slot * 0.15, w = slot * 0.7;
      return h("g", { key: i },
        h("rect", { x: x, width: w, y: Math.min(y(value), y(0)), height: Math.max(Math.abs(y(value) - y(0)), 1),
                    fill: "#2a57b5" }),
        h("text", { x: x + w / 2, y: Math.min(y(value), y(0)) - 6, textAnchor: "middle", fontSize: 13 },
          previewNumber(v.verdi, fmt)),
        h("text", { x: x + w / 2, y: height - 6, textAnchor: "middle", fontSize: 13 }, textOf(v.periode)));
    });
    var title = textOf(series.indikator) + " (" + textOf(series.enhet) + ")";
    return h("svg", { key: key, className: "eb-preview-chart", viewBox: "0 0 " + width + " " + height,
                      role: "img", "aria-label": title },
      h("line", { x1: pad, x2: width - pad, y1: y(0), y2: y(0), stroke: "#4f5766" }), bars);
  }

  function previewSeries(h, series, index, words, L) {
    var fmt = words.tall, parts = [];
    var values = (series.verdier || []).filter(Boolean);
    series = Object.assign({}, series, { verdier: values });
    var source = L.data_source + ": " + textOf(series.datakilde) + ".";
    if (values.length >= words.figur_fra_antall_verdier) {
      parts.push(h("figure", { className: "eb-chart", key: "figur" + index },
        previewChart(h, series, fmt, "svg"),
        h("figcaption", null, h("strong", null, textOf(series.indikator) + "."), " " + source,
          filled(series.merknad) ? " Forbehold: " + textOf(series.merknad) : "")));
    }
    var better = series.lavere_er_bedre === true ? " " + L.lower_better
      : series.lavere_er_bedre === false ? " " + L.higher_better : "";
    parts.push(h("figure", { className: "eb-series", key: "tabell" + index },
      h("table", { className: "eb-data" },
        h("caption", null, textOf(series.indikator) + " (" + textOf(series.enhet) + ")"),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, L.period),
                            h("th", { scope: "col" }, L.value + " (" + textOf(series.enhet) + ")"))),
        h("tbody", null, values.map(function (v, i) {
          return h("tr", { key: i }, h("th", { scope: "row" }, textOf(v.periode)),
                   h("td", { className: "eb-num" }, previewNumber(v.verdi, fmt)));
        }))),
      h("figcaption", null, source + better + (filled(series.merknad) ? " " + textOf(series.merknad) : ""))));
    return parts;
  }

  function previewFact(h, label, value, key) {
    return value ? h("div", { key: key }, h("dt", null, label), h("dd", null, value)) : null;
  }

  function previewCase(h, data, words) {
    var L = words.etiketter[data["språk"] === "nn" ? "nn" : "nb"];
    var list = function (name, ids) { return (ids || []).filter(Boolean).map(function (id) { return labelIn(words, name, id); }).join(", "); };
    var kommuner = (data.kommuner || []).filter(Boolean);
    var counties = [];
    kommuner.forEach(function (m) { if (m.fylke && counties.indexOf(m.fylke) < 0) counties.push(m.fylke); });
    var period = periodLabel(data), year = sourceYear(data, words);
    var status = data.status ? labelIn(words, "status", data.status) + (year ? " (" + year + ")" : "") : "";
    var program = data.program ? labelIn(words, "programmer", data.program) +
      (filled(data.pulje) ? ", " + textOf(data.pulje).toLowerCase() : "") +
      (filled(data.nettverk) ? " (" + textOf(data.nettverk) + ")" : "") : "";
    var results = data.resultater || {};
    var body = [
      h("h1", { key: "tittel" }, textOf(data.tittel)),
      h("p", { className: "eb-lede", key: "lede" }, [L["case"], municipalityNames(data),
        data.sektor ? labelIn(words, "sektorer", data.sektor) : "", period].filter(Boolean).join(" · ")),
      h("dl", { className: "eb-facts", key: "fakta" },
        previewFact(h, L.joint_body, textOf(data.samarbeidsorgan), "organ"),
        previewFact(h, kommuner.length > 1 ? L.municipalities : L.municipality,
                    kommuner.map(municipalityName).filter(Boolean).join(", "), "kommune"),
        previewFact(h, L.county, list("fylker", counties), "fylke"),
        previewFact(h, L.programme, program, "program"),
        previewFact(h, L.sector, data.sektor ? labelIn(words, "sektorer", data.sektor) +
                    (filled(data.enhet) ? ": " + textOf(data.enhet) : "") : "", "sektor"),
        previewFact(h, L.themes, list("temaer", data.temaer), "temaer"),
        previewFact(h, L.period, [period, status].filter(Boolean).join(" · "), "periode"),
        previewFact(h, L.result, results.vurdering ? labelIn(words, "resultattyper", results.vurdering) : "", "resultat"),
        previewFact(h, L.evidence, list("kunnskapsgrunnlag", data.kunnskapsgrunnlag), "grunnlag"),
        previewFact(h, L.reviewed, data.sist_vurdert ? previewDate(data.sist_vurdert, words["måneder"]) : "", "vurdert")),
    ];
    var notes = (data.kildemerknader || []).filter(filled);
    if (notes.length) {
      body.push(h("div", { className: "eb-source-notes", key: "merknader" }, h("p", null, L.source_notes),
        h("ul", null, notes.map(function (n, i) { return h("li", { key: i }, textOf(n)); }))));
    }
    var section = function (heading, content, key) {
      body.push(h("section", { key: key }, h("h2", null, heading), content));
    };
    section(L.background, previewText(h, data.bakgrunn, "b"), "bakgrunn");
    if (filled(data["mål"])) section(L.goals, previewText(h, data["mål"], "m"), "mal");
    section(L.measures, previewText(h, data.tiltak, "t"), "tiltak");
    var series = (results.tall || []).filter(Boolean);
    section(L.results, [filled(results.tekst) ? previewText(h, results.tekst, "r") : null]
      .concat(series.length ? series.map(function (s, i) { return previewSeries(h, s, i, words, L); })
                            : [h("p", { className: "eb-muted", key: "ingen" }, L.no_numbers)]), "resultater");
    if ((data.kunnskapsgrunnlag || []).length) {
      section(L.how_known, h("ul", null, data.kunnskapsgrunnlag.map(function (e, i) {
        return h("li", { key: i }, labelIn(words, "kunnskapsgrunnlag", e)); })), "kunnskapsgrunnlag");
    }
    if (filled(data["læringspunkter"])) section(L.lessons, previewText(h, data["læringspunkter"], "l"), "laering");
    if (filled(data["overføringsverdi"])) {
      section(L.transfer, [h("p", { className: "eb-muted", key: "n" }, L.editorial_note),
                           previewText(h, data["overføringsverdi"], "o")], "overforing");
    }
    var partners = (data.samarbeidspartnere || []).filter(filled);
    if (partners.length) {
      section(L.partners, h("ul", null, partners.map(function (p, i) { return h("li", { key: i }, textOf(p)); })), "partnere");
    }
    var prizes = (data.priser || []).filter(Boolean);
    if (prizes.length) {
      section(L.prizes, h("ul", null, prizes.map(function (p, i) {
        return h("li", { key: i }, textOf(p.navn) + (filled(p["år"]) ? " " + textOf(p["år"]) : "") + " (" +
                 (p.plassering === "vinner" ? L.winner : L.nominated) + ")");
      })), "priser");
    }
    var contacts = (data.kontakt || []).filter(Boolean);
    if (contacts.length) {
      section(L.contact, h("ul", null, contacts.map(function (c, i) {
        return h("li", { key: i }, [textOf(c.rolle), textOf(c.virksomhet)].filter(Boolean).join(", ") +
                 (filled(c.epost) ? " – " + textOf(c.epost) : "") + (filled(c.nettside) ? " – " + textOf(c.nettside) : "") +
                 (c.kontrollert ? " (" + L.checked + " " + previewDate(c.kontrollert, words["måneder"]) + ")" : ""));
      })), "kontakt");
    }
    var sources = (data.kilder || []).filter(Boolean);
    if (sources.length) {
      section(L.sources, h("ol", { className: "eb-sources" }, sources.map(function (k, i) {
        var place = sourcePlace(k, L);
        return h("li", { key: i }, h("cite", null, sourceName(k, words)), (place ? ", " + place : "") + ".",
                 filled(k.sitat) ? h("blockquote", null, h("p", null, textOf(k.sitat))) : null);
      })), "kilder");
    }
    return h("article", { className: "eb-preview", lang: data["språk"] === "nn" ? "nn" : "nb" }, body);
  }

  function previewTemplate() {
    var h = window.h;
    return window.createClass({
      componentDidMount: function () {
        var self = this, doc = this.props.document;
        if (doc && doc.documentElement) {
          doc.documentElement.lang = "nb";
          doc.title = "Forhåndsvisning";
        }
        if (!preview.words) loadPreviewWords().then(function () { self.forceUpdate(); }, function () { self.setState({ failed: true }); });
      },
      render: function () {
        if (!preview.words) {
          return h("p", { className: "eb-muted" }, this.state && this.state.failed
            ? "Forhåndsvisningen kunne ikke lastes. Skjemaet virker som før." : "Laster forhåndsvisningen …");
        }
        return previewCase(h, plainData(this.props.entry.get("data")) || {}, preview.words);
      },
    });
  }

  function registerPreview(CMS, collection) {
    CMS.registerPreviewStyle(new URL("forhandsvisning.css", document.baseURI).href);
    CMS.registerPreviewTemplate(collection, previewTemplate());
  }

  /* On a phone the preview takes the form's place, so the form comes first: Decap remembers the last
   * pane shown (localStorage «cms.right-pane», decap-cms-core EditorInterface), and a narrow screen
   * starts without it. Decap's eye button in the toolbar shows and hides it. */
  function formFirstOnPhones() {
    try {
      if (window.matchMedia && window.matchMedia("(max-width: 799px)").matches) {
        window.localStorage.setItem("cms.right-pane", "none");
      }
    } catch (e) { /* no storage: Decap's default */ }
  }

  /* --- pasting from Word into a long text (issue 20, item 8) ----------------------------------
   * Word puts a list on the clipboard as paragraphs that start with the bullet or number and a tab:
   * «•⇥», «·⇥» (the Symbol font), «o⇥» (second level), «§⇥» (Wingdings), «–⇥», «1.⇥», «1)⇥», and
   * as HTML paragraphs marked `mso-list: l0 level2 lfo1`. Pasted as they are, the Markdown box gets
   * one line per paragraph with the bullet as text, and the page shows one run-on paragraph.
   * toMarkdown turns such a clipboard into Markdown the site's renderer reads as lists (builder/
   * markdown_text.py, Python-Markdown with sane_lists): «- » and «1. », four spaces per level, a
   * blank line around each list and between paragraphs. Anything else is pasted unchanged.
   *
   * How it reaches Decap's editor: a long text is Decap's raw Markdown editor (Slate, slate-react's
   * Editable). Chromium pastes into it through `beforeinput` (insertFromPaste), which a script
   * cannot fake; but Editable's own `paste` handler inserts a clipboard that holds only text/plain
   * (slate-react: isPlainTextOnlyPaste -> ReactEditor.insertData -> insertTextData, one block per
   * line). So the real paste is stopped in the capture phase, and the same box gets a paste event
   * holding only the Markdown text. */

  var MARKER = /^[ \t\u00a0]*(?:([•·▪■◦○§–\-*])[ \t\u00a0]+|(o)(?:\t|[ \u00a0]{2,})|(\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})([.)])[ \t\u00a0]+)/;

  // A paragraph's list marker: {ordered, number, rest} or null.
  function listMarker(text, wordList) {
    var m = MARKER.exec(text);
    if (!m) return null;
    var glyph = m[1] || m[2];
    if (glyph) {
      // «- text» and «* text» are Markdown already when typed; from Word only with a tab after them.
      if ((glyph === "-" || glyph === "*") && !wordList && !/^[ \t\u00a0]*[-*]\t/.test(text)) return null;
      return { ordered: false, rest: text.slice(m[0].length) };
    }
    if (!/\t/.test(m[0]) && !wordList && !/^\d/.test(m[3])) return null;  // «a. » only in a list
    var number = /^\d+$/.test(m[3]) ? Number(m[3]) : null;
    return { ordered: true, number: number, rest: text.slice(m[0].length) };
  }

  function cleanLine(text) {
    return text.replace(/[\u00a0\t]+/g, " ").replace(/ {2,}/g, " ").trim();
  }

  // [{text, list: null | {ordered, number, level}}] -> Markdown
  function paragraphsToMarkdown(paragraphs) {
    var out = [], previous = null, counters = [];
    paragraphs.forEach(function (p) {
      var text = cleanLine(p.text);
      if (!text) return;
      if (!p.list) {
        if (out.length) out.push("");
        out.push(text);
        previous = null;
        counters = [];
        return;
      }
      var level = Math.max(0, Math.min(p.list.level || 0, 5));
      if (previous === null && out.length) out.push("");  // a list starts after a blank line
      else if (previous !== null && level === 0 && previous.ordered !== p.list.ordered) out.push("");
      counters.length = level + 1;
      counters[level] = p.list.ordered ? (p.list.number || (counters[level] || 0) + 1) : 0;
      var marker = p.list.ordered ? counters[level] + ". " : "- ";
      out.push("    ".repeat(level) + marker + text);
      if (level === 0) previous = p.list;
    });
    return out.join("\n");
  }

  // Word's text/plain: one paragraph a line. Null when it holds no list (pasted unchanged).
  function plainToParagraphs(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var paragraphs = [], lists = 0;
    lines.forEach(function (line) {
      var marker = listMarker(line, false);
      var tabbed = marker && /^[ \t\u00a0]*\S{1,4}\t/.test(line);
      if (marker && (tabbed || "•·▪■◦○§–".indexOf(line.trim()[0]) >= 0)) {
        lists++;
        var indent = /^[ \u00a0]*/.exec(line)[0].length;
        var level = line.trim()[0] === "o" || line.trim()[0] === "◦" ? 1 : line.trim()[0] === "§" || line.trim()[0] === "▪" ? 2 : Math.floor(indent / 4);
        paragraphs.push({ text: marker.rest, list: { ordered: marker.ordered, number: marker.number, level: level } });
      } else {
        paragraphs.push({ text: line, list: null });
      }
    });
    return lists ? paragraphs : null;
  }

  // Word's text/html (mso-list paragraphs, or <li> from Word on the web). Null when not from Word.
  function htmlToParagraphs(html) {
    if (!/mso-list|urn:schemas-microsoft-com:office|class="?Mso|<li[\s>]/i.test(html)) return null;
    var doc = new DOMParser().parseFromString(html, "text/html");  // inert: nothing runs or loads
    doc.querySelectorAll("script, style, template, xml, head").forEach(function (n) { n.remove(); });
    var paragraphs = [];
    doc.body.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6").forEach(function (block) {
      if (block.querySelector("p, h1, h2, h3, h4, h5, h6")) return;  // the innermost block carries the text
      var style = block.getAttribute("style") || "";
      var own = block.cloneNode(true);  // a list item's own text, without the lists inside it
      own.querySelectorAll("ul, ol").forEach(function (n) { n.remove(); });
      var text = own.textContent.replace(/\r?\n/g, " ");
      var level = /level(\d+)/.exec(style);
      var inWordList = /mso-list/.test(style) && !/mso-list:\s*(none|Ignore)/i.test(style) ||
                       /MsoListParagraph/.test(block.className);
      var list = null;
      if (block.tagName === "LI") {
        var depth = 0;
        for (var up = block.parentElement; up && up !== doc.body; up = up.parentElement) if (/^(UL|OL)$/.test(up.tagName)) depth++;
        var ordered = block.parentElement && block.parentElement.tagName === "OL";
        list = { ordered: ordered, number: null, level: Math.max(depth - 1, 0) };
      } else if (inWordList) {
        var marker = listMarker(text, true);
        if (marker) {
          text = marker.rest;
          list = { ordered: marker.ordered, number: marker.number, level: level ? Number(level[1]) - 1 : 0 };
        } else {
          list = { ordered: false, number: null, level: level ? Number(level[1]) - 1 : 0 };
        }
      }
      paragraphs.push({ text: text, list: list });
    });
    return paragraphs.length ? paragraphs : null;
  }

  // The clipboard as Markdown, or null to let the paste through unchanged.
  function toMarkdown(html, plain) {
    var paragraphs = (html && htmlToParagraphs(html)) || (plain && plainToParagraphs(plain));
    if (!paragraphs || !paragraphs.some(function (p) { return p.list; }) && !(html && /mso-|Mso/.test(html))) return null;
    return paragraphsToMarkdown(paragraphs);
  }

  var OWN_PASTE = "ebLimtInn";

  function markdownBox(target) {
    var node = target && target.nodeType === 1 ? target : target && target.parentElement;
    return node && node.closest("[contenteditable='true'][data-slate-editor='true']");
  }

  function pasteAsMarkdown(event) {
    if (event[OWN_PASTE] || !event.clipboardData) return;
    var box = markdownBox(event.target);
    if (!box) return;
    var markdown = toMarkdown(event.clipboardData.getData("text/html"), event.clipboardData.getData("text/plain"));
    if (markdown === null) return;
    event.preventDefault();
    event.stopPropagation();
    var data = new DataTransfer();
    data.setData("text/plain", markdown);
    var again = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    again[OWN_PASTE] = true;
    event.target.dispatchEvent(again);
  }

  function watchPastes() {
    document.addEventListener("paste", pasteAsMarkdown, true);
  }

  /* --- start -------------------------------------------------------------------------------- */

  function start() {
    var CMS = window.CMS;
    if (!CMS || !window.jsyaml) return;
    fetch("config.yml").then(function (r) { return r.text(); }).then(function (text) {
      var config = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      config.collections.forEach(function (c) { if (c.format === FORMAT) learnFields(c.fields, ""); });
      norwegianLocale(CMS);
      registerNumberWidget(CMS);
      CMS.registerCustomFormat(FORMAT, "yml", caseFormat);
      config.collections.forEach(function (c) { if (c.format === FORMAT) registerPreview(CMS, c.name); });
      loadPreviewWords().catch(function () { /* the preview says so */ });
      formFirstOnPhones();
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
      checkOnSaveClick();
      quietRefusedSaves();
      watchForControls();
      watchPastes();
      startOrExplain(CMS, config);
    });
  }

  /* --- a build without a repository (no REPO_URL) ----------------------------------------------
   * The GitHub backend cannot start without a repository, and Decap would show an English error.
   * builder/pages/editor_page.py then puts a Norwegian explanation on the page instead; the form
   * starts only when a local decap-server answers (opened from this machine, as CONTRIBUTING.md
   * describes), found the way Decap's local_backend finds it. */

  function localServerUrl(local) {
    if (!local) return null;
    var hosts = ["localhost", "127.0.0.1"].concat((isObject(local) && local.allowed_hosts) || []);
    if (hosts.indexOf(window.location.hostname) < 0) return null;
    var fallback = "http://localhost:8081/api/v1";
    return local === true ? fallback : local.url || fallback.replace("localhost", window.location.hostname);
  }

  function findLocalServer(local) {
    var url = localServerUrl(local);
    if (!url) return Promise.resolve(false);
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
                        body: JSON.stringify({ action: "info" }) })
      .then(function (r) { return r.json(); })
      .then(function (info) {
        return typeof info.repo === "string" && Array.isArray(info.publish_modes) && typeof info.type === "string";
      })
      .catch(function () { return false; });
  }

  function startOrExplain(CMS, config) {
    var backend = config.backend || {};
    var explanation = document.getElementById("eb-uten-lager");
    if (backend.name !== "github" || backend.repo) {
      if (explanation) explanation.remove();
      CMS.init();
      return;
    }
    findLocalServer(config.local_backend).then(function (found) {
      if (!found) {
        if (explanation) explanation.setAttribute("data-sjekket", "ingen-lokal-server");
        return;
      }
      if (explanation) explanation.remove();
      CMS.init();
    });
  }

  window.erfaringsbanken = { nameControls: nameControls, showProblems: showProblems, slugify: slugify, caseId: caseId, format: caseFormat, fieldInfo: fieldInfo,
                             // for tests/editing/test_form_writer.py, which runs this file in Node without a browser
                             writer: { learnFields: learnFields, prune: prune, plainSafe: plainSafe, quoted: quoted,
                                       scalar: scalar, blockLiteral: blockLiteral, dumpMapping: dumpMapping },
                             paste: { toMarkdown: toMarkdown }, preview: { number: previewNumber, date: previewDate } };
  document.addEventListener("DOMContentLoaded", start);
})();
