//! The words of the command's pages, one table per language.
//!
//! Headings, captions, column names and notes of `assess report`, `assess
//! summary` and `assess analyze` are fields of [`PageText`]; each language is
//! one `static` of it ([`ID`], [`EN`]). The engine's own messages (status
//! notices, type names, explanations, reasons, flags) are not here: they
//! come from the core ([`assess_core::messages`]), in the same languages.
//! A text with values in it is a template with named placeholders
//! (`{min}`), filled by [`assess_core::messages::fill`].
//!
//! Adding a language is a file like `en.rs` and a line in [`TABLES`], next
//! to the core's table for it (`docs/languages.md`).

mod en;
mod id;

pub use en::EN;
pub use id::ID;

/// The tables, Bahasa Indonesia (the primary language) first.
pub static TABLES: [(&str, &PageText); 2] = [("id", &ID), ("en", &EN)];

/// The page texts in `lang`, or in Bahasa Indonesia (`id`) when there is no
/// table for `lang`: the engine's fallback ([`assess_core::messages::messages`]).
pub fn texts(lang: &str) -> &'static PageText {
    TABLES
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or(&ID, |(_, t)| t)
}

/// Whether the pages have a table of their own for `lang`.
pub fn has_texts(lang: &str) -> bool {
    TABLES.iter().any(|(code, _)| *code == lang)
}

/// The languages with a table, for a message: `` `id` or `en` ``.
pub fn languages_list() -> String {
    let codes: Vec<String> = TABLES.iter().map(|(c, _)| format!("`{c}`")).collect();
    match codes.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Declares [`PageText`] and [`PageText::entries`] from one list of
/// fields, so the list the tests walk through cannot drift from the struct.
macro_rules! page_text {
    ($( $name:ident, )+) => {
        /// The page texts in one language: one field per text, named after
        /// the page that uses it (`report_`, `summary_`, `analyze_`; none
        /// for words several pages share).
        #[derive(Debug)]
        pub struct PageText {
            $(
                #[allow(missing_docs)]
                pub $name: &'static str,
            )+
        }

        impl PageText {
            /// Every text as `(field name, text)`, in declaration order.
            #[cfg_attr(not(test), allow(dead_code))]
            pub fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
                [$( (stringify!($name), self.$name), )+].into_iter()
            }
        }
    };
}

page_text! {
    // Words more than one page uses.
    scale,
    all,
    group,
    // `assess report`: the personal report.
    report_title,
    report_metadata,
    report_field,
    report_value,
    report_instrument_status,
    report_next_step,
    report_partial_answered,
    report_95_percent_range,
    report_scales_caption,
    report_score_range,
    report_percent_of_max,
    report_band,
    report_what_it_means,
    report_riasec_profile,
    report_hexagon_caption,
    report_holland_code,
    report_tied_codes,
    report_quality_notes,
    report_answered,
    report_median_seconds_per_item,
    report_no_flags,
    report_flags_note,
    report_families,
    report_families_note,
    report_code,
    report_fit,
    report_training_routes,
    report_next_steps,
    report_accessibility,
    report_provenance,
    report_form,
    report_catalogue,
    report_code_unclear,
    report_respondent,
    report_date,
    report_name,
    report_counsellor,
    report_metadata_note,
    report_version,
    report_interests,
    report_strengths,
    report_top_families,
    report_how_to_get_there,
    report_next_steps_heading,
    report_session_notes,
    report_details_follow,
    report_details,
    report_details_note,
    meta_age,
    meta_age_group,
    meta_gender,
    meta_district,
    meta_education,
    meta_disability,
    meta_accommodations,
    // `assess summary`: the batch summary.
    summary_title,
    summary_source,
    summary_rows,
    summary_privacy_protection,
    summary_too_few,
    summary_all_records,
    summary_by,
    summary_suppressed,
    summary_counts_and_status,
    summary_percent_scored,
    summary_percent_partial,
    summary_percent_rejected,
    summary_common_codes,
    summary_first_letter,
    summary_percent_any_flag,
    summary_quality_flags,
    summary_privacy_rule,
    summary_overview,
    summary_total,
    summary_scored,
    summary_partial,
    summary_rejected,
    summary_groups_caption,
    summary_levels,
    summary_levels_caption,
    summary_same_scale,
    summary_any_flag,
    summary_flags_caption,
    summary_status_and_flags,
    summary_not_recorded,
    summary_codes,
    // `assess analyze`: the instrument analysis.
    analyze_title,
    analyze_instrument,
    analyze_respondents,
    analyze_invalid_answers,
    analyze_simulated,
    analyze_missing_answers,
    analyze_missing_pairwise,
    analyze_missing_listwise,
    analyze_metadata_note,
    analyze_reliability,
    analyze_reliability_caption,
    analyze_95_percent_ci,
    analyze_std_alpha,
    analyze_alpha_per_scale,
    analyze_alpha_chart_note,
    analyze_item_analysis,
    analyze_items_of_scale,
    analyze_item,
    analyze_mean,
    analyze_difficulty,
    analyze_item_rest_r,
    analyze_alpha_if_dropped,
    analyze_answers_given,
    analyze_flags,
    analyze_item_rest_chart,
    analyze_item_rest_chart_note,
    analyze_distractors_of_item,
    analyze_lower_group,
    analyze_middle_group,
    analyze_upper_group,
    analyze_option,
    analyze_lower_column,
    analyze_middle_column,
    analyze_upper_column,
    analyze_upper_minus_lower,
    analyze_key,
    analyze_dif_by,
    analyze_reference_group,
    analyze_dif_small_groups,
    analyze_dif_small_groups_end,
    analyze_groups,
    analyze_role,
    analyze_reference_role,
    analyze_focal_role,
    analyze_too_small_not_compared,
    analyze_dif_rules_label,
    analyze_reference_short,
    analyze_scale_word,
    analyze_focal,
    analyze_method,
    analyze_size,
    analyze_class,
    analyze_favours,
    analyze_dif_not_compared,
    analyze_dif_rules,
    item_flag_lowers_reliability,
    item_flag_low_item_rest,
    item_flag_negative_item_rest,
    item_flag_almost_all_right,
    item_flag_almost_none_right,
    item_flag_one_answer_dominates,
    item_flag_key_does_not_discriminate,
    item_flag_distractor_unused,
    item_flag_distractor_attracts_upper,
}

/// The page name of a metadata key the shipped examples use (`district`
/// → `Kabupaten/kota`), or the key itself: metadata is free-form, so a key
/// without a name is shown as written.
pub fn metadata_label<'k>(key: &'k str, lang: &str) -> &'k str {
    let t = texts(lang);
    match key {
        "age" => t.meta_age,
        "age_group" => t.meta_age_group,
        "gender" => t.meta_gender,
        "district" => t.meta_district,
        "education" => t.meta_education,
        "disability" => t.meta_disability,
        "accommodations" | "accom" => t.meta_accommodations,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table has every text, none empty, with the same placeholders
    /// in every language; and every language of the pages has the core's
    /// messages too, so a page is never half in one language.
    #[test]
    fn every_table_is_complete_and_has_the_same_placeholders() {
        for (code, table) in &TABLES {
            assert!(
                assess_core::messages::has_messages(code),
                "`{code}` has page texts but no core messages"
            );
            for ((name, text), (_, id_text)) in table.entries().zip(ID.entries()) {
                if let Err(e) = assess_core::messages::check_translation(text, id_text) {
                    panic!("`{code}`: `{name}` {e}");
                }
            }
        }
    }

    #[test]
    fn unknown_languages_fall_back_to_id() {
        assert!(std::ptr::eq(texts("en"), &EN));
        assert!(std::ptr::eq(texts("id"), &ID));
        for other in ["jv", "fr", "", "EN"] {
            assert!(std::ptr::eq(texts(other), &ID), "{other}");
            assert!(!has_texts(other));
        }
        assert_eq!(languages_list(), "`id` or `en`");
    }
}
