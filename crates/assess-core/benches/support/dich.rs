//! Reading the shared 0/1 benchmark files (`dich_2pl_16000x60.csv` and
//! `dich_2pl_true_params.csv`), for the `irt` bench (`scripts/bench-irt`
//! times `assess score` on them too).

use assess_core::{IrtModel, IrtParams};

/// 2PL items from `item,a,b,d_intercept` text (logistic, D = 1).
pub fn params(text: &str) -> Vec<IrtParams> {
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            IrtParams::Dichotomous {
                model: IrtModel::TwoPl,
                a: c[1].parse().unwrap(),
                d: c[3].parse().unwrap(),
                c: 0.0,
                u: 1.0,
            }
        })
        .collect()
}

/// Respondent ids and their answers row by row from `id,Q01,…` text.
pub fn answers(text: &str) -> (Vec<String>, Vec<u8>) {
    let mut ids = Vec::new();
    let mut answers = Vec::new();
    for line in text.lines().skip(1) {
        let mut cells = line.split(',');
        ids.push(cells.next().unwrap().to_owned());
        answers.extend(cells.map(|x| x.parse::<u8>().unwrap()));
    }
    (ids, answers)
}
