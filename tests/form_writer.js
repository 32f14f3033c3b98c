// Runs the editing form's YAML reader and writer (content/rediger/skjema.js) in Node, without a
// browser, for tests/editing/test_form_writer.py. The file is run unchanged in a fresh `vm` context per
// request, with js-yaml (as the page loads it) and a stub `document`; Decap itself is not needed.
// Protocol: one JSON request per line on stdin, one JSON answer per line on stdout.
//   {"fields": [...form fields of config.yml...], "data": {...}, "original": "file text" | null}
//   -> {"text": toFile(data), "expected": prune(data), "read": fromFile(text)}
// With "original", the form first reads that file (as when an existing case is opened).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const readline = require("readline");

const root = path.resolve(__dirname, "..");
const script = new vm.Script(fs.readFileSync(path.join(root, "content", "rediger", "skjema.js"), "utf8"),
                             { filename: "skjema.js" });
const jsyaml = require(path.join(root, "node_modules", "js-yaml"));

function form(fields) {
  const sandbox = { jsyaml: jsyaml, document: { addEventListener() {} } };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  script.runInContext(sandbox);
  const api = sandbox.erfaringsbanken;
  api.writer.learnFields(fields, "");
  return api;
}

function answer(request) {
  const api = form(request.fields);
  if (request.original !== null && request.original !== undefined) api.format.fromFile(request.original);
  const text = api.format.toFile(request.data);
  let read;
  try {
    read = JSON.parse(JSON.stringify(api.format.fromFile(text)));
  } catch (error) {
    read = { "js-yaml-error": String(error && error.message) };
  }
  return { text: text, expected: api.writer.prune(request.data) || {}, read: read };
}

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", (line) => {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (error) {
    reply = { error: String(error && error.stack) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
