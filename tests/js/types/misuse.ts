// Must NOT compile: each line is a mistake the types catch (expected
// errors are listed in tests/js/types.test.mjs).
import { CatBank, loadInstrument } from "ASSESS";

const riasec = loadInstrument("");
riasec.items("id", { sed: 1 });
riasec.score({ respondent_id: "a", answers: {} }, { policy: "maybe" });
const pomp: string = riasec.score("{}").report.scales[0].pomp;
riasec.score({ answers: {} });
new CatBank(riasec).start({ max_item: 10 }, 1);
new CatBank(riasec).step("{}", "A");
export { pomp };
