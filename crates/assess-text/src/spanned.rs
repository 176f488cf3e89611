//! Values that remember where they were in the TOML source.

use std::ops::Range;

/// A deserialised value with its byte span in the TOML text.
///
/// Read from the spanned tree of [`crate::toml`] by [`crate::toml::de`]; in
/// the JSON Schema it is exactly the schema of `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Byte span in the source.
    pub span: Range<usize>,
}

impl<T> Sp<T> {
    /// The span, as an `Option` for [`crate::Problem::with_span`].
    pub fn at(&self) -> Option<Range<usize>> {
        Some(self.span.clone())
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}
