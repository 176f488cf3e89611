//! English.

use super::{Messages, Notices};

/// The messages in English (`en`).
pub static EN: Messages = Messages {
    type_realistic: "Realistic",
    type_investigative: "Investigative",
    type_artistic: "Artistic",
    type_social: "Social",
    type_enterprising: "Enterprising",
    type_conventional: "Conventional",

    profile_note_low: "No kind of work stands out as liked yet. Talk about what the person enjoys doing day to day, and try short taster activities before choosing training.",
    profile_note_flat: "The person likes many kinds of work about equally. Explore two or three families together, and use aptitude and readiness results to narrow the choice.",

    not_scorable_items: "too many items unanswered: {missing} of {items} missing; at most {allowed} may be missing",
    not_scorable_components: "too many component scales not scorable: {missing} of {components}; at most {allowed} may be missing",

    flag_low_completion: "only {answered} of {presented} items were answered",
    flag_longstring: "{run} identical answers in a row; ask whether the questions were read carefully",
    flag_low_variability: "answers barely vary",
    flag_too_fast: "median {seconds} seconds per item; answers may have been given too quickly",
    flag_identical_answers: "every answer is the same",

    full_form: "Full form",

    explain_interests: "Your strongest interests are {interests}. This work involves a lot of {activities}. Interest fit: {fit} out of 100.",
    list_and: " and ",
    explain_practise: "It helps to practise {aptitudes} first.",
    explain_strengthen: "Also strengthen: {competencies}.",
};

/// The notices in English (`en`).
pub static EN_NOTICES: Notices = Notices {
    status_draft: "Draft: this instrument is still being developed and is not for use with respondents. Its results are for trials only.",
    status_provisional: "Provisional — not yet normed on Central Java respondents. These results are for discussion with a counsellor, not for screening or decisions.",
    status_validated: "Validated on the population served. Results remain for exploration and counselling, not for screening people out.",
    consistency_with_code: "Consistency {code}: {meaning}",
    consistency_without_code: "Consistency {meaning}",
    consistency_high: "high: the two strongest interests sit next to each other on Holland's hexagon and support each other, so one kind of work often satisfies both.",
    consistency_medium: "medium: the two strongest interests are one step apart on the hexagon; some work combines both, but it takes looking for.",
    consistency_low: "low: the two strongest interests sit opposite each other on the hexagon. This is not a weakness; talk about which matters more, or about work and activities that leave room for both.",
    differentiation_low: "Differentiation: every interest is low (the highest below {limit} of 100). No field stands out yet.",
    differentiation_flat: "Differentiation is low: the strongest and weakest interests are only {gap} points apart out of 100 (less than {limit}); many fields are liked about equally.",
    differentiation_clear: "Differentiation is clear: the strongest and weakest interests are {gap} points apart out of 100; the leading interests are a sound starting point.",
};
