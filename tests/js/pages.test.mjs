// The staff build's batch scoring and pages (the `pages` feature) against
// the command line, byte for byte: `Batch.scoredCsv` and `scoredJsonl` are
// `assess score --format csv|jsonl` of the same file, `renderReport` is
// `assess report`, `renderSummary` is `assess summary --html`. Bad inputs
// give located problems, never a throw of anything but an AssessError.
// Needs scripts/build-wasm; builds the command line (debug) if missing.
//
//   node --test tests/js/pages.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { ROOT, buildCli, loadPackage, shipped } from "./common.mjs";

const BINARY = join(ROOT, "target", "debug", "assess");
const OUT = join(ROOT, "target", "js-pages");
const RESPONSES = join(ROOT, "examples", "responses");
const m = loadPackage();

before(() => {
  buildCli();
  mkdirSync(OUT, { recursive: true });
});

/** `assess ARGS…`'s standard output (exit status 0, or 1 when rows are rejected). */
function cli(args) {
  const r = spawnSync(BINARY, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `assess ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** All rows of `text` scored in one batch, in chunks of `chunk`. */
function scoreAll(instrument, text, format, options, chunk = 1000) {
  const batch = new m.Batch(instrument, text, format, options);
  const rows = [];
  for (;;) {
    const next = batch.next(chunk);
    if (!next.length) break;
    rows.push(...next);
  }
  assert.equal(batch.done, true);
  assert.equal(batch.bytesRead, batch.bytesTotal);
  assert.equal(batch.rowsRead, rows.length);
  return { batch, rows };
}

/** The shipped sample files, and a JSON Lines copy of each JSON one. */
function samples(name) {
  const json = join(RESPONSES, `${name}-personas.json`);
  const jsonl = join(OUT, `${name}-personas.jsonl`);
  const sets = JSON.parse(readFileSync(json, "utf8"));
  writeFileSync(jsonl, sets.map((s) => JSON.stringify(s)).join("\n") + "\n");
  return [
    [join(RESPONSES, `${name}-personas.csv`), "csv"],
    [json, "json"],
    [jsonl, "jsonl"],
    [join(RESPONSES, `synthetic-${name}.csv`), "csv"],
  ];
}

for (const name of ["riasec", "aptitude", "readiness"]) {
  test(`${name}: scoredCsv and scoredJsonl are assess score's bytes for the shipped samples`, () => {
    const toml = join(ROOT, "instruments", `${name}.toml`);
    const instrument = m.loadInstrument(shipped(`${name}.toml`));
    for (const [file, format] of samples(name)) {
      for (const lang of ["id", "en"]) {
        const { batch, rows } = scoreAll(instrument, readFileSync(file, "utf8"), format, { lang });
        const base = ["score", "-i", toml, "-r", file, "--input-format", format, "--lang", lang];
        const what = `${file} (${lang})`;
        assert.equal(batch.scoredCsv(true), cli([...base, "--format", "csv"]), what);
        assert.equal(batch.scoredCsv(false), cli([...base, "--format", "csv", "--csv-formulas"]), what);
        assert.equal(batch.scoredJsonl(), cli([...base, "--format", "jsonl"]), what);
        // The outcomes agree with the records.
        const records = batch.scoredJsonl().trimEnd().split("\n").map((l) => JSON.parse(l));
        assert.deepEqual(rows.map((r) => [r.row, r.respondentId, r.status]),
          records.map((r) => [r.row, r.respondent_id ?? null, r.status]));
        if (name === "riasec") {
          assert.deepEqual(rows.map((r) => r.hollandCode),
            records.map((r) => r.report?.riasec?.holland.code));
        }
        batch.free();
      }
    }
    instrument.free();
  });
}

/** One persona's results on the three instruments, from the shipped samples, in `lang`. */
function personaScored(lang, respondent) {
  const files = [["riasec", "riasec-personas.json", "json"], ["aptitude", "aptitude-personas.csv", "csv"],
    ["readiness", "readiness-personas.json", "json"]];
  return files.map(([name, file, format]) => {
    const instrument = m.loadInstrument(shipped(`${name}.toml`));
    const { batch, rows } = scoreAll(instrument, readFileSync(join(RESPONSES, file), "utf8"), format, { lang });
    const row = rows.find((r) => r.respondentId === respondent);
    const scored = batch.scored(row.row);
    assert.equal(scored.instrumentId, instrument.id);
    batch.free();
    instrument.free();
    return scored;
  });
}

for (const lang of ["id", "en"]) {
  test(`renderReport (${lang}) is assess report's page for a persona with three instruments`, () => {
    const r = RESPONSES;
    const i = join(ROOT, "instruments");
    const want = cli(["report", "--respondent", "rembang-siti", "--lang", lang,
      "-i", join(i, "riasec.toml"), "-r", join(r, "riasec-personas.json"),
      "-i", join(i, "aptitude.toml"), "-r", join(r, "aptitude-personas.csv"),
      "-i", join(i, "readiness.toml"), "-r", join(r, "readiness-personas.json"),
      "--catalog", join(i, "job-families.toml"), "--date", "2026-12-05"]);
    const scored = personaScored(lang, "rembang-siti");
    const catalog = m.loadCatalog(shipped("job-families.toml"));
    const html = m.renderReport(scored, catalog, { lang, date: "2026-12-05" });
    assert.equal(html, want);
    // The handles were not taken: they still work, and render again alike.
    assert.equal(scored[0].instrumentId, "riasec");
    assert.equal(catalog.familyCount > 0, true);
    assert.equal(m.renderReport(scored, catalog, { lang, date: "2026-12-05" }), want);
    // Without a catalogue: no job families, as without --catalog.
    const bare = cli(["report", "--respondent", "rembang-siti", "--lang", lang,
      "-i", join(i, "riasec.toml"), "-r", join(r, "riasec-personas.json"), "--date", "2026-12-05"]);
    assert.equal(m.renderReport([scored[0]], undefined, { lang, date: "2026-12-05" }), bare);
    for (const s of scored) s.free();
    catalog.free();
  });
}

test("renderSummary is assess summary --html's page for the same JSON Lines", () => {
  const instrument = m.loadInstrument(shipped("riasec.toml"));
  const file = join(RESPONSES, "synthetic-riasec.csv");
  const { batch } = scoreAll(instrument, readFileSync(file, "utf8"), "csv", { lang: "id" });
  const jsonl = batch.scoredJsonl();
  const scored = join(OUT, "synthetic-riasec.jsonl");
  writeFileSync(scored, jsonl);
  for (const [lang, by, minGroup] of [["id", ["district"], undefined], ["en", ["district", "gender"], 20]]) {
    const html = join(OUT, `summary-${lang}.html`);
    cli(["summary", scored, ...by.flatMap((b) => ["--by", b]), "--lang", lang, "--html", html,
      "--overwrite", ...(minGroup ? ["--min-group", String(minGroup)] : [])]);
    const got = m.renderSummary(jsonl, { by, minGroup, lang, source: scored });
    assert.equal(got, readFileSync(html, "utf8"), lang);
  }
  batch.free();
  instrument.free();
});

/** `f()`'s AssessError (it must throw one, and nothing else). */
function assessError(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof m.AssessError, `not an AssessError: ${e}`);
    return e;
  }
  assert.fail("no error");
}

test("bad inputs give located problems: a file's as an AssessError, a row's as a rejected row", () => {
  const riasec = m.loadInstrument(shipped("riasec.toml"));
  const csv = readFileSync(join(RESPONSES, "riasec-personas.csv"), "utf8");
  // A CSV header without the id column.
  let e = assessError(() => new m.Batch(riasec, csv.replace(/^respondent_id/, "responden"), "csv"));
  assert.equal(e.kind, "missing_key");
  assert.equal(e.path, "respondent_id");
  // Another id column, as --id-column.
  const other = new m.Batch(riasec, csv.replace(/^respondent_id/, "responden"), "csv", { idColumn: "responden" });
  assert.equal(other.next(100).length, csv.trimEnd().split("\n").length - 1);
  other.free();
  // JSON that is not JSON: its line and column.
  e = assessError(() => new m.Batch(riasec, '[\n  {"respondent_id": "a",\n   "answers": {"R01": 3,}}]', "json"));
  assert.equal(e.kind, "syntax");
  assert.equal(e.line, 3);
  assert.equal(typeof e.column, "number");
  // An unknown format, an unknown option, a language the instrument lacks.
  assert.equal(assessError(() => new m.Batch(riasec, csv, "xlsx")).path, "format");
  assessError(() => new m.Batch(riasec, csv, "csv", { idcolumn: "x" }));
  assert.equal(assessError(() => new m.Batch(riasec, csv, "csv", { lang: "fr" })).kind, "language");
  // Rows: an unknown item, an answer out of range, a 2 MB line; the rows
  // around them are scored.
  const lines = [
    JSON.stringify({ respondent_id: "a", answers: { R01: 3, XYZ: 2 } }),
    JSON.stringify({ respondent_id: "b", answers: { R01: 9 } }),
    JSON.stringify({ respondent_id: "c".repeat(2 << 20), answers: { R01: 3 } }),
    "{broken",
    JSON.stringify({ respondent_id: "d", answers: { R01: 3 } }),
  ];
  const batch = new m.Batch(riasec, lines.join("\n"), "jsonl");
  const rows = batch.next(10);
  assert.deepEqual(rows.map((r) => [r.row, r.status]),
    [[1, "rejected"], [2, "rejected"], [3, "rejected"], [4, "rejected"], [5, "partial"]]);
  assert.deepEqual(rows[0].problems.map((p) => [p.kind, p.path]), [["unknown_item", "answers.XYZ"]]);
  assert.deepEqual(rows[1].problems.map((p) => [p.kind, p.path]), [["out_of_range", "answers.R01"]]);
  assert.equal(rows[2].problems[0].path, "row 3");
  assert.match(rows[2].problems[0].message, /longer than 1048576 bytes/);
  assert.equal(rows[3].problems[0].kind, "syntax");
  assert.equal(rows[3].problems[0].line, 1);
  assert.equal(batch.scored(2), undefined);
  assert.equal(batch.scored(5).instrumentId, "riasec");
  assert.deepEqual(batch.next(10), []);
  batch.free();
  // A CSV row with an unknown answer and a short row.
  const bad = csv.split("\n");
  bad[1] = bad[1].replace(/^([^,]*),3,/, "$1,9,");
  bad[2] = "short,1,2";
  const b2 = new m.Batch(riasec, bad.join("\n"), "csv");
  const r2 = b2.next(3);
  assert.equal(r2[0].status, "rejected");
  assert.equal(r2[0].problems[0].kind, "out_of_range");
  assert.equal(r2[1].status, "rejected");
  assert.equal(r2[1].problems[0].kind, "syntax");
  b2.free();
  // The pages' options.
  const s = new m.Batch(riasec, lines[4], "jsonl");
  s.next(1);
  const one = s.scored(1);
  assert.equal(assessError(() => m.renderReport([], undefined, { lang: "id" })).path, "scored");
  assert.equal(assessError(() => m.renderReport([one], undefined, { lang: "id", date: "5/12/2026" })).path, "options.date");
  assert.equal(assessError(() => m.renderReport([one], undefined, { lang: "fr" })).kind, "language");
  assert.equal(assessError(() => m.renderReport([{}], undefined, { lang: "id" })).path, "scored[0]");
  assert.equal(assessError(() => m.renderSummary("", { by: ["district"], minGroup: 1, lang: "id", source: "x" })).path,
    "options.minGroup");
  e = assessError(() => m.renderSummary(`${s.scoredJsonl()}not json\n`, { by: ["district"], lang: "id", source: "x" }));
  assert.equal(e.line, 2);
  one.free();
  s.free();
  riasec.free();
});

test("a 3,000-row batch scored in chunks of 500 gives the rows of one call", () => {
  const instrument = m.loadInstrument(shipped("riasec.toml"));
  const text = readFileSync(join(RESPONSES, "synthetic-riasec.csv"), "utf8");
  const one = scoreAll(instrument, text, "csv", undefined, 100000);
  const chunked = new m.Batch(instrument, text, "csv");
  const rows = [];
  let calls = 0;
  while (!chunked.done) {
    const next = chunked.next(500);
    assert.ok(next.length <= 500);
    assert.ok(chunked.bytesRead <= chunked.bytesTotal);
    rows.push(...next);
    calls += 1;
  }
  assert.equal(rows.length, 3000);
  assert.equal(calls, 7);
  assert.deepEqual(rows, one.rows);
  assert.equal(chunked.scoredCsv(true), one.batch.scoredCsv(true));
  assert.equal(chunked.scoredJsonl(), one.batch.scoredJsonl());
  one.batch.free();
  chunked.free();
  instrument.free();
});
