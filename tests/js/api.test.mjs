// The JavaScript API of the Node build: what a front-end developer calls,
// and one test per class of bad input (each must throw an AssessError with
// kind, path, line, column and every problem, never a bare string).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadPackage, shipped } from "./common.mjs";

const m = loadPackage();
const riasecText = shipped("riasec.toml");
const riasec = m.loadInstrument(riasecText);
const aptitude = m.loadInstrument(shipped("aptitude.toml"));
const readiness = m.loadInstrument(shipped("readiness.toml"));
const catalog = m.loadCatalog(shipped("job-families.toml"));

/** Answers every item of `inst` with `pick(item)`. */
function answer(inst, pick, form) {
  const answers = {};
  for (const item of inst.items("id", form ? { form } : undefined)) answers[item.id] = pick(item);
  return { respondent_id: "t", ...(form ? { form } : {}), answers };
}

/** Runs `f`, which must throw an AssessError; returns it. */
function assessError(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof m.AssessError, "an AssessError");
    assert.ok(e instanceof Error, "an Error object");
    assert.equal(e.name, "AssessError");
    assert.equal(typeof e.kind, "string");
    assert.equal(typeof e.path, "string");
    assert.ok(e.line === null || Number.isInteger(e.line));
    assert.ok(e.column === null || Number.isInteger(e.column));
    assert.ok(Array.isArray(e.problems) && e.problems.length >= 1);
    assert.equal(e.problems[0].kind, e.kind);
    assert.equal(e.problems[0].path, e.path);
    return e;
  }
  assert.fail("expected an AssessError");
}

describe("metadata", () => {
  test("getters and info in both languages", () => {
    assert.equal(riasec.id, "riasec");
    assert.equal(riasec.itemCount, 60);
    assert.equal(riasec.status, "provisional");
    assert.match(riasec.hash, /^sha256:[0-9a-f]{64}$/);
    const id = riasec.info("id");
    const en = riasec.info("en");
    assert.equal(id.language, "id");
    assert.notEqual(id.title, en.title);
    assert.equal(en.title, riasec.title("en"));
    assert.deepEqual(id.scales.map((s) => s.id).slice(0, 6), ["R", "I", "A", "S", "E", "C"]);
    assert.equal(id.kind, "interest");
    assert.equal(catalog.familyCount, 54);
    assert.equal(catalog.status, "provisional");
    assert.equal(m.engineVersion(), JSON.parse(riasec.score(answer(riasec, () => 3)).json).engine.version);
  });
});

describe("items for rendering", () => {
  test("Likert items carry every point with its label, in order", () => {
    const items = riasec.items("en");
    assert.equal(items.length, 60);
    assert.deepEqual(items.map((i) => i.position), [...Array(60).keys()].map((k) => k + 1));
    for (const it of items) {
      assert.equal(it.response, "likert");
      assert.deepEqual(it.options.map((o) => o.value), [1, 2, 3, 4, 5]);
      assert.ok(it.options.every((o) => o.label.length > 0));
    }
  });
  test("a seed shuffles reproducibly; no seed keeps the instrument's order", () => {
    const a = riasec.items("id", { seed: 7 });
    assert.deepEqual(riasec.items("id", { seed: 7 }), a);
    assert.notDeepEqual(riasec.items("id", { seed: 8 }).map((i) => i.id), a.map((i) => i.id));
    assert.deepEqual([...a.map((i) => i.id)].sort(), riasec.items("id").map((i) => i.id).sort());
  });
  test("choice items never reveal the key or option scores", () => {
    for (const it of aptitude.items("id", { seed: 3 })) {
      assert.equal(it.response, "choice");
      for (const o of it.options) assert.deepEqual(Object.keys(o).sort(), ["label", "value"]);
    }
    assert.ok(!JSON.stringify(readiness.items("en")).includes('"score"'));
  });
  test("the short form has its 30 items", () => {
    assert.equal(riasec.items("id", { form: "pendek" }).length, 30);
  });
  test("an unknown form is a located error with a suggestion", () => {
    const e = assessError(() => riasec.items("id", { form: "pendekk" }));
    assert.equal(e.kind, "unknown_reference");
    assert.equal(e.path, "form");
    assert.equal(e.problems[0].hint, "did you mean `pendek`?");
  });
  test("unknown or mistyped options are refused", () => {
    assert.equal(assessError(() => riasec.items("id", { sed: 1 })).kind, "unknown_key");
    assert.equal(assessError(() => riasec.items("id", { seed: "x" })).kind, "invalid_type");
  });
});

describe("check and score", () => {
  test("a complete set checks clean and scores; object and JSON text agree", () => {
    const set = answer(riasec, (it) => (it.id.startsWith("I") ? 5 : 1));
    assert.deepEqual(riasec.check(set), []);
    const a = riasec.score(set, { language: "en" });
    const b = riasec.score(JSON.stringify(set), { language: "en" });
    assert.equal(a.json, b.json);
    assert.equal(a.instrumentId, "riasec");
    const investigative = a.report.scales.find((s) => s.id === "I");
    assert.equal(investigative.pomp, 100);
    assert.equal(a.profile.holland.code[0], "I");
    assert.deepEqual(a.report, JSON.parse(a.json));
    // The old entry point gives the same bytes.
    assert.equal(riasec.scoreJson(JSON.stringify(set), "en", "reject"), a.json);
  });
  test("non-interest results have no profile", () => {
    const s = aptitude.score(answer(aptitude, (it) => it.options[0].value));
    assert.equal(s.profile, undefined);
    assert.equal(s.report.instrument.kind, "aptitude");
  });
  test("check lists every problem by item; reject throws them all; warn scores", () => {
    const set = answer(riasec, () => 3);
    set.answers.R01 = 9;
    set.answers.I01 = "banyak";
    set.answers.ZZ9 = 1;
    const problems = riasec.check(set);
    assert.deepEqual(problems.map((p) => p.path).sort(), ["answers.I01", "answers.R01", "answers.ZZ9"]);
    const e = assessError(() => riasec.score(set));
    assert.equal(e.problems.length, 3);
    // Located in the JSON the object was written as (one line).
    assert.ok(e.problems.every((p) => p.line === 1 && p.column > 1));
    const warned = riasec.score(set, { policy: "warn" });
    assert.equal(warned.report.warnings.length, 3);
  });
  test("unreadable responses are a located syntax error", () => {
    const e = assessError(() => riasec.score('{"respondent_id": "x", "answers": {'));
    assert.equal(e.kind, "syntax");
    assert.equal(e.line, 1);
    assert.ok(e.column > 1);
  });
  test("a response set of the wrong shape is refused", () => {
    assert.equal(assessError(() => riasec.score({ answers: {} })).kind, "missing_key");
    assert.equal(assessError(() => riasec.score({ respondent_id: "x", answerz: {} })).kind, "unknown_key");
  });
  test("a Likert answer given as text is located at its value in the JSON text", () => {
    const text = '{"respondent_id": "x",\n "answers": {\n   "R01": 4,\n   "R02": "lima"\n }}';
    const e = assessError(() => riasec.score(text));
    assert.equal(e.kind, "wrong_answer_type");
    assert.equal(e.path, "answers.R02");
    assert.equal(e.message.split("\n")[0], "error[wrong_answer_type]: expected a number for `R02`, found the text `lima`");
    assert.deepEqual([e.line, e.column], [4, 11]);
    assert.deepEqual([e.problems[0].line, e.problems[0].column], [4, 11]);
    // check() locates it the same way; an object is located in its JSON.
    const [p] = riasec.check(text);
    assert.deepEqual([p.kind, p.path, p.line, p.column], ["wrong_answer_type", "answers.R02", 4, 11]);
    const [q] = riasec.check({ respondent_id: "x", answers: { R01: "lima" } });
    assert.deepEqual([q.line, q.column], [1, 39]);
    // Under warn, the report's warnings are the engine's, unchanged.
    assert.equal(riasec.score(text, { policy: "warn" }).report.warnings[0].path, "answers.R02");
  });
  test("check reports a response set without any answer", () => {
    const problems = riasec.check({ respondent_id: "x", answers: {} });
    assert.deepEqual(problems.map((p) => [p.kind, p.path, p.line, p.column]), [["empty", "answers", 1, 32]]);
    assert.equal(problems[0].message,
      "the response set has no answers; expected at least one item answered or skipped");
    assert.deepEqual(riasec.check({ respondent_id: "x" }).map((p) => p.kind), ["empty"]);
    // A skipped item is an answer.
    assert.deepEqual(riasec.check({ respondent_id: "x", answers: { R01: null } }), []);
  });
  test("an invalid policy is refused, not guessed", () => {
    assert.equal(assessError(() => riasec.score(answer(riasec, () => 3), { policy: "maybe" })).kind, "invalid_value");
  });
});

describe("recommend", () => {
  const interest = riasec.score(answer(riasec, (it) => (/^[SE]/.test(it.id) ? 5 : 2)));
  test("top families with explanations and training routes, in both languages", () => {
    const results = new m.Results(interest);
    const id = m.recommend(catalog, results, { top: 3 });
    const en = m.recommend(catalog, results, { top: 3, language: "en" });
    assert.equal(id.families.length, 3);
    assert.deepEqual(id.families.map((f) => f.id), en.families.map((f) => f.id));
    assert.equal(id.code, interest.profile.holland.code);
    for (const f of en.families) {
      assert.ok(f.explanation.startsWith("Your strongest interests are"));
      assert.ok(f.training.length >= 1);
    }
    assert.equal(JSON.stringify(JSON.parse(m.recommendJson(catalog, results, { top: 3 }))), JSON.stringify(id));
  });
  test("filters narrow the families considered", () => {
    const results = new m.Results(interest);
    const all = m.recommend(catalog, results, { top: 0 });
    const sd = m.recommend(catalog, results, { top: 0, maxSchooling: "SMP" });
    assert.equal(all.considered, 54);
    assert.ok(sd.considered < all.considered);
    assert.ok(sd.families.every((f) => ["SD", "SMP"].includes(f.schooling)));
    const zone2 = m.recommend(catalog, results, { top: 0, maxZone: 2 });
    assert.ok(zone2.considered > 0 && zone2.considered < all.considered);
    assert.ok(zone2.families.every((f) => f.zone <= 2));
  });
  test("aptitude and readiness results fill in the checks", () => {
    const results = new m.Results(interest);
    results.add(aptitude.score(answer(aptitude, (it) => it.options[0].value)));
    results.add(readiness.score(answer(readiness, (it) => it.options[0].value)));
    const r = m.recommend(catalog, results, { top: 0 });
    assert.ok(r.families.some((f) => f.aptitude.length > 0 && f.aptitude.every((a) => a.band !== null)));
    assert.ok(r.families.some((f) => f.readiness.length > 0 && f.readiness.every((c) => c.level !== null)));
  });
  test("results of another kind are refused where they do not fit", () => {
    const apt = aptitude.score(answer(aptitude, (it) => it.options[0].value));
    assert.equal(assessError(() => new m.Results(apt)).kind, "missing_key");
    const results = new m.Results(interest);
    assert.equal(assessError(() => results.add(interest)).kind, "invalid_value");
    assert.equal(assessError(() => m.recommend(catalog, results, { top: -1 })).kind, "invalid_value");
  });
});

describe("languages", () => {
  test("a language the instrument or catalogue lacks is an error that lists those there are", () => {
    let e = assessError(() => riasec.items("xx"));
    assert.deepEqual([e.kind, e.path], ["language", "lang"]);
    assert.equal(e.problems[0].message, "`riasec` has no language `xx`; expected `en`, `id`");
    assert.equal(assessError(() => riasec.info("fr")).kind, "language");
    assert.equal(assessError(() => riasec.title("fr")).kind, "language");
    assert.equal(assessError(() => catalog.title("fr")).kind, "language");
    e = assessError(() => riasec.score(answer(riasec, () => 3), { language: "fr" }));
    assert.deepEqual([e.kind, e.path], ["language", "options.language"]);
    e = assessError(() => riasec.scoreJson(JSON.stringify(answer(riasec, () => 3)), "fr", "reject"));
    assert.deepEqual([e.kind, e.path], ["language", "lang"]);
    const results = new m.Results(riasec.score(answer(riasec, () => 3)));
    e = assessError(() => m.recommend(catalog, results, { language: "fr" }));
    assert.deepEqual([e.kind, e.path], ["language", "options.language"]);
    assert.equal(e.problems[0].message, "`job-families-jateng` has no language `fr`; expected `en`, `id`");
    assert.equal(assessError(() => m.recommendJson(catalog, results, { language: "EN" })).kind, "language");
    // The languages there are work.
    assert.equal(riasec.items("en").length, 60);
    assert.equal(m.recommend(catalog, results, { language: "en", top: 1 }).language, "en");
  });
});

describe("loading and validating files", () => {
  test("TOML syntax errors are located", () => {
    const e = assessError(() => m.loadInstrument("[instrument]\nid = \n"));
    assert.equal(e.kind, "syntax");
    assert.equal(e.line, 2);
    assert.ok(e.column >= 5);
  });
  test("every validation problem is reported at once, located", () => {
    const broken = riasecText
      .replace('scale = "R"', 'scale = "Q"')
      .replace("points = 5", "points = 15");
    const e = assessError(() => m.loadInstrument(broken));
    assert.ok(e.problems.length >= 2);
    for (const p of e.problems) assert.ok(p.line > 0 && p.column > 0 && p.message.length > 0);
    assert.deepEqual(m.validateInstrument(broken), e.problems);
    assert.deepEqual(m.validateInstrument(riasecText), []);
  });
  test("a catalogue is not an instrument, and the other way round", () => {
    assert.ok(m.validateInstrument(shipped("job-families.toml")).length > 0);
    assert.ok(m.validateCatalog(riasecText).length > 0);
    assert.deepEqual(m.validateCatalog(shipped("job-families.toml")), []);
    assessError(() => m.loadCatalog(riasecText));
  });
});
