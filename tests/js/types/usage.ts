// Type-checked against each build's generated .d.ts (tests/js/types.test.mjs):
// what a TypeScript front end writes must compile under --strict.
import init, {
  AssessError,
  CatBank,
  type CatSession,
  type StepOutcome,
  type ItemView,
  type Problem,
  type Recommendations,
  type Report,
  type RiasecProfile,
  Results,
  loadCatalog,
  loadInstrument,
  recommend,
  recommendJson,
  validateInstrument,
} from "ASSESS";

export async function page(riasecToml: string, catalogToml: string): Promise<string> {
  await init();
  const riasec = loadInstrument(riasecToml);
  const items: ItemView[] = riasec.items("id", { form: "pendek", seed: 42 });
  const value: number | string = items[0].options[0].value;
  const answers: Record<string, number | string | null> = { [items[0].id]: value };
  const problems: Problem[] = riasec.check({ respondent_id: "a", answers });
  const scored = riasec.score({ respondent_id: "a", form: "pendek", answers }, { language: "en", policy: "warn" });
  const report: Report = scored.report;
  const pomp: number | null = report.scales[0].pomp;
  const profile: RiasecProfile | undefined = scored.profile;
  const catalog = loadCatalog(catalogToml);
  const recs: Recommendations = recommend(catalog, new Results(scored), { top: 3, maxSchooling: "SMK" });
  const text: string = recommendJson(catalog, new Results(scored));
  try {
    loadInstrument("");
  } catch (e) {
    if (!(e instanceof AssessError)) throw e;
    const where: number | null = e.line;
    return `${e.kind} ${e.path} ${where} ${e.problems.length}`;
  }
  const invalid: Problem[] = validateInstrument(riasecToml);
  const bank = new CatBank(riasec);
  let out: StepOutcome = bank.start({ max_items: 10, exposure: { method: "randomesque", candidates: 3 } }, 7);
  while (out.next !== null) {
    const stored: CatSession = JSON.parse(JSON.stringify(out.session)) as CatSession;
    out = bank.step(stored, out.next.id.startsWith("N") ? "A" : null);
  }
  const se: number = out.estimate.se;
  const stop: "se_reached" | "max_items" | "bank_exhausted" | null = out.stop;
  return `${problems.length} ${pomp} ${profile?.holland.code} ${recs.families[0].name} ${text.length} ${invalid.length} ${se} ${stop}`;
}
