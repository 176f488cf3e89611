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

    flag_label_low_completion: "few items answered",
    flag_label_longstring: "same answer in a row",
    flag_label_low_variability: "little variation",
    flag_label_too_fast: "too fast",
    flag_label_identical_answers: "every answer the same",

    full_form: "Full form",
    status_name_draft: "draft",
    status_name_provisional: "provisional",
    status_name_validated: "validated",

    decimal_mark: ".",
    explain_interests: "Your strongest interests are {interests}.",
    explain_unclear_flat: "Your answers do not yet set one kind of interest apart from the others, so this family is one example to explore, not a top choice.",
    explain_unclear_low: "No kind of interest stands out yet as one you like, so this family is one example to explore, not a top choice.",
    explain_code: "This family's code is {code}.",
    explain_code_letters: "This family's code is {code}: {letters}.",
    explain_shared_all: "All its letters are among your three strongest interests: {shared}.",
    explain_shared_some: "Among your three strongest interests: {shared}; not among them: {unshared}.",
    explain_shared_none: "None of its letters is among your three strongest interests: {unshared}.",
    explain_activities: "This work involves a lot of {activities}.",
    recommend_note_flat: "The answers do not set one kind of interest apart from the others, so the families below are examples to explore, not a ranking.",
    recommend_note_low: "No interest is high yet, so the families below are examples to explore, not a ranking.",
    list_and: " and ",
    training_blk: "BLK course",
    training_apprenticeship: "apprenticeship",
    training_certification: "competency certification",
    training_course: "short course",
    training_mentoring: "mentoring",
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
    consistency_unclear: "Consistency is not read: with no interest standing out yet, the first two letters of the code carry no meaning.",
    consistency_high: "high: the two strongest interests sit next to each other on Holland's hexagon and support each other, so one kind of work often satisfies both.",
    consistency_medium: "medium: the two strongest interests are one step apart on the hexagon; some work combines both, but it takes looking for.",
    consistency_low: "low: the two strongest interests sit opposite each other on the hexagon. This is not a weakness; talk about which matters more, or about work and activities that leave room for both.",
    differentiation_low: "Differentiation: every interest is low (the highest below {limit} of 100). No field stands out yet.",
    differentiation_flat: "Differentiation is low: the strongest and weakest interests are only {gap} points apart out of 100 (less than {limit}); many fields are liked about equally.",
    differentiation_clear: "Differentiation is clear: the strongest and weakest interests are {gap} points apart out of 100; the leading interests are a sound starting point.",
};
