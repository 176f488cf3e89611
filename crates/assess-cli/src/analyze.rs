//! `assess analyze`: reliability, item analysis and DIF of an instrument
//! from collected responses, as JSON and as a bilingual HTML report.
//!
//! All numbers come from `assess_core::analysis`; this module reads files
//! and lays the results out.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use assess_core::analysis::{
    Analysis, AnalysisData, CsvAnalysisReader, DifStatistics, GroupRole, ItemAnalysis, ItemFlag,
    ScaleAnalysis,
};
use assess_core::{Error, Instrument, Problem, ResponseSet};

use crate::score::{InputFormat, csv_error, csv_reader, io_error, not_utf8, record_cells};
use assess_pages::html::{Bar, Page, bar_chart, escape, table_start};
use assess_pages::text::{has_texts, languages_list, texts};

/// Reads every record of a CSV file after its header, handing its cells
/// to `push`.
///
/// # Errors
///
/// When a record cannot be read or is not UTF-8 (located by its row).
pub fn each_record<R: Read>(
    rdr: &mut csv::Reader<R>,
    path: &Path,
    mut push: impl FnMut(&[&str]),
) -> Result<(), Error> {
    let mut record = csv::ByteRecord::new();
    let mut row = 0;
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                row += 1;
                let mut cells: Vec<&str> = Vec::with_capacity(record.len());
                record_cells(&record, &mut cells).map_err(|at| not_utf8(row, at))?;
                push(&cells);
            }
            Err(e) => return Err(csv_error(path, &e)),
        }
    }
}

/// Responses read for analysis or norms.
pub struct Loaded {
    /// The answers and group labels.
    pub data: AnalysisData,
    /// Items of the instrument without a column (CSV only).
    pub absent: Vec<String>,
    /// Whether the data are simulated (the core's rule,
    /// `AnalysisData::simulated`).
    pub simulated: bool,
}

/// Reads a response file (CSV fast path, or JSON / JSON Lines response
/// sets) with the labels of `group`.
///
/// # Errors
///
/// When the file cannot be read, is not CSV/JSON, has no item columns, or
/// lacks the grouping column.
pub fn load(
    instrument: &Instrument,
    path: &Path,
    format: InputFormat,
    group: Option<&str>,
    id_column: &str,
) -> Result<Loaded, Error> {
    let file = File::open(path).map_err(|e| io_error(path, &e))?;
    // CSV and JSON Lines are read a record at a time: a line is capped.
    let file: Box<dyn std::io::Read> = match format {
        InputFormat::Json => Box::new(file),
        _ => Box::new(crate::files::LineCap::new(file)),
    };
    let reader = BufReader::with_capacity(1 << 16, file);
    match format {
        InputFormat::Csv => {
            let (mut rdr, header) = csv_reader(reader, path)?;
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut r = CsvAnalysisReader::new(instrument, &refs, group)?.id_column(id_column);
            let absent = r.absent_items().to_vec();
            each_record(&mut rdr, path, |cells| r.push(cells))?;
            let data = r.finish();
            Ok(Loaded {
                simulated: data.simulated(),
                data,
                absent,
            })
        }
        InputFormat::Json | InputFormat::Jsonl => {
            let mut text = String::new();
            BufReader::new(reader)
                .read_to_string(&mut text)
                .map_err(|e| io_error(path, &e))?;
            let sets = if format == InputFormat::Jsonl {
                let mut sets = Vec::new();
                for (i, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    sets.push(ResponseSet::from_json(line).map_err(|e| {
                        Error::single(Problem::new(
                            e.kind(),
                            format!("line {}", i + 1),
                            e.first().message().to_owned(),
                        ))
                    })?);
                }
                sets
            } else {
                ResponseSet::batch_from_json(&text)?
                    .into_iter()
                    .map(|b| b.value)
                    .collect::<Result<Vec<ResponseSet>, _>>()?
            };
            let data = AnalysisData::from_sets(instrument, &sets, group)?;
            Ok(Loaded {
                simulated: data.simulated(),
                data,
                absent: Vec::new(),
            })
        }
    }
}

/// A number for the report, with the language's decimal separator (a
/// comma in Bahasa Indonesia).
fn num(x: Option<f64>, digits: usize, lang: &str) -> String {
    match x {
        Some(v) => assess_core::messages::messages(lang).decimal(format_args!("{v:.digits$}")),
        None => "—".to_owned(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn flag_text(f: ItemFlag, lang: &str) -> &'static str {
    let t = texts(lang);
    match f {
        ItemFlag::LowersReliability => t.item_flag_lowers_reliability,
        ItemFlag::LowItemRest => t.item_flag_low_item_rest,
        ItemFlag::NegativeItemRest => t.item_flag_negative_item_rest,
        ItemFlag::AlmostAllRight => t.item_flag_almost_all_right,
        ItemFlag::AlmostNoneRight => t.item_flag_almost_none_right,
        ItemFlag::OneAnswerDominates => t.item_flag_one_answer_dominates,
        ItemFlag::KeyDoesNotDiscriminate => t.item_flag_key_does_not_discriminate,
        ItemFlag::DistractorUnused => t.item_flag_distractor_unused,
        ItemFlag::DistractorAttractsUpper => t.item_flag_distractor_attracts_upper,
    }
}

/// The HTML report.
pub fn html(inst: &Instrument, a: &Analysis, lang: &str, simulated: bool) -> String {
    let title = format!("{} — {}", texts(lang).analyze_title, inst.title().get(lang));
    let mut p = Page::new(lang, &title);
    let mut h = String::new();
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p>{} <code>{}</code> {} · {} {} · {} {}</p>\n",
        escape(&title),
        texts(lang).analyze_instrument,
        escape(inst.id()),
        escape(inst.version()),
        a.respondents,
        texts(lang).analyze_respondents,
        a.invalid_answers,
        texts(lang).analyze_invalid_answers,
    );
    if simulated {
        let _ = writeln!(
            h,
            "<p class=\"status\">{}</p>",
            texts(lang).analyze_simulated
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">{}: {}. {}</p>",
        texts(lang).analyze_missing_answers,
        match a.missing {
            assess_core::analysis::Missing::Pairwise => texts(lang).analyze_missing_pairwise,
            assess_core::analysis::Missing::Listwise => texts(lang).analyze_missing_listwise,
        },
        texts(lang).analyze_metadata_note,
    );
    let _ = writeln!(h, "<h2>{}</h2>", texts(lang).analyze_reliability);
    h.push_str(&table_start(
        texts(lang).analyze_reliability_caption,
        &[
            (texts(lang).scale, false),
            ("n", true),
            ("k", true),
            ("α", true),
            (texts(lang).analyze_95_percent_ci, true),
            (texts(lang).analyze_std_alpha, true),
            ("r̄", true),
            ("λ6", true),
            ("SEM", true),
        ],
    ));
    for s in &a.scales {
        let r = &s.reliability;
        let ci = r.alpha_ci.as_ref().map_or("—".to_owned(), |c| {
            format!(
                "{}–{}",
                num(Some(c.lower), 2, lang),
                num(Some(c.upper), 2, lang)
            )
        });
        let name = inst
            .scale(&s.scale)
            .map_or(s.scale.as_str(), |x| x.name().get(lang));
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(name),
            if r.kr20 { " (KR-20)" } else { "" },
            r.n,
            r.k,
            num(r.alpha, 3, lang),
            ci,
            num(r.std_alpha, 3, lang),
            num(r.average_r, 3, lang),
            num(r.lambda6, 3, lang),
            num(r.sem, 2, lang),
        );
    }
    h.push_str("</tbody>\n</table>\n");
    let bars: Vec<Bar<'_>> = a
        .scales
        .iter()
        .map(|s| Bar {
            label: inst
                .scale(&s.scale)
                .map_or(s.scale.as_str(), |x| x.name().get(lang)),
            value: s.reliability.alpha.unwrap_or(0.0),
            shown: num(s.reliability.alpha, 2, lang),
        })
        .collect();
    let _ = writeln!(
        h,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        bar_chart(texts(lang).analyze_alpha_per_scale, &bars, 1.0),
        texts(lang).analyze_alpha_chart_note
    );
    h.push_str(&format!("<h2>{}</h2>\n", texts(lang).analyze_item_analysis));
    for s in &a.scales {
        items_section(&mut h, inst, s, lang);
    }
    if let Some(d) = &a.dif {
        dif_section(&mut h, d, lang);
    }
    p.push(&h);
    p.finish()
}

fn items_section(h: &mut String, inst: &Instrument, s: &ScaleAnalysis, lang: &str) {
    let name = inst
        .scale(&s.scale)
        .map_or(s.scale.as_str(), |x| x.name().get(lang));
    let _ = writeln!(h, "<h3>{}</h3>", escape(name));
    h.push_str(&table_start(
        &format!("{} {name}", texts(lang).analyze_items_of_scale),
        &[
            (texts(lang).analyze_item, false),
            ("n", true),
            (texts(lang).analyze_mean, true),
            (texts(lang).analyze_difficulty, true),
            (texts(lang).analyze_item_rest_r, true),
            (texts(lang).analyze_alpha_if_dropped, true),
            (texts(lang).analyze_answers_given, false),
            (texts(lang).analyze_flags, false),
        ],
    ));
    for it in &s.items {
        item_row(h, it, lang);
    }
    h.push_str("</tbody>\n</table>\n");
    let bars: Vec<Bar<'_>> = s
        .items
        .iter()
        .map(|it| Bar {
            label: &it.item,
            value: it.item_rest.unwrap_or(0.0).max(0.0),
            shown: num(it.item_rest, 2, lang),
        })
        .collect();
    let chart_title = format!("{} — {name}", texts(lang).analyze_item_rest_chart);
    let _ = writeln!(
        h,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        bar_chart(&chart_title, &bars, 1.0),
        texts(lang).analyze_item_rest_chart_note
    );
    for it in &s.items {
        if let Some(d) = &it.distractors {
            h.push_str(&table_start(
                &format!(
                    "{} {} ({} {}, {} {}, {} {})",
                    texts(lang).analyze_distractors_of_item,
                    it.item,
                    texts(lang).analyze_lower_group,
                    d.n_lower,
                    texts(lang).analyze_middle_group,
                    d.n_middle,
                    texts(lang).analyze_upper_group,
                    d.n_upper,
                ),
                &[
                    (texts(lang).analyze_option, false),
                    (texts(lang).all, true),
                    (texts(lang).analyze_lower_column, true),
                    (texts(lang).analyze_middle_column, true),
                    (texts(lang).analyze_upper_column, true),
                    (texts(lang).analyze_upper_minus_lower, true),
                ],
            ));
            for o in &d.options {
                let _ = writeln!(
                    h,
                    "<tr><th scope=\"row\">{}{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td></tr>",
                    escape(&o.option),
                    if o.key { texts(lang).analyze_key } else { "" },
                    pct(o.proportion),
                    pct(o.lower),
                    pct(o.middle),
                    pct(o.upper),
                    if o.discrimination >= 0.0 {
                        format!("+{}", num(Some(o.discrimination), 2, lang))
                    } else {
                        num(Some(o.discrimination), 2, lang)
                    },
                    if o.flags.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " <span class=\"flag\">{}</span>",
                            o.flags
                                .iter()
                                .map(|f| flag_text(*f, lang))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    }
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
    }
}

fn item_row(h: &mut String, it: &ItemAnalysis, lang: &str) {
    let dist = it
        .distribution
        .iter()
        .map(|c| format!("{}: {}", escape(&c.answer), pct(c.proportion)))
        .collect::<Vec<_>>()
        .join(" · ");
    let flags = it
        .flags
        .iter()
        .map(|f| flag_text(*f, lang))
        .collect::<Vec<_>>()
        .join("; ");
    let _ = writeln!(
        h,
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td{}>{}</td></tr>",
        escape(&it.item),
        it.n,
        num(it.mean, 2, lang),
        num(it.difficulty, 2, lang),
        num(it.item_rest, 2, lang),
        num(it.alpha_if_dropped, 3, lang),
        dist,
        if flags.is_empty() {
            ""
        } else {
            " class=\"flag\""
        },
        escape(&flags),
    );
}

fn dif_section(h: &mut String, d: &assess_core::analysis::DifReport, lang: &str) {
    let _ = write!(
        h,
        "<h2>{} <code>{}</code></h2>\n<p>{} <strong>{}</strong>. {} {}. {}</p>\n",
        texts(lang).analyze_dif_by,
        escape(&d.column),
        texts(lang).analyze_reference_group,
        escape(&d.reference),
        texts(lang).analyze_dif_small_groups,
        d.min_group,
        texts(lang).analyze_dif_small_groups_end,
    );
    h.push_str(&table_start(
        texts(lang).analyze_groups,
        &[
            (texts(lang).group, false),
            ("n", true),
            (texts(lang).analyze_role, false),
        ],
    ));
    for g in &d.groups {
        let role = match g.role {
            GroupRole::Reference => texts(lang).analyze_reference_role,
            GroupRole::Focal => texts(lang).analyze_focal_role,
            GroupRole::TooSmall => texts(lang).analyze_too_small_not_compared,
        };
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&g.group),
            g.n,
            role
        );
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<p class=\"note\">{}: {}</p>\n",
        texts(lang).analyze_dif_rules_label,
        // The English text is the core's `d.rules`, as the JSON has it (a
        // test checks the page shows it).
        escape(texts(lang).analyze_dif_rules)
    );
    for s in &d.scales {
        let n_col = format!(
            "n ({} / {})",
            texts(lang).analyze_reference_short,
            texts(lang).analyze_focal_role
        );
        h.push_str(&table_start(
            &format!("DIF — {} {}", texts(lang).analyze_scale_word, s.scale),
            &[
                (texts(lang).analyze_item, false),
                (texts(lang).analyze_focal, false),
                (&n_col, true),
                (texts(lang).analyze_method, false),
                (texts(lang).analyze_size, true),
                ("χ²", true),
                ("p", true),
                (texts(lang).analyze_class, false),
                (texts(lang).analyze_favours, false),
            ],
        ));
        for it in &s.items {
            let (method, size, chi, p) = match &it.statistics {
                DifStatistics::MantelHaenszel(m) => (
                    "MH Δ",
                    num(m.delta_mh, 2, lang),
                    num(m.chi_square, 2, lang),
                    num(m.p_value, 3, lang),
                ),
                DifStatistics::Mantel(m) => (
                    "SMD/SD",
                    num(m.effect_size, 2, lang),
                    num(m.chi_square, 2, lang),
                    num(m.p_value, 3, lang),
                ),
            };
            let class = it
                .statistics
                .class()
                .map_or("—".to_owned(), |c| format!("{c:?}"));
            let favours = match &it.statistics {
                DifStatistics::MantelHaenszel(m) => m.favours,
                DifStatistics::Mantel(m) => m.favours,
            };
            let fav = match favours {
                assess_core::analysis::Favours::Reference => texts(lang).analyze_reference_role,
                assess_core::analysis::Favours::Focal => texts(lang).analyze_focal_role,
                assess_core::analysis::Favours::Neither => "—",
            };
            let notable = !matches!(class.as_str(), "A" | "AA" | "—");
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{} / {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td{}>{}</td><td>{}</td></tr>",
                escape(&it.item),
                escape(&it.focal),
                it.n_reference,
                it.n_focal,
                method,
                size,
                chi,
                p,
                if notable { " class=\"flag\"" } else { "" },
                class,
                fav,
            );
        }
        h.push_str("</tbody>\n</table>\n");
        if !s.too_small.is_empty() {
            let _ = writeln!(
                h,
                "<p class=\"note\">{}: {}</p>",
                texts(lang).analyze_dif_not_compared,
                escape(&s.too_small.join(", "))
            );
        }
    }
}

/// The instrument and the responses, for `analyze` and `norms`.
#[derive(clap::Args)]
pub struct Input {
    /// The instrument (TOML).
    #[arg(long, short)]
    instrument: std::path::PathBuf,
    /// Responses: CSV with a header naming the item columns (fast), or
    /// JSON / JSON Lines response sets.
    #[arg(long, short)]
    responses: std::path::PathBuf,
    /// Input layout; by default from the file extension.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// CSV input: the column holding respondent ids.
    #[arg(long, default_value = "respondent_id")]
    id_column: String,
}

impl Input {
    /// Reads the instrument (its text too) and the responses with the
    /// labels of `group`, printing problems; `None` after an error.
    pub fn read(&self, group: Option<&str>) -> Option<(String, Instrument, Loaded)> {
        let (text, inst) = self.read_instrument()?;
        match load(
            &inst,
            &self.responses,
            self.format(),
            group,
            &self.id_column,
        ) {
            Ok(l) => {
                report_problems(&l);
                Some((text, inst, l))
            }
            Err(e) => {
                fail(e, &self.responses);
                None
            }
        }
    }

    /// The response file.
    pub fn responses(&self) -> &Path {
        &self.responses
    }

    /// The instrument file.
    pub fn instrument(&self) -> &Path {
        &self.instrument
    }

    /// The responses' layout: as given, or from the file extension.
    pub fn format(&self) -> InputFormat {
        self.input_format
            .unwrap_or_else(|| crate::score::input_format_of(&self.responses))
    }

    /// The CSV column of respondent ids.
    pub fn id_column(&self) -> &str {
        &self.id_column
    }

    /// Reads the instrument file (its text too), printing problems; `None`
    /// after an error.
    pub fn read_instrument(&self) -> Option<(String, Instrument)> {
        let text = match crate::read_text(&self.instrument) {
            Ok(t) => t,
            Err(msg) => {
                eprintln!("error[io]: {msg}");
                return None;
            }
        };
        match Instrument::from_toml(&text) {
            Ok(i) => Some((text, i)),
            Err(e) => {
                fail(e, &self.instrument);
                None
            }
        }
    }
}

/// Options of `assess analyze`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: Input,
    /// Grouping column for DIF (a CSV column or a metadata key: gender,
    /// disability, district…). It is read only to form groups.
    #[arg(long)]
    group: Option<String>,
    /// DIF reference group (by default the largest group).
    #[arg(long)]
    reference: Option<String>,
    /// Compare the reference group with all other groups taken together
    /// (`--group disability --reference "tidak ada" --rest`).
    #[arg(long, requires = "reference")]
    rest: bool,
    /// Smallest group compared in DIF; smaller groups are listed, not compared.
    #[arg(long, default_value_t = 100)]
    min_group: usize,
    /// Missing answers in reliability: `pairwise` (as R psych) or `listwise`.
    #[arg(long, value_enum, default_value_t = MissingArg::Pairwise)]
    missing: MissingArg,
    /// Language of the HTML report: `id` or `en`.
    #[arg(long, default_value = "id")]
    lang: String,
    /// Write the JSON here instead of standard output.
    #[arg(long, short)]
    out: Option<std::path::PathBuf>,
    /// Also write a readable HTML report here.
    #[arg(long)]
    html: Option<std::path::PathBuf>,
    /// Replace `--out` and `--html` if they exist (without it, an existing
    /// file is never overwritten).
    #[arg(long)]
    overwrite: bool,
}

/// Missing-data handling.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MissingArg {
    /// Each covariance over respondents who answered both items.
    Pairwise,
    /// Only respondents who answered every item of the scale.
    Listwise,
}

/// Prints an error for `path` and gives exit code 2.
pub fn fail(e: Error, path: &Path) -> std::process::ExitCode {
    eprintln!("{}", e.with_source_name(path.display().to_string()));
    std::process::ExitCode::from(2)
}

/// Prints the answer problems (the first ones) and the column gaps.
pub fn report_problems(loaded: &Loaded) {
    for p in loaded.data.problems() {
        eprintln!(
            "warning[{}]: {}: {}",
            p.kind().as_str(),
            p.path(),
            p.message()
        );
    }
    if loaded.data.invalid() > loaded.data.problems().len() {
        eprintln!(
            "warning: {} invalid answers in all, counted as missing (the first {} are listed)",
            loaded.data.invalid(),
            loaded.data.problems().len()
        );
    }
    if !loaded.absent.is_empty() {
        eprintln!(
            "warning: no column for {} item(s): {}",
            loaded.absent.len(),
            loaded.absent.join(", ")
        );
    }
}

/// Runs `assess analyze`. Exit codes: 0 done, 2 could not run.
pub fn run(args: &Args) -> std::process::ExitCode {
    if let Err(msg) = crate::files::check_outputs(
        &[args.out.as_deref(), args.html.as_deref()],
        &[args.input.instrument(), args.input.responses()],
        args.overwrite,
    ) {
        eprintln!("error[io]: {msg}");
        return std::process::ExitCode::from(2);
    }
    use assess_core::analysis::{AnalysisOptions, Missing, analyze};
    if !has_texts(&args.lang) {
        eprintln!(
            "error[invalid_value]: unknown language `{}`; expected {}",
            args.lang,
            languages_list()
        );
        return std::process::ExitCode::from(2);
    }
    let Some((_, inst, loaded)) = args.input.read(args.group.as_deref()) else {
        return std::process::ExitCode::from(2);
    };
    let options = AnalysisOptions::new()
        .missing(match args.missing {
            MissingArg::Pairwise => Missing::Pairwise,
            MissingArg::Listwise => Missing::Listwise,
        })
        .min_group(args.min_group)
        .reference(args.reference.as_deref())
        .rest_as_focal(args.rest);
    let analysis = match analyze(&inst, &loaded.data, &options) {
        Ok(a) => a,
        Err(e) => return fail(e, args.input.responses()),
    };
    let json = match serde_json::to_string_pretty(&analysis) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: cannot render the analysis: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let write = |path: Option<&std::path::PathBuf>, text: &str| -> bool {
        let r = match path {
            Some(p) => crate::files::write_whole(p, text.as_bytes()),
            None => {
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
            }
        };
        if let Err(e) = r {
            eprintln!("error[io]: cannot write output: {e}");
            return false;
        }
        true
    };
    if !write(args.out.as_ref(), &json) {
        return std::process::ExitCode::from(2);
    }
    if let Some(h) = &args.html {
        let page = html(&inst, &analysis, &args.lang, loaded.simulated);
        if !write(Some(h), &page) {
            return std::process::ExitCode::from(2);
        }
    }
    eprintln!(
        "{} respondents, {} scales analysed{}",
        analysis.respondents,
        analysis.scales.len(),
        analysis.dif.as_ref().map_or(String::new(), |d| format!(
            ", DIF by `{}` (reference `{}`)",
            d.column, d.reference
        ))
    );
    std::process::ExitCode::SUCCESS
}
