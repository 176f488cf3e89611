//! The job-family catalogue.

use std::rc::Rc;

use assess_core::Catalog;
use wasm_bindgen::prelude::*;

use crate::convert::{file_getters, problems_js, to_js_error};

/// A validated job-family catalogue held on the WebAssembly side.
#[wasm_bindgen(js_name = Catalog)]
#[derive(Clone)]
pub struct WasmCatalog {
    pub(crate) inner: Rc<Catalog>,
}

/// Parses and validates a job-family catalogue from TOML text.
///
/// Throws an `AssessError` listing every problem, located, when the text is
/// not a valid catalogue.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(toml: &str) -> Result<WasmCatalog, JsValue> {
    Catalog::from_toml(toml)
        .map(|c| WasmCatalog { inner: Rc::new(c) })
        .map_err(|e| to_js_error(&e))
}

/// Validates catalogue text for authoring tools: every problem, located
/// (an empty array when the file is valid). Never throws.
#[wasm_bindgen(js_name = validateCatalog, unchecked_return_type = "Problem[]")]
pub fn validate_catalog(toml: &str) -> JsValue {
    problems_js(&Catalog::from_toml(toml))
}

file_getters!(WasmCatalog, "Catalog");

#[wasm_bindgen(js_class = Catalog)]
impl WasmCatalog {
    /// Number of job families.
    #[wasm_bindgen(getter, js_name = familyCount)]
    pub fn family_count(&self) -> usize {
        self.inner.families().len()
    }
    /// Another handle on the same catalogue (sharing it, not copying),
    /// which can be freed or handed on separately (the staff build's
    /// `renderReport` reads the handles it is given through it).
    #[cfg(feature = "pages")]
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_handle(&self) -> WasmCatalog {
        self.clone()
    }
}
