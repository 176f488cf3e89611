//! The languages a caller may ask for: those an instrument or a catalogue
//! declares. One check, shared by the WebAssembly bindings and the
//! service, so that an unknown language code is an error everywhere rather
//! than silently falling back to `id`.

use assess_text::problem::{Error, Problem, ProblemKind, backtick_list, shown};

use crate::{Catalog, Instrument};

impl Instrument {
    /// Checks that `lang` is one of the instrument's declared languages.
    ///
    /// ```
    /// use assess_core::{Instrument, ProblemKind};
    ///
    /// let inst = Instrument::from_toml(include_str!("../../../tests/fixtures/valid/mini.toml"))?;
    /// assert!(inst.check_language("en", "lang").is_ok());
    /// let err = inst.check_language("fr", "options.language").unwrap_err();
    /// assert_eq!((err.kind(), err.first().path()), (ProblemKind::Language, "options.language"));
    /// assert_eq!(err.first().message(), "`mini-minat` has no language `fr`; expected `en`, `id`");
    /// # Ok::<(), assess_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`ProblemKind::Language`] problem at `path` that names the
    /// languages there are.
    pub fn check_language(&self, lang: &str, path: &str) -> Result<(), Error> {
        let languages: Vec<&str> = self.languages().iter().map(String::as_str).collect();
        check(self.id(), &languages, lang, path)
    }
}

impl Catalog {
    /// Checks that `lang` is one of the catalogue's languages (those of its
    /// title, which validation makes the declared ones).
    ///
    /// # Errors
    ///
    /// A [`ProblemKind::Language`] problem at `path` that names the
    /// languages there are.
    pub fn check_language(&self, lang: &str, path: &str) -> Result<(), Error> {
        let languages: Vec<&str> = self.title().languages().collect();
        check(self.id(), &languages, lang, path)
    }
}

fn check(id: &str, languages: &[&str], lang: &str, path: &str) -> Result<(), Error> {
    if languages.contains(&lang) {
        return Ok(());
    }
    Err(Error::single(Problem::new(
        ProblemKind::Language,
        path,
        format!(
            "`{id}` has no language `{}`; expected {}",
            shown(lang),
            backtick_list(languages.iter().copied())
        ),
    )))
}
