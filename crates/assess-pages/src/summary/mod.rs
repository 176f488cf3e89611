//! A scored batch summarised by metadata columns for programme staff: the
//! tallies and the HTML page (`assess summary`, and the staff build of the
//! WebAssembly package).
//!
//! Counts only: it reads the records `assess score` wrote (one JSON record
//! at a time) and tallies statuses, first letters and Holland codes, bands
//! and quality flags per group. Nothing is rescored.
//!
//! Small groups are suppressed so that no individual can be singled out:
//! a group with fewer than `min_group` records shows no figures at all, and
//! when the suppressed groups of a column add up to fewer than `min_group`
//! (so that subtracting the shown groups from the total would reveal them),
//! the next smallest group is suppressed too. Within a shown group, a full
//! Holland code is listed only when at least `min_group` people share it.
//!
//! `tally` reads and counts the records, `csv` writes the counts one row
//! per group (`assess summary`'s CSV), and `page` renders them as HTML.

mod csv;
mod page;
mod tally;
#[cfg(test)]
mod tests;

pub use csv::csv_records;
pub use page::to_html;
pub use tally::{Summary, Tally, suppressed};
